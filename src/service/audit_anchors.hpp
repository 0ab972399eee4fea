#pragma once
// Anchors of the audit chain published outside the database (issue 15): the newest entry's seq
// and hash appended, on a schedule, to a file the database's owner cannot rewrite unnoticed (an
// append-only file, best on another machine or with `chattr +a`) and, if asked, to the system log
// (which is usually forwarded off the machine). `meldpunt audit verify --anchors FILE` then fails
// when an anchored entry is gone or different: the chain may not be rewritten, nor its newest
// entries removed, before the last anchor.
//
// A line of the file: {"at":"2026-12-06T17:00:00Z","seq":1234,"hash":"...","key":"..."} (key:
// the id of the key the entry was made with, "" when unkeyed).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/audit_log.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

class AnchorPublisher {
  public:
    // `path` empty: no file; `to_syslog`: also a line in the system log (LOG_AUTHPRIV).
    AnchorPublisher(storage::Store& store, std::string path, bool to_syslog);

    // Publishes the chain's newest entry when it is not the last one published (by this publisher
    // or, for the file, by any before it); answers the anchor published, if any. Throws
    // std::runtime_error when the file cannot be written.
    std::optional<AuditAnchor> publish(std::chrono::sys_seconds now);

  private:
    storage::Store& store_;
    std::string path_;
    bool to_syslog_;
    int64_t last_seq_ = -1;  // -1: not yet read from the file
};

// The anchors in a file written by AnchorPublisher, in order; a last line without its newline (a
// write cut off by a crash) is passed over. Throws std::invalid_argument naming a line that is not an
// anchor.
std::vector<AuditAnchor> read_anchor_file(const std::string& path);

}  // namespace meldpunt::service
