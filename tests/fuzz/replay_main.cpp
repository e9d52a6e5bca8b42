// A plain main for a libFuzzer target: runs every file under the given folders (or the given
// files) through LLVMFuzzerTestOneInput once, so ctest replays each seed corpus and every kept
// crash reproducer with any compiler. A target signals a failure by aborting; each input's path
// is printed first so that a failure names its input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_under(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_regular_file(path)) {
        files.push_back(path);
    } else if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char* argv[]) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path root = argv[i];
        if (!std::filesystem::exists(root)) {
            std::cerr << "no such corpus: " << root << "\n";
            return 1;
        }
        for (const auto& file : inputs_under(root)) {
            std::ifstream in(file, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (!in && !in.eof()) {
                std::cerr << "cannot read " << file << "\n";
                return 1;
            }
            std::cerr << "replaying " << file.string() << " (" << bytes.size() << " bytes)\n";
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    std::cout << "replayed " << replayed << " inputs without a failure\n";
    return replayed > 0 ? 0 : 1;  // an empty corpus is not a pass
}
