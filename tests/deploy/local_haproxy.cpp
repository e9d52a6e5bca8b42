#include "tests/deploy/local_haproxy.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"

namespace braid::deploy_test {

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    std::string field;
    while (std::getline(in, field, ',')) fields.push_back(field);
    return fields;
}

}  // namespace

std::optional<std::string> haproxy_program() {
    if (test_support::on_path("haproxy")) return std::string("haproxy");
    if (std::filesystem::exists("/usr/sbin/haproxy")) return std::string("/usr/sbin/haproxy");
    return std::nullopt;
}

LocalHaproxy::LocalHaproxy(const std::filesystem::path& dir, const LocalPorts& ports) : ports_(ports) {
    const auto program = haproxy_program();
    if (!program) throw std::runtime_error("haproxy is not installed");
    std::filesystem::create_directories(dir);
    const auto config = dir / "haproxy.cfg";
    std::ofstream(config) << local_haproxy_config(read_text(shipped_haproxy_config()), ports_);
    // -db: foreground, no daemon (the test owns the process and its end).
    process_ = std::make_unique<test_support::ChildProcess>(std::vector<std::string>{*program, "-db", "-f", config.string()},
                                                            dir / "haproxy.log");
    const bool ready = test_support::eventually(
        [&] {
            if (!process_->running()) return true;
            test_support::HttpClient stats(ports_.stats);
            return stats.get("/stats;csv").status == 200;
        },
        std::chrono::seconds(10));
    if (!process_->running() || !ready) throw std::runtime_error("haproxy did not start:\n" + read_text(dir / "haproxy.log"));
}

LocalHaproxy::~LocalHaproxy() = default;

ServerStats LocalHaproxy::server(const std::string& name) const {
    test_support::HttpClient stats(ports_.stats);
    const auto answer = stats.get("/stats;csv");
    if (answer.status != 200) throw std::runtime_error("haproxy stats answered " + std::to_string(answer.status));
    std::istringstream lines(answer.body);
    std::string line;
    std::getline(lines, line);  // "# pxname,svname,qcur,...": the column names
    const auto columns = csv_fields(line.substr(2));
    std::size_t status_column = columns.size(), requests_column = columns.size();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == "status") status_column = i;
        if (columns[i] == "stot") requests_column = i;
    }
    if (status_column == columns.size() || requests_column == columns.size())
        throw std::runtime_error("haproxy stats without status or stot: " + line);
    while (std::getline(lines, line)) {
        const auto fields = csv_fields(line);
        if (fields.size() <= status_column || fields.size() <= requests_column) continue;
        if (fields[0] == "braid_nodes" && fields[1] == name)
            return ServerStats{fields[status_column], std::stoll(fields[requests_column])};
    }
    throw std::runtime_error("no server " + name + " in haproxy's braid_nodes backend");
}

}  // namespace braid::deploy_test
