#include "storage/checkpointer.hpp"

#include <chrono>

namespace meldpunt::storage {

namespace {
// PASSIVE: copies what it can without waiting for readers or blocking the writer.
constexpr const char* kCheckpointSqlite = "PRAGMA wal_checkpoint(PASSIVE)";
constexpr auto kInterval = std::chrono::milliseconds(500);
}  // namespace

Checkpointer::Checkpointer(std::function<std::unique_ptr<SqlConnection>()> connect)
    : connect_(std::move(connect)),
      loop_([this] { checkpoint(); }, kInterval, support::Periodic::Start::after_interval) {}

void Checkpointer::checkpoint() {
    try {
        if (!connection_)
            connection_ = connect_();
        connection_->execute_script(kCheckpointSqlite);
    } catch (const std::exception&) {
        connection_.reset();  // e.g. the file is busy or gone: try again on the next round
    }
}

}  // namespace meldpunt::storage
