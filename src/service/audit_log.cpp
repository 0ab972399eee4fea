#include "service/audit_log.hpp"

#include <stdexcept>

#include "service/crypto.hpp"

namespace meldpunt::service {

namespace {

// Length-prefixed fields, so that no two different entries serialise to the same text. A keyed
// entry's key id is part of what its HMAC covers.
std::string entry_text(const storage::AuditEntry& e) {
    std::string text;
    auto field = [&](const std::string& value) { text += std::to_string(value.size()) + ":" + value + ";"; };
    field(std::to_string(e.seq));
    field(std::to_string(e.at));
    field(e.org);
    field(e.actor);
    field(e.action);
    field(e.subject);
    field(e.detail);
    field(e.prev_hash);
    if (!e.key_id.empty())
        field(e.key_id);
    return text;
}

const AuditKey* key_with_id(const std::vector<AuditKey>& keys, const std::string& id) {
    for (const auto& key : keys)
        if (key.id == id)
            return &key;
    return nullptr;
}

}  // namespace

std::string audit_hash(const storage::AuditEntry& e, const AuditKey* key) {
    if (e.key_id.empty())
        return sha256_hex(entry_text(e));
    if (!key || key->id != e.key_id)
        throw std::logic_error("audit_hash: the entry's key is needed");
    return hmac_sha256_hex(key->secret, entry_text(e));
}

void append_audit(storage::Tx& tx, int64_t at, const std::string& org, const std::string& actor,
                  const std::string& action, const std::string& subject, const std::string& detail) {
    tx.audit.lock();
    const auto last = tx.audit.last();
    const AuditKey* key = audit_key_in_use();
    if (last && !last->key_id.empty() && !key)
        throw std::logic_error("the audit trail is keyed and this process has no key");
    storage::AuditEntry entry{last ? last->seq + 1 : 1,
                              at,
                              org,
                              actor,
                              action,
                              subject,
                              detail,
                              last ? last->hash : std::string(64, '0'),
                              "",
                              key ? key->id : ""};
    entry.hash = audit_hash(entry, key);
    tx.audit.insert(entry);
}

namespace {

// The problem with `entry` at its place in the chain, or nullptr.
const char* problem_with(const storage::AuditEntry& entry, int64_t expected_seq,
                         const std::string& expected_prev, bool keyed_before,
                         const std::vector<AuditKey>& keys) {
    if (entry.seq != expected_seq)
        return "sequence";
    if (entry.prev_hash != expected_prev)
        return "chain";
    if (entry.key_id.empty())
        return keyed_before ? "unkeyed" : (audit_hash(entry) != entry.hash ? "hash" : nullptr);
    const AuditKey* key = key_with_id(keys, entry.key_id);
    if (!key)
        return "no_key";
    return audit_hash(entry, key) != entry.hash ? "hash" : nullptr;
}

}  // namespace

AuditVerification verify_audit(storage::Store& store, const std::vector<AuditAnchor>& anchors,
                               const std::vector<AuditKey>& keys) {
    AuditVerification result;
    int64_t expected_seq = 1;
    std::string expected_prev(64, '0');
    bool keyed_before = false;
    constexpr int kBatch = 1000;
    while (result.intact) {
        std::vector<storage::AuditEntry> batch;
        store.read([&](storage::Tx& tx) { batch = tx.audit.entries(expected_seq - 1, kBatch); });
        // A batch holds the entries after expected_seq - 1 in order, so a gap shows below as an
        // entry whose seq is not the expected one; an empty batch is the end of the log (entries
        // appended while this runs are checked if they arrive in time, never reported falsely).
        if (batch.empty())
            break;
        for (const auto& entry : batch) {
            if (const char* problem = problem_with(entry, expected_seq, expected_prev, keyed_before, keys)) {
                result.intact = false;
                result.first_bad_seq = expected_seq;
                result.problem = problem;
                if (result.problem == "no_key")
                    result.missing_key = entry.key_id;
                break;
            }
            keyed_before = keyed_before || !entry.key_id.empty();
            result.keyed_entries += entry.key_id.empty() ? 0 : 1;
            ++result.entries;
            ++expected_seq;
            expected_prev = entry.hash;
        }
        if (static_cast<int>(batch.size()) < kBatch)
            break;
    }
    result.head_hash = expected_prev;
    if (result.intact && !keys.empty() && result.entries > 0 && !keyed_before) {
        result.intact = false;
        result.first_bad_seq = result.entries;
        result.problem = "head_unkeyed";
    }
    for (const auto& anchor : anchors) {
        if (!result.intact)
            break;
        std::optional<storage::AuditEntry> anchored;
        store.read([&](storage::Tx& tx) {
            auto entries = tx.audit.entries(anchor.seq - 1, 1);
            if (!entries.empty() && entries[0].seq == anchor.seq)
                anchored = entries[0];
        });
        if (anchor.seq > result.entries || !anchored || anchored->hash != anchor.hash ||
            (!anchor.key.empty() && anchored->key_id != anchor.key)) {
            result.intact = false;
            result.first_bad_seq = anchor.seq;
            result.problem = "anchor";
        }
    }
    return result;
}

}  // namespace meldpunt::service
