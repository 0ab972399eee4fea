#pragma once
// The tamper-evident audit trail. Every change is appended as an entry whose hash covers its
// content and the previous entry's hash (a hash chain), inside the same transaction as the change
// itself. verify_audit() recomputes the chain: an edited entry breaks its own hash, a removed or
// reordered entry breaks the sequence or the chain. (The database also refuses UPDATE and DELETE
// on the table; the chain catches what is done around Meldpunt, directly in the file or database.)
#include <cstdint>
#include <optional>
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
    std::string problem;        // "hash", "chain", "sequence", "anchor"
    std::string head_hash;      // the hash of the last verified entry (seq `entries`)
};

// The chain alone cannot show that its newest entries were removed: what remains is a valid,
// shorter chain. An anchor is an entry's seq and hash recorded outside the database (printed by
// `meldpunt audit verify`); a later verification with it fails ("anchor") when that entry is gone
// or different.
struct AuditAnchor {
    int64_t seq = 0;
    std::string hash;
};

AuditVerification verify_audit(storage::Store& store,
                               const std::optional<AuditAnchor>& anchor = std::nullopt);

// The hash of an entry as append_audit computes it (exposed for tests).
std::string audit_hash(const storage::AuditEntry& entry);

}  // namespace meldpunt::service
