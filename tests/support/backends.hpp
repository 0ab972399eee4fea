#pragma once
// The two storage backends the integration tests run against: a real SQLite file in a temporary
// directory and a database on the throw-away PostgreSQL server.
#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "support/postgres_server.hpp"

namespace meldpunt::testing {

// A fresh, empty database URL for `backend` ("sqlite" or "postgres").
inline std::string fresh_database(const std::string& backend) {
    static std::atomic<int> counter{0};
    const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    if (backend == "postgres")
        return postgres_server().create_database(name);
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
