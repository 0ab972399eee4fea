#pragma once
// A real IMAP server for the tests: Debian's Dovecot with a configuration of its own in a temporary
// directory, on a free loopback port, with one mailbox per organisation (user = password = the
// mailbox's name) kept as Maildir. Started once per test program; a test drops messages into a
// mailbox and reads which ones Meldpunt marked as taken in.
#include <string>
#include <vector>

namespace meldpunt::testing {

class ImapServer {
  public:
    // Throws std::runtime_error when Dovecot cannot start.
    ImapServer();
    ~ImapServer();
    ImapServer(const ImapServer&) = delete;
    ImapServer& operator=(const ImapServer&) = delete;

    int port() const { return port_; }
    // imap://127.0.0.1:PORT/INBOX, and the same mailbox over TLS (imaps://) with the server's
    // certificate for the client to trust (ca_file).
    std::string url() const;
    std::string tls_url() const;
    std::string ca_file() const { return dir_ + "/imap.pem"; }
    // Creates `user` (password: the same) with an empty INBOX, or empties it.
    void reset_mailbox(const std::string& user);
    // Puts `raw` into the user's INBOX as a new message.
    void deliver(const std::string& user, const std::string& raw);
    // How many messages of the INBOX carry `keyword` (through IMAP, as any client would see it).
    size_t with_keyword(const std::string& user, const std::string& keyword) const;

  private:
    std::string dir_;
    int port_ = 0;
    int tls_port_ = 0;
    bool as_root_ = false;
    int delivered_ = 0;
};

// One server per test program, started on first use.
ImapServer& imap_server();

}  // namespace meldpunt::testing
