#pragma once
// The audit log's rows: a hash chain, appended to at its tail (service/audit_log.hpp keeps the
// chain; this is only its storage).
#include <cstdint>
#include <optional>
#include <vector>

#include "storage/records.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class AuditTable {
  public:
    explicit AuditTable(SqlConnection& db) : db_(db) {}

    std::optional<AuditEntry> last();
    void insert(const AuditEntry& entry);
    // Entries in sequence order, `limit` at a time from `after_seq`.
    std::vector<AuditEntry> entries(int64_t after_seq, int limit);
    // Serialises appenders across processes until the transaction ends (PostgreSQL advisory lock
    // kAuditChainLock; SQLite is single-writer).
    void lock();

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
