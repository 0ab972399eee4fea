#pragma once
// Sends composed messages to an SMTP relay with libcurl: smtp://host:port (STARTTLS when the relay
// offers it; smtp+starttls://host:port requires it) or smtps://host:port (TLS from the start),
// with AUTH when the URL has user:password@. A login is never sent in the clear: with one,
// smtp:// requires STARTTLS too. The relay's certificate is checked against the system's
// authorities, or only against the relay's own (`ca_file`, for a relay with an internal certificate).
// One connection is kept between messages.
//
// Thread-safety: one sender per thread.
#include <memory>
#include <string>
#include <vector>

namespace meldpunt::mail {

struct SendResult {
    enum class Kind { sent, temporary, permanent };
    Kind kind = Kind::sent;
    // The relay's answer or libcurl's reason, for the case page ("niet bezorgd: ...").
    std::string reason;
};

struct SmtpRelay {
    std::string url;      // smtp://, smtp+starttls:// or smtps://, with user:password@ for AUTH
    std::string ca_file;  // PEM file with the authorities that sign the relay's certificate; "": the system's
};

class SmtpSender {
  public:
    // Throws std::invalid_argument for a URL that is no SMTP address.
    explicit SmtpSender(SmtpRelay relay);
    explicit SmtpSender(const std::string& url) : SmtpSender(SmtpRelay{url, ""}) {}
    ~SmtpSender();
    SmtpSender(const SmtpSender&) = delete;
    SmtpSender& operator=(const SmtpSender&) = delete;

    // Sends `message` (RFC 5322, CRLF) from `from` to `to` (bare addresses). A 5xx answer to the
    // recipient is permanent (the address is refused: retrying will not help); anything else that
    // fails (a 4xx answer, a relay that cannot be reached or refuses the sender) is temporary.
    SendResult send(const std::string& from, const std::string& to, const std::string& message);

  private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

// Whether `url` is one SmtpSender accepts (for the command line's error before anything starts).
bool is_smtp_url(const std::string& url);

// `url` as it may be shown or logged: a password in it replaced by "***".
std::string without_password(const std::string& url);

}  // namespace meldpunt::mail
