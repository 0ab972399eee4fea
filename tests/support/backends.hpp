#pragma once
// The two storage backends the integration tests run against: a real SQLite file in a temporary
// directory and a database on the throw-away PostgreSQL server.
#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/postgres_server.hpp"

namespace meldpunt::testing {

// A new database on the test program's PostgreSQL server that already has the register's schema:
// a copy of one template database migrated on first use (CREATE DATABASE ... TEMPLATE copies its
// files), instead of every test running every migration over the wire. What opens it finds nothing
// left to migrate; its secrets were made once, in the template.
inline std::string fresh_postgres_register(const std::string& name) {
    static std::once_flag migrated;
    static const std::string kTemplate = "meldpunt_template";
    std::call_once(migrated, [] { storage::Store::open(postgres_server().create_database(kTemplate), 1); });
    return postgres_server().create_database(name, kTemplate);
}

// A fresh database URL for `backend` ("sqlite" or "postgres"): an empty SQLite file (the first open
// migrates it), or a PostgreSQL database with the schema in place (fresh_postgres_register).
inline std::string fresh_database(const std::string& backend) {
    static std::atomic<int> counter{0};
    const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    if (backend == "postgres")
        return fresh_postgres_register(name);
    // A new directory every time (process ids are reused, and /tmp outlives test runs).
    std::string pattern = ::testing::TempDir() + "meldpunt-db-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    return (std::filesystem::path(pattern) / "meldpunt.db").string();
}

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

}  // namespace meldpunt::testing
