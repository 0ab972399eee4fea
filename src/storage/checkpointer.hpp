#pragma once
// SQLite only: copies the write-ahead log into the database on a thread of its own, twice a
// second, so that this copy and its fsync never stall the writer that happens to cross SQLite's
// own threshold (which stays as a safety net, set high: sqlite_connection.cpp).
#include <functional>
#include <memory>

#include "storage/sql.hpp"
#include "support/periodic.hpp"

namespace meldpunt::storage {

class Checkpointer {
  public:
    // `connect` opens a connection of its own to the database; the thread starts at once.
    explicit Checkpointer(std::function<std::unique_ptr<SqlConnection>()> connect);

  private:
    void checkpoint();

    std::function<std::unique_ptr<SqlConnection>()> connect_;
    std::unique_ptr<SqlConnection> connection_;  // used by the loop's thread only
    support::Periodic loop_;                     // last: stopped first, before what its passes use
};

}  // namespace meldpunt::storage
