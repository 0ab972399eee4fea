#include "service/audit_anchors.hpp"

#include <fcntl.h>
#include <syslog.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "domain/calendar/instant.hpp"

namespace meldpunt::service {

namespace {

std::optional<AuditAnchor> anchor_of(const std::string& line) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (!json.is_object() || !json.contains("seq") || !json["seq"].is_number_integer() ||
        !json.contains("hash") || !json["hash"].is_string())
        return std::nullopt;
    AuditAnchor anchor{json["seq"].get<int64_t>(), json["hash"].get<std::string>(),
                       json.contains("key") && json["key"].is_string() ? json["key"].get<std::string>() : ""};
    if (anchor.seq < 1 || anchor.hash.size() != 64)
        return std::nullopt;
    return anchor;
}

// The length of the file up to and with its last newline: what a write cut off by a crash left after
// it is no anchor.
off_t whole_lines_length(int fd) {
    const off_t size = ::lseek(fd, 0, SEEK_END);
    char buffer[512];
    for (off_t end = size; end > 0;) {
        const off_t start =
            end > static_cast<off_t>(sizeof buffer) ? end - static_cast<off_t>(sizeof buffer) : 0;
        const ssize_t n = ::pread(fd, buffer, static_cast<size_t>(end - start), start);
        if (n <= 0)
            return size;
        for (ssize_t i = n - 1; i >= 0; --i)
            if (buffer[i] == '\n')
                return start + i + 1;
        end = start;
    }
    return 0;
}

void append_line(const std::string& path, const std::string& line) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0)
        throw std::runtime_error("audit anchor file " + path + ": cannot be opened for appending");
    // A line a crash cut off is dropped before the next one is written, so that the two do not run
    // together into one that no reader takes for an anchor.
    const off_t whole = whole_lines_length(fd);
    if (whole < ::lseek(fd, 0, SEEK_END) && ::ftruncate(fd, whole) != 0) {
        ::close(fd);
        throw std::runtime_error("audit anchor file " + path + ": a torn last line cannot be removed");
    }
    const bool written =
        ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written)
        throw std::runtime_error("audit anchor file " + path + ": could not be written");
}

}  // namespace

AnchorPublisher::AnchorPublisher(storage::Store& store, std::string path, bool to_syslog)
    : store_(store), path_(std::move(path)), to_syslog_(to_syslog) {}

std::optional<AuditAnchor> AnchorPublisher::publish(std::chrono::sys_seconds now) {
    if (last_seq_ < 0) {
        last_seq_ = 0;
        if (!path_.empty() && ::access(path_.c_str(), F_OK) == 0) {
            const auto published = read_anchor_file(path_);
            if (!published.empty())
                last_seq_ = published.back().seq;
        }
    }
    std::optional<storage::AuditEntry> head;
    store_.read([&](storage::Tx& tx) { head = tx.audit.last(); });
    if (!head || head->seq == last_seq_)
        return std::nullopt;
    const AuditAnchor anchor{head->seq, head->hash, head->key_id};
    if (!path_.empty())
        append_line(path_, nlohmann::json{{"at", calendar::format_instant(now)},
                                          {"seq", anchor.seq},
                                          {"hash", anchor.hash},
                                          {"key", head->key_id}}
                                   .dump() +
                               "\n");
    if (to_syslog_)
        ::syslog(LOG_AUTHPRIV | LOG_NOTICE, "meldpunt audit anchor %lld:%s key=%s",
                 static_cast<long long>(anchor.seq), anchor.hash.c_str(),
                 head->key_id.empty() ? "none" : head->key_id.c_str());
    last_seq_ = anchor.seq;
    return anchor;
}

std::vector<AuditAnchor> read_anchor_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw std::invalid_argument("audit anchor file " + path + ": cannot be read");
    std::vector<AuditAnchor> anchors;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        // A last line without its newline is a write a crash cut off (the publisher drops it before
        // it writes the next): not an anchor, and no sign of tampering.
        if (line.empty() || in.eof())
            continue;
        auto anchor = anchor_of(line);
        if (!anchor)
            throw std::invalid_argument("audit anchor file " + path + ": line " + std::to_string(number) +
                                        " is not an anchor");
        anchors.push_back(std::move(*anchor));
    }
    return anchors;
}

}  // namespace meldpunt::service
