#pragma once
// The two storage backends the integration tests run against: a real SQLite file in a temporary
// directory and a database on the throw-away PostgreSQL server.
#include <unistd.h>
#include <atomic>
#include <filesystem>
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
    const auto dir = std::filesystem::path(::testing::TempDir()) / ("meldpunt-" + name);
    std::filesystem::create_directories(dir);
    return (dir / "meldpunt.db").string();
}

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

}  // namespace meldpunt::testing
