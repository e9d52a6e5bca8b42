#include <algorithm>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "core/error.hpp"

namespace {

struct Command {
    const char* name;
    const char* usage;
    std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Command>& commands() {
    using namespace braid::app;
    static const std::vector<Command> list = {
        {"serve", "serve --config FILE [--port N]\n"
                  "    Serve the REST API on server.host:server.port (port 0: an ephemeral port).\n"
                  "    SIGTERM / Ctrl-C stop gracefully and write a snapshot.",
         serve_command},
        {"index", "index --config FILE [--batch LINES] [--url http://HOST:PORT] [--allow-errors]\n"
                  "    Load every collection's \"sources\" (JSONL) in bulk batches (default 1000 lines),\n"
                  "    then snapshot, so a later `braid serve` finds the data. While a server holds the\n"
                  "    data_dir, --url loads through it instead (API key from the config or BRAID_API_KEY).\n"
                  "    Exits 1 after the summary when a line failed (the others are indexed), unless\n"
                  "    --allow-errors.",
         index_command},
        {"search", "search --config FILE --collection NAME [--k N] [--offset N] [--vector-file F]\n"
                   "       [--fusion rrf|linear] [--explain] [--json] [--request FILE] [QUERY...]\n"
                   "    Run one search on the stored data (no server needed) and print a ranked table\n"
                   "    (rank, id, score, lexical and dense ranks, a title or text snippet); --json prints\n"
                   "    the JSON answer (indented), as does --explain.\n"
                   "    --vector-file: a JSON array of numbers, or an object with \"vector\" or \"embedding\".\n"
                   "    --request: a whole search body as for POST /collections/{name}/search.",
         search_command},
        {"eval", "eval (--config FILE | --url http://HOST:PORT) --collection NAME --beir DIR\n"
                 "     [--queries-vectors FILE] [--qrels FILE] [--grid [--plot FILE.svg]] [--json]\n"
                 "    nDCG@10 and Recall@100 (as trec_eval / BEIR compute them) for lexical, dense and\n"
                 "    hybrid searches on a BEIR folder (queries.jsonl, qrels/test.tsv).\n"
                 "    --grid sweeps rrf k and linear alpha (--plot draws nDCG@10 against both as an SVG);\n"
                 "    --json prints one JSON object instead.\n"
                 "    --url evaluates a running server over HTTP (API key from BRAID_API_KEY).",
         eval_command},
        {"export", "export (--config FILE | --url http://HOST:PORT) --collection NAME [--out FILE]\n"
                   "    Write every document of a collection as NDJSON, one per line in id order, each with\n"
                   "    its id field: what POST /collections/{name}/documents/_bulk takes back unchanged.\n"
                   "    --config reads the stored data (no server may hold it); --url reads a running\n"
                   "    server (API key from the config or BRAID_API_KEY). Default output: stdout.",
         export_command},
        {"analyze", "analyze --analyzer NAME [--config FILE] TEXT...\n"
                    "    Print the tokens an analyzer makes of TEXT as JSON.",
         analyze_command},
    };
    return list;
}

void print_help(std::ostream& out) {
    out << "braid: a hybrid (BM25 + vector) search server\n\nusage: braid <command> [options]\n\n"
           "commands:\n";
    for (const auto& command : commands()) out << "  " << command.usage << "\n\n";
    out << "Run `braid <command> --help` for one command.\n";
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> all(argv + 1, argv + argc);
    if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
        print_help(all.empty() ? std::cerr : std::cout);
        return all.empty() ? 2 : 0;
    }
    const auto command = std::find_if(commands().begin(), commands().end(),
                                      [&](const Command& c) { return all[0] == c.name; });
    if (command == commands().end()) {
        std::cerr << "braid: unknown command \"" << all[0] << "\"\n\n";
        print_help(std::cerr);
        return 2;
    }
    const std::vector<std::string> args(all.begin() + 1, all.end());
    if (std::find(args.begin(), args.end(), "--help") != args.end()) {
        std::cout << "usage: braid " << command->usage << "\n";
        return 0;
    }
    try {
        return command->run(args);
    } catch (const braid::Error& error) {
        std::cerr << "braid " << command->name << ": " << error.what() << "\n";
        if (error.type() == "usage") {
            std::cerr << "usage: braid " << command->usage << "\n";
            return 2;
        }
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "braid " << command->name << ": " << error.what() << "\n";
        return 1;
    }
}
