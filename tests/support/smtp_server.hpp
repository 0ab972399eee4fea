#pragma once
// A real SMTP server for the tests (tests/support/smtp_sink.py on Debian's aiosmtpd), started once
// per test program on a free loopback port. Every message it accepts is kept as a file; tests read
// what arrived. Recipients starting with "refused" are refused with 550. A secure one (started only
// by the tests that need it) requires STARTTLS with a certificate of its own and AUTH.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace meldpunt::testing {

struct RelayLogin {
    std::string user, password;
};

class SmtpServer {
  public:
    // Throws std::runtime_error when it cannot start. With a login, the relay requires STARTTLS and
    // AUTH with that login.
    explicit SmtpServer(std::optional<RelayLogin> login = std::nullopt);
    ~SmtpServer();

    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    std::string url_with_login(const std::string& user, const std::string& password) const {
        return "smtp://" + user + ":" + password + "@127.0.0.1:" + std::to_string(port_);
    }
    // The secure relay's certificate (PEM), for the client to trust.
    std::string ca_file() const { return dir_ + "/relay.pem"; }
    int port() const { return port_; }
    // Every message received so far, oldest first (raw RFC 5322).
    std::vector<std::string> messages() const;
    // Waits until at least `count` messages arrived or `seconds` pass; returns how many there are.
    size_t wait_for(size_t count, double seconds) const;
    void clear();  // forgets the messages received so far
    void stop();   // the relay goes away (SMTP down) ...
    void start();  // ... and comes back on the same port
    void start_if_stopped() {
        if (!process_)
            start();
    }

  private:
    std::optional<RelayLogin> login_;
    std::string dir_;
    int port_ = 0;
    std::unique_ptr<Process> process_;
};

SmtpServer& smtp_server();
// The relay that requires STARTTLS and AUTH as kSecureRelayLogin.
SmtpServer& secure_smtp_server();
inline const RelayLogin kSecureRelayLogin{"meldpunt", "geheim-relay"};

// The value of header `name` in `message` (unfolded), or "".
std::string header_of(const std::string& message, const std::string& name);

// The message's plain text as its reader sees it (the text/plain part, decoded, LF line ends).
std::string body_text(const std::string& message);

}  // namespace meldpunt::testing
