#include "storage/audit_table.hpp"

#include <string>

#include "storage/advisory_locks.hpp"
#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects; columns as read by audit_from.
constexpr const char* kSelectLast =
    "SELECT seq, at, org, actor, action, subject, detail, prev_hash, hash, key_id FROM audit ORDER BY seq "
    "DESC "
    "LIMIT 1";
constexpr const char* kSelectFrom =
    "SELECT seq, at, org, actor, action, subject, detail, prev_hash, hash, key_id FROM audit WHERE seq > $1 "
    "ORDER BY seq LIMIT $2";
constexpr const char* kInsert =
    "INSERT INTO audit (seq, at, org, actor, action, subject, detail, prev_hash, hash, key_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
// PostgreSQL only.
constexpr const char* kLockPostgres = "SELECT pg_advisory_xact_lock($1)";

AuditEntry audit_from(const Row& r) {
    return {number(r, 0), number(r, 1), text(r, 2), text(r, 3), text(r, 4),
            text(r, 5),   text(r, 6),   text(r, 7), text(r, 8), text(r, 9)};
}

}  // namespace

std::optional<AuditEntry> AuditTable::last() {
    return first_row(db_.query(kSelectLast), audit_from);
}

void AuditTable::insert(const AuditEntry& e) {
    db_.query(kInsert,
              {e.seq, e.at, e.org, e.actor, e.action, e.subject, e.detail, e.prev_hash, e.hash, e.key_id});
}

std::vector<AuditEntry> AuditTable::entries(int64_t after_seq, int limit) {
    std::vector<AuditEntry> out;
    for (const auto& row : db_.query(kSelectFrom, {after_seq, int64_t{limit}}))
        out.push_back(audit_from(row));
    return out;
}

void AuditTable::lock() {
    if (db_.dialect() == Dialect::postgres)
        db_.query(kLockPostgres, {kAuditChainLock});
}

}  // namespace meldpunt::storage
