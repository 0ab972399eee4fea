#include "support/postgres_server.hpp"

#include "support/process.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace meldpunt::testing {

namespace {

std::string find_bin() {
    for (const char* dir :
         {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"}) {
        if (std::filesystem::exists(std::string(dir) + "/initdb"))
            return dir;
    }
    throw std::runtime_error(
        "PostgreSQL server binaries not found (scripts/install-deps installs postgresql-15)");
}

}  // namespace

PostgresServer::PostgresServer()
    : bin_(find_bin()), port_(free_tcp_port()), as_postgres_user_(geteuid() == 0) {
    char pattern[] = "/tmp/meldpunt-pg-XXXXXX";
    if (!mkdtemp(pattern))
        throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    if (as_postgres_user_)
        shell("chown postgres " + dir_);
    run_as_owner(bin_ + "/initdb -D " + dir_ +
                 "/data -A trust -U meldpunt --no-sync -E UTF8 --locale=C.UTF-8");
    start();
}

void PostgresServer::start() {
    run_as_owner(bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/log -w -t 60 -o \"-p " +
                 std::to_string(port_) + " -k " + dir_ +
                 " -c listen_addresses=127.0.0.1 -c max_connections=200\" start");
}

void PostgresServer::stop() {
    run_as_owner(bin_ + "/pg_ctl -D " + dir_ + "/data -m fast -w stop");
}

PostgresServer::~PostgresServer() {
    int status = 0;
    shell((as_postgres_user_ ? "runuser -u postgres -- " : "") + bin_ + "/pg_ctl -D " + dir_ +
              "/data -m immediate -w stop",
          &status);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string PostgresServer::run_as_owner(const std::string& command) const {
    return shell(as_postgres_user_ ? "runuser -u postgres -- " + command : command);
}

std::string PostgresServer::create_database(const std::string& name, const std::string& from_template) {
    const std::string copy = from_template.empty() ? "" : " TEMPLATE " + from_template;
    run_as_owner(bin_ + "/psql -h 127.0.0.1 -p " + std::to_string(port_) +
                 " -U meldpunt -d postgres -q -c 'CREATE DATABASE " + name + copy + "'");
    return "postgresql://meldpunt@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

PostgresServer& postgres_server() {
    static PostgresServer server;
    return server;
}

}  // namespace meldpunt::testing
