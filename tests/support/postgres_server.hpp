#pragma once
// A real, throw-away PostgreSQL server for the tests: initdb into a temporary directory, start it on
// a free loopback port, and stop and remove it at the end. Uses the Debian postgresql-15 binaries;
// when the tests run as root (CI), the server runs as the `postgres` system user, because
// PostgreSQL refuses to run as root.
#include <string>

namespace meldpunt::testing {

class PostgresServer {
  public:
    // Starts the server; throws std::runtime_error with the reason when it cannot.
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // Creates a fresh database and returns its connection URL: empty, or a copy of database
    // `from_template` (which nobody may be connected to meanwhile).
    std::string create_database(const std::string& name, const std::string& from_template = "");
    int port() const { return port_; }
    // Stops the server (fast: connections are closed) and starts it again on the same port, for
    // tests of a database that is briefly away.
    void stop();
    void start();

  private:
    std::string run_as_owner(const std::string& command) const;
    std::string bin_;
    std::string dir_;
    int port_ = 0;
    bool as_postgres_user_ = false;
};

// One server per test program, started on first use.
PostgresServer& postgres_server();

}  // namespace meldpunt::testing
