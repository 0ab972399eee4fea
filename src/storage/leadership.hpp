#pragma once
// Being the one process that does something for a database (the sweep): on PostgreSQL a session
// advisory lock on a connection of its own, which the database releases when the process or its
// connection dies, so that another server takes over at its next try; on SQLite, which has one
// server, always granted. Made by Store::try_lead.
#include <cstdint>
#include <memory>

#include "storage/sql.hpp"

namespace meldpunt::storage {

class Leadership {
  public:
    // `connection` is null on SQLite.
    Leadership(std::unique_ptr<SqlConnection> connection, int64_t lock)
        : connection_(std::move(connection)), lock_(lock) {}
    ~Leadership();
    Leadership(const Leadership&) = delete;
    Leadership& operator=(const Leadership&) = delete;

    // Whether the lock is still held (its connection still answers); never throws.
    bool held();

  private:
    std::unique_ptr<SqlConnection> connection_;
    int64_t lock_;
};

}  // namespace meldpunt::storage
