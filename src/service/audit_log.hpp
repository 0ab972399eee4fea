#pragma once
// The tamper-evident audit trail. Every change is appended as an entry whose hash covers its
// content and the previous entry's hash (a hash chain), inside the same transaction as the change
// itself. verify_audit() recomputes the chain: an edited entry breaks its own hash, a removed or
// reordered entry breaks the sequence or the chain. (The database also refuses UPDATE and DELETE
// on the table; the chain catches what is done around Meldpunt, directly in the file or database.)
#include <cstdint>
#include <string>

#include "storage/store.hpp"

namespace meldpunt::service {

// Appends one entry; call inside the transaction that makes the change.
void append_audit(storage::Tx& tx, int64_t at, const std::string& org, const std::string& actor,
                  const std::string& action, const std::string& subject, const std::string& detail);

struct AuditVerification {
    bool intact = true;
    int64_t entries = 0;
    int64_t first_bad_seq = 0;  // 0 when intact
    std::string problem;        // "hash", "chain", "sequence"
};

AuditVerification verify_audit(storage::Store& store);

// The hash of an entry as append_audit computes it (exposed for tests).
std::string audit_hash(const storage::AuditEntry& entry);

}  // namespace meldpunt::service
