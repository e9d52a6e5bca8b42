#pragma once
// A fresh folder under the system temporary directory, removed with its contents at scope exit.
#include <filesystem>
#include <string>
#include <string_view>

namespace braid::test_support {

class TempDir {
public:
    explicit TempDir(std::string_view prefix = "braid-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `text` to path()/name (creating folders on the way) and returns that path.
    std::filesystem::path write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

}  // namespace braid::test_support
