#pragma once
// SQLite only: copies the write-ahead log into the database on a thread of its own, twice a
// second, so that this copy and its fsync never stall the writer that happens to cross SQLite's
// own threshold (which stays as a safety net, set high: sqlite_connection.cpp).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/sql.hpp"

namespace meldpunt::storage {

class Checkpointer {
  public:
    // `connect` opens a connection of its own to the database; the thread starts at once.
    explicit Checkpointer(std::function<std::unique_ptr<SqlConnection>()> connect);
    // Stops the thread and waits for it.
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

  private:
    void loop();
    std::function<std::unique_ptr<SqlConnection>()> connect_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the members above exist
};

}  // namespace meldpunt::storage
