#include "service/audit_log.hpp"

#include "service/crypto.hpp"

namespace meldpunt::service {

std::string audit_hash(const storage::AuditEntry& e) {
    // Length-prefixed fields, so that no two different entries serialise to the same text.
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
    return sha256_hex(text);
}

void append_audit(storage::Tx& tx, int64_t at, const std::string& org, const std::string& actor,
                  const std::string& action, const std::string& subject, const std::string& detail) {
    tx.audit.lock();
    const auto last = tx.audit.last();
    storage::AuditEntry entry{last ? last->seq + 1 : 1,
                              at,
                              org,
                              actor,
                              action,
                              subject,
                              detail,
                              last ? last->hash : std::string(64, '0'),
                              ""};
    entry.hash = audit_hash(entry);
    tx.audit.insert(entry);
}

AuditVerification verify_audit(storage::Store& store, const std::optional<AuditAnchor>& anchor) {
    AuditVerification result;
    int64_t expected_seq = 1;
    std::string expected_prev(64, '0');
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
            const char* problem = nullptr;
            if (entry.seq != expected_seq)
                problem = "sequence";
            else if (entry.prev_hash != expected_prev)
                problem = "chain";
            else if (audit_hash(entry) != entry.hash)
                problem = "hash";
            if (problem) {
                result.intact = false;
                result.first_bad_seq = expected_seq;
                result.problem = problem;
                break;
            }
            ++result.entries;
            ++expected_seq;
            expected_prev = entry.hash;
        }
        if (static_cast<int>(batch.size()) < kBatch)
            break;
    }
    result.head_hash = expected_prev;
    if (result.intact && anchor) {
        std::optional<storage::AuditEntry> anchored;
        store.read([&](storage::Tx& tx) {
            auto entries = tx.audit.entries(anchor->seq - 1, 1);
            if (!entries.empty() && entries[0].seq == anchor->seq)
                anchored = entries[0];
        });
        if (anchor->seq > result.entries || !anchored || anchored->hash != anchor->hash) {
            result.intact = false;
            result.first_bad_seq = anchor->seq;
            result.problem = "anchor";
        }
    }
    return result;
}

}  // namespace meldpunt::service
