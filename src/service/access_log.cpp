#include "service/access_log.hpp"

#include <spdlog/spdlog.h>

#include "domain/calendar/instant.hpp"

namespace meldpunt::service {

void AccessLog::note(const Principal& who, const std::string& action, const std::string& reference,
                     const std::string& subject, const std::string& client, std::chrono::sys_seconds at) {
    if (!who.complainant_of.empty() || who.email.empty())
        return;
    bool full = false;
    {
        std::lock_guard lock(mutex_);
        Key key{who.org, who.email, action, reference, subject, client};
        auto [it, added] = pending_.try_emplace(key);
        if (added)
            it->second = {who.org, calendar::unix_seconds(at), who.email, action, reference, subject, client,
                          0};
        ++it->second.count;
        full = pending_.size() >= kMaxPendingAccesses;
    }
    if (full)
        flush();
}

void AccessLog::flush() {
    std::lock_guard writing(writing_);
    std::map<Key, storage::AccessRecord> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(pending_);
    }
    if (taken.empty())
        return;
    std::vector<storage::AccessRecord> rows;
    rows.reserve(taken.size());
    for (auto& entry : taken)
        rows.push_back(std::move(entry.second));
    try {
        store_.transact_apart([&](storage::Tx& tx) { tx.access_log.insert(rows); });
    } catch (const std::exception& e) {
        // Kept for the next flush, merged with what was noted meanwhile.
        spdlog::error(R"({{"event":"access_log_failed","rows":{},"error":"{}"}})", rows.size(), e.what());
        std::lock_guard lock(mutex_);
        for (auto& row : rows) {
            Key key{row.org, row.actor, row.action, row.reference, row.subject, row.client};
            auto [it, added] = pending_.try_emplace(key, row);
            if (!added) {
                it->second.count += row.count;
                it->second.at = std::min(it->second.at, row.at);
            }
        }
    }
}

std::vector<storage::AccessRecord> AccessLog::of_case(const Principal& who, const std::string& org,
                                                      const std::string& reference, const std::string& client,
                                                      std::chrono::sys_seconds at, int limit) {
    note(who, kOpenedAccessLog, reference, "", client, at);
    // What was noted until now is in what the reader sees, their own reading of it included.
    flush();
    std::vector<storage::AccessRecord> out;
    store_.read([&](storage::Tx& tx) { out = tx.access_log.of_case(org, reference, limit); });
    return out;
}

}  // namespace meldpunt::service
