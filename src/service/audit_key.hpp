#pragma once
// The secret that keys the audit chain (issue 15: whoever could write to the database could
// rewrite the unkeyed chain after its last anchor and recompute every hash). With a key, each
// entry's hash is an HMAC-SHA-256 under it: without the key nobody can make an entry that
// verifies, and the key is kept outside the database (a file given to the commands, readable by
// the service's account only).
//
// A key file holds 64 hex digits (32 random bytes), made by `meldpunt audit new-key`. A key is
// known by its id, the first 16 hex digits of its SHA-256, which each keyed entry records; an
// organisation that replaces its key keeps the old file to verify the entries made under it.
//
// The appending key is the process's: set once at start, before any transaction, by the commands
// that open the register (use_audit_key). Once the chain holds a keyed entry, a process without a
// key may not append (open_audit_chain refuses to start), so that no unkeyed entry follows a keyed
// one.
#include <optional>
#include <string>

#include "storage/store.hpp"

namespace meldpunt::service {

struct AuditKey {
    std::string id;      // 16 hex digits
    std::string secret;  // 32 bytes
};

// The key in `path`. Throws std::invalid_argument (in English, for the command line) when the file
// cannot be read, does not hold 64 hex digits, or can be read by others than its owner.
AuditKey read_audit_key(const std::string& path);
// Writes a new random key to `path` (created readable by its owner only; never overwritten).
AuditKey write_new_audit_key(const std::string& path);

// The key append_audit uses from now on (nullopt: none, the chain stays unkeyed).
void use_audit_key(std::optional<AuditKey> key);
const AuditKey* audit_key_in_use();

// Checks, as a command opens the register, that it may append to the chain: when the newest
// entry is keyed, a key must be in use (its id may differ: a new key after an old one). Throws
// std::invalid_argument with the reason otherwise.
void open_audit_chain(storage::Store& store);

}  // namespace meldpunt::service
