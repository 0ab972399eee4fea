#pragma once
// The access log (issue 15, in the manner of NEN 7513): every time a member of staff opens a case,
// downloads one of its documents or an export, or reads who looked at a case, Meldpunt keeps who,
// when, what and from where. Reading a case must stay fast, so an opening is noted in memory and
// the notes are written a second's worth at a time (flush: the server calls it every second and
// as it stops); openings of one thing by one person from one address within that second are one
// row with their count. A crash of the process loses at most the last second of the log.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "service/errors.hpp"
#include "service/principal.hpp"
#include "storage/access_log_table.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// What was opened (storage::AccessRecord::action).
inline constexpr const char* kOpenedCase = "case";
inline constexpr const char* kOpenedDocument = "document";
inline constexpr const char* kOpenedExport = "export";
inline constexpr const char* kOpenedAccessLog = "access_log";

// Notes held before a flush is forced from the noting thread (a log that cannot keep up slows the
// readers down instead of growing without bound).
inline constexpr size_t kMaxPendingAccesses = 20000;

class AccessLog {
  public:
    explicit AccessLog(storage::Store& store) : store_(store) {}

    // Notes that staff member `who` opened `action` (of case `reference`, `subject` within it) at
    // `at` from `client`. Complainants are not staff: their openings are not noted.
    void note(const Principal& who, const std::string& action, const std::string& reference,
              const std::string& subject, const std::string& client, std::chrono::sys_seconds at);
    // Writes what was noted; never throws (a failure keeps the notes for the next flush).
    void flush();

    // Who opened case `reference`, newest first, for `who` (who must read its whole dossier): the
    // reading is itself noted.
    std::vector<storage::AccessRecord> of_case(const Principal& who, const std::string& org,
                                               const std::string& reference, const std::string& client,
                                               std::chrono::sys_seconds at, int limit = 100);

  private:
    using Key = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
    storage::Store& store_;
    std::mutex mutex_;
    std::map<Key, storage::AccessRecord> pending_;
    std::mutex writing_;  // one flush at a time, so that rows go out in order
};

}  // namespace meldpunt::service
