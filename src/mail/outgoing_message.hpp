#pragma once
// One e-mail as Meldpunt sends it, composed with GMime: addresses and subject encoded as RFC 2047
// needs, the text as UTF-8 quoted-printable, an HTML alternative when there is one, attachments
// (a letter's PDF), CRLF line ends for SMTP, and the delivery's stable Message-ID.
#include <chrono>
#include <string>
#include <vector>

namespace meldpunt::mail {

struct Mailbox {
    std::string name;     // may be empty
    std::string address;  // user@host
};

struct Attachment {
    std::string filename, content_type, data;
};

struct OutgoingMessage {
    Mailbox from, to;
    std::string reply_to;  // an address for answers (a case's reply address); empty: none
    std::string subject;
    std::string text;
    std::string html;  // empty: text only
    std::vector<Attachment> attachments;
    std::string message_id;  // "<id@host>"
    std::chrono::sys_seconds date{};
    // "auto-generated" (RFC 3834): notifications, so that auto-replies are not sent back.
    bool automatic = true;
};

// GMime must be initialised once per process before composing; safe to call again.
void init_mime();

// The message as RFC 5322 bytes with CRLF line ends.
std::string compose(const OutgoingMessage& message);

}  // namespace meldpunt::mail
