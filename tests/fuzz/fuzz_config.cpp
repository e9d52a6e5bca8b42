// Any byte string given to the config parser either parses or throws braid::Error with a path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto config = braid::config::parse_config(text, "/tmp");
        for (const auto& c : config.collections) {
            if (!braid::config::is_safe_name(c.name)) std::abort();  // validation let a bad name through
            // What to_json writes must parse back.
            (void)braid::config::parse_collection(braid::config::to_json(c), "fuzz");
        }
    } catch (const braid::Error& e) {
        if (e.kind() != braid::ErrorKind::invalid_argument) std::abort();
    }
    return 0;
}
