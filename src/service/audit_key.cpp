#include "service/audit_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "service/crypto.hpp"

namespace meldpunt::service {

namespace {

std::mutex key_mutex;
std::optional<AuditKey> key_in_use;

std::optional<std::string> from_hex(const std::string& hex) {
    if (hex.size() % 2 != 0 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        return std::nullopt;
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

AuditKey key_of(std::string secret) {
    return {sha256_hex(secret).substr(0, 16), std::move(secret)};
}

[[noreturn]] void key_error(const std::string& path, const std::string& why) {
    throw std::invalid_argument("audit key file " + path + ": " + why);
}

}  // namespace

AuditKey read_audit_key(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        key_error(path, "cannot be read");
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        key_error(path, "can be read by others than its owner (chmod 600)");
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string hex = text.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' '))
        hex.pop_back();
    auto secret = hex.size() == 64 ? from_hex(hex) : std::nullopt;
    if (!in || !secret)
        key_error(path, "does not hold 64 hex digits (make one with meldpunt audit new-key)");
    return key_of(std::move(*secret));
}

AuditKey write_new_audit_key(const std::string& path) {
    const std::string hex = random_token();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::invalid_argument("audit key file " + path +
                                    ": cannot be created (does it exist already?)");
    const std::string line = hex + "\n";
    const bool written =
        ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written)
        throw std::runtime_error("audit key file " + path + ": could not be written");
    return key_of(*from_hex(hex));
}

void use_audit_key(std::optional<AuditKey> key) {
    const std::lock_guard lock(key_mutex);
    key_in_use = std::move(key);
}

const AuditKey* audit_key_in_use() {
    const std::lock_guard lock(key_mutex);
    return key_in_use ? &*key_in_use : nullptr;
}

void open_audit_chain(storage::Store& store) {
    std::optional<storage::AuditEntry> last;
    store.read([&](storage::Tx& tx) { last = tx.audit.last(); });
    if (last && !last->key_id.empty() && !audit_key_in_use())
        throw std::invalid_argument("the audit trail is keyed (key " + last->key_id +
                                    "): give its key file with --audit-key-file or MELDPUNT_AUDIT_KEY_FILE");
}

}  // namespace meldpunt::service
