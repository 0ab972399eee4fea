#pragma once
// A mailbox an organisation's mail arrives in, read over IMAP with libcurl: imap://host:port/FOLDER
// (STARTTLS when the server offers it, always when a password is sent over anything but loopback)
// or imaps://host:port/FOLDER. Meldpunt marks what it has taken in with a keyword of its own
// (kTakenInKeyword) and \Seen, only after the message is committed, so that a crash in between
// fetches it again (and the register takes a Message-ID in once); it never deletes or moves mail.
//
// Thread-safety: one mailbox object per thread.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace meldpunt::mail {

inline constexpr const char* kTakenInKeyword = "MeldpuntTakenIn";

struct ImapLogin {
    std::string url;  // imap://host:port/FOLDER or imaps://host:port/FOLDER
    std::string username, password;
    std::string ca_file;  // PEM authorities for the server's certificate; "": the system's
};

// The server could not be reached, refused the login, or answered what was not asked.
struct ImapError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ImapMailbox {
  public:
    // Throws std::invalid_argument for a URL that is no IMAP address.
    explicit ImapMailbox(ImapLogin login);
    ~ImapMailbox();
    ImapMailbox(const ImapMailbox&) = delete;
    ImapMailbox& operator=(const ImapMailbox&) = delete;

    // The UIDs of the messages not taken in yet, oldest first, at most `limit`.
    std::vector<uint64_t> waiting(size_t limit);
    // The message as the server keeps it, up to `max_bytes`: beyond that the download stops, so
    // that one huge message can neither exhaust memory nor hold up the mailbox.
    std::string fetch(uint64_t uid, size_t max_bytes);
    // Marks message `uid` as taken in (the keyword and \Seen).
    void mark_taken_in(uint64_t uid);

  private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

// Whether `url` is one ImapMailbox accepts.
bool is_imap_url(const std::string& url);

}  // namespace meldpunt::mail
