#include "config/duplicate_keys.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>

#include "config/json_reader.hpp"

namespace braid::config::detail {
namespace {

using boost::json::string_view;
using boost::system::error_code;

// A basic_parser handler that only tracks keys per open object and the path to where it is.
class DuplicateKeyHandler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    std::optional<std::string> duplicate;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) {
        frames_.push_back(Frame{true, 0, {}, {}});
        return true;
    }
    bool on_object_end(std::size_t, error_code&) { return end_container(); }
    bool on_array_begin(error_code&) {
        frames_.push_back(Frame{false, 0, {}, {}});
        return true;
    }
    bool on_array_end(std::size_t, error_code&) { return end_container(); }
    bool on_key_part(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(string_view part, std::size_t, error_code& ec) {
        key_.append(part.data(), part.size());
        Frame& frame = frames_.back();
        frame.key = std::move(key_);
        key_.clear();
        if (std::find(frame.keys.begin(), frame.keys.end(), frame.key) != frame.keys.end()) {
            duplicate = path();
            ec = boost::json::error::syntax;  // stops the parser; `duplicate` says why
            return false;
        }
        frame.keys.push_back(frame.key);
        return true;
    }
    bool on_string_part(string_view, std::size_t, error_code&) { return true; }
    bool on_string(string_view, std::size_t, error_code&) { return end_value(); }
    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t, string_view, error_code&) { return end_value(); }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return end_value(); }
    bool on_double(double, string_view, error_code&) { return end_value(); }
    bool on_bool(bool, error_code&) { return end_value(); }
    bool on_null(error_code&) { return end_value(); }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    struct Frame {
        bool is_object;
        std::size_t index;              // arrays: the element being read
        std::vector<std::string> keys;  // objects: keys seen so far
        std::string key;                // objects: the member being read
    };

    bool end_value() {
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
        return true;
    }
    bool end_container() {
        frames_.pop_back();
        return end_value();
    }
    std::string path() const {
        std::string out;
        for (const Frame& frame : frames_) out = frame.is_object ? member_path(out, frame.key) : element_path(out, frame.index);
        return out;
    }

    std::vector<Frame> frames_;
    std::string key_;
};

}  // namespace

std::optional<std::string> find_duplicate_key(std::string_view json_text) {
    boost::json::basic_parser<DuplicateKeyHandler> parser{boost::json::parse_options{}};
    error_code ec;
    parser.write_some(false, json_text.data(), json_text.size(), ec);
    return parser.handler().duplicate;
}

}  // namespace braid::config::detail
