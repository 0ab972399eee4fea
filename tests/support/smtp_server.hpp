#pragma once
// A real SMTP server for the tests (tests/support/smtp_sink.py on Debian's aiosmtpd), started once
// per test program on a free loopback port. Every message it accepts is kept as a file; tests read
// what arrived. Recipients starting with "refused" are refused with 550.
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace meldpunt::testing {

class SmtpServer {
  public:
    SmtpServer();  // throws std::runtime_error when it cannot start
    ~SmtpServer();

    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
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
    std::string dir_;
    int port_ = 0;
    std::unique_ptr<Process> process_;
};

SmtpServer& smtp_server();

// The value of header `name` in `message` (unfolded), or "".
std::string header_of(const std::string& message, const std::string& name);

// The message's plain text as its reader sees it (the text/plain part, decoded, LF line ends).
std::string body_text(const std::string& message);

}  // namespace meldpunt::testing
