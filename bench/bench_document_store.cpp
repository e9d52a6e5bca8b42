// Stored text of SciFact (issue 12: at most 40% of the raw JSON): each document as sent minus
// its "embedding" member, LZ4-compressed, without and with the dictionary the store trains; and
// the time to decode one back, as every hit of an answer does.
//   usage: build/bench/bench_document_store [corpus.lsa256.jsonl]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "engine/document_codec.hpp"
#include "engine/document_output.hpp"
#include "engine/document_store.hpp"
#include "engine/stored_document.hpp"

using namespace braid::engine;

int main(int argc, char** argv) {
    const std::string path =
        argc > 1 ? argv[1] : std::string(BRAID_SOURCE_DIR) + "/../shared/datasets/scifact/corpus.lsa256.jsonl";
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return 1;
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);

    std::size_t raw = 0, stripped_bytes = 0, plain_lz4 = 0;
    DocumentCodec plain;
    DocumentStore store;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        raw += lines[i].size() + 1;
        StrippedDocument stripped = strip_member(lines[i], "embedding");
        stripped_bytes += stripped.text.size();
        plain_lz4 += plain.compress(stripped.text).bytes.size();
        store.add(static_cast<braid::DocOrdinal>(i), std::to_string(i), std::move(stripped));
    }
    const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t read = 0;
    constexpr int kRounds = 20;
    std::string answer;
    for (int round = 0; round < kRounds; ++round)
        for (std::size_t i = 0; i < lines.size(); ++i) {
            answer.clear();
            store.append_text(static_cast<braid::DocOrdinal>(i), answer);
            read += answer.size();
        }
    const double read_us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() /
                           (kRounds * lines.size());
    const double n = static_cast<double>(lines.size());
    std::printf("%zu documents from %s\n", lines.size(), path.c_str());
    std::printf("  raw JSON lines:            %9zu bytes (%6.0f per document)\n", raw, raw / n);
    std::printf("  minus the vector member:   %9zu bytes (%5.1f%% of raw)\n", stripped_bytes, 100.0 * stripped_bytes / raw);
    std::printf("  LZ4, no dictionary:        %9zu bytes (%5.1f%% of raw)\n", plain_lz4, 100.0 * plain_lz4 / raw);
    std::printf("  as stored (dictionary %s): %9zu bytes (%5.1f%% of raw)\n", store.has_dictionary() ? "yes" : "no ",
                store.packed_bytes(), 100.0 * store.packed_bytes() / raw);
    std::printf("  store memory (engine accounting): %zu bytes (%.0f per document)\n", store.memory_bytes(),
                store.memory_bytes() / n);
    std::printf("  adding all (strip, compress, train): %.0f ms; decoding one into an answer: %.2f us (checksum %zu)\n",
                load_ms, read_us, read);
}
