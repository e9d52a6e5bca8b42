#pragma once
// Relevance judgments as BEIR ships them: qrels/<split>.tsv, "query-id<TAB>corpus-id<TAB>score"
// with a header line.
#include <filesystem>
#include <istream>
#include <map>
#include <string>

namespace braid::eval {

using Judgments = std::map<std::string, int>;    // corpus id -> graded relevance (0: judged not relevant)
using Qrels = std::map<std::string, Judgments>;  // query id -> judgments

// Reads a qrels TSV. The first line may be BEIR's header ("query-id ..."); blank lines and a
// trailing CR are ignored; a fourth column is tolerated. Any other line that is not
// id<TAB>id<TAB>integer throws braid::Error(invalid_argument, "invalid_dataset") naming
// `source`:line; an unreadable file throws braid::Error(io).
Qrels read_qrels(std::istream& in, const std::string& source);
Qrels load_qrels(const std::filesystem::path& file);

}  // namespace braid::eval
