#include "storage/checkpointer.hpp"

#include <chrono>

namespace meldpunt::storage {

namespace {
// PASSIVE: copies what it can without waiting for readers or blocking the writer.
constexpr const char* kCheckpointSqlite = "PRAGMA wal_checkpoint(PASSIVE)";
constexpr auto kInterval = std::chrono::milliseconds(500);
}  // namespace

Checkpointer::Checkpointer(std::function<std::unique_ptr<SqlConnection>()> connect)
    : connect_(std::move(connect)), thread_([this] { loop(); }) {}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Checkpointer::loop() {
    std::unique_ptr<SqlConnection> connection;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kInterval);
        if (stopping_)
            break;
        lock.unlock();
        try {
            if (!connection)
                connection = connect_();
            connection->execute_script(kCheckpointSqlite);
        } catch (const std::exception&) {
            connection.reset();  // e.g. the file is busy or gone: try again on the next round
        }
        lock.lock();
    }
}

}  // namespace meldpunt::storage
