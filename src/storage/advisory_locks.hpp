#pragma once
// PostgreSQL advisory lock ids, one per thing that servers sharing a database take turns at.
// (SQLite needs none: it has one writer at a time.)
#include <cstdint>

namespace meldpunt::storage {

// Held for the whole of a migration run, so that servers starting at once migrate one by one.
inline constexpr int64_t kMigrationLock = 4242;
// Held by a transaction that appends to the audit chain, until it ends (the chain has one tail).
inline constexpr int64_t kAuditChainLock = 4243;
// Held by the server that runs the sweep, for as long as it runs (storage::Leadership).
inline constexpr int64_t kSweepLock = 4244;
// Held by the server that reads the organisations' mailboxes (workers/mailbox_poller).
inline constexpr int64_t kMailboxLock = 4245;

}  // namespace meldpunt::storage
