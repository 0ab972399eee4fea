#pragma once
// The tamper-evident audit trail. Every change is appended as an entry whose hash covers its
// content and the previous entry's hash (a hash chain), inside the same transaction as the change
// itself. verify_audit() recomputes the chain: an edited entry breaks its own hash, a removed or
// reordered entry breaks the sequence or the chain. (The database also refuses UPDATE and DELETE
// on the table; the chain catches what is done around Meldpunt, directly in the file or database.)
//
// What the chain alone cannot stop is someone with write access to the database who rewrites it
// from some entry on and recomputes every hash after it. Two things close that (issue 15):
// - a key (audit_key.hpp): keyed entries' hashes are HMACs under a secret kept outside the
//   database, so without the key no rewritten entry verifies;
// - anchors: an entry's seq and hash published outside the database (audit_anchors.hpp, or printed
//   by `meldpunt audit verify`); verification fails when an anchored entry is gone or different,
//   which also shows the newest entries removed (what remains would be a valid, shorter chain).
// What it does not prove is written in README.md ("What the audit trail proves").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/audit_key.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// Appends one entry; call inside the transaction that makes the change. Keyed with the process's
// key (audit_key_in_use) when it has one. Throws std::logic_error when the chain is keyed and the
// process has no key (open_audit_chain refuses to start such a process).
void append_audit(storage::Tx& tx, int64_t at, const std::string& org, const std::string& actor,
                  const std::string& action, const std::string& subject, const std::string& detail);

struct AuditVerification {
    bool intact = true;
    int64_t entries = 0;
    int64_t keyed_entries = 0;
    int64_t first_bad_seq = 0;  // 0 when intact
    // "hash", "chain", "sequence", "anchor", "unkeyed" (an unkeyed entry after a keyed one),
    // "no_key" (a keyed entry whose key was not given), "head_unkeyed" (keys were given but the
    // newest entry is not keyed: nothing was written with the key yet, or the chain was rewritten
    // without it from its start)
    std::string problem;
    std::string missing_key;  // with "no_key": the id of the key that was needed
    std::string head_hash;    // the hash of the last verified entry (seq `entries`)
};

// An entry's seq and hash as recorded outside the database, and the id of the key it was made with
// ("" when unkeyed or not recorded).
struct AuditAnchor {
    int64_t seq = 0;
    std::string hash;
    std::string key;
};

// Verifies the whole chain, keyed entries with the key among `keys` that made them, and each anchor
// (an anchor that names a key must find its entry made with that key). With `keys`, the chain must
// end in a keyed entry: whoever rewrote it from the start without the key left it unkeyed.
AuditVerification verify_audit(storage::Store& store, const std::vector<AuditAnchor>& anchors = {},
                               const std::vector<AuditKey>& keys = {});

// The hash of an entry as append_audit computes it: SHA-256 for an unkeyed entry, HMAC-SHA-256
// under `key` for a keyed one (`key` must then be the key the entry names).
std::string audit_hash(const storage::AuditEntry& entry, const AuditKey* key = nullptr);

}  // namespace meldpunt::service
