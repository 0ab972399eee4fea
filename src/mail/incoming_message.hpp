#pragma once
// One e-mail as it arrives, read with GMime: who sent it and to whom, what it answers, its text as
// UTF-8 whatever the charset it came in (UTF-8, ISO-8859-1 read as windows-1252, windows-1252 ...),
// an HTML-only body as plain text (html_text.hpp: never rendered as HTML), its files (attachments,
// inline images, the files of a forwarded message), and whether a person wrote it at all: an
// auto-reply (RFC 3834 and the headers mail programs use instead) or a delivery status
// notification (RFC 3464) about a message Meldpunt sent. Pure: bytes in, a value out.
#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace meldpunt::mail {

struct IncomingAddress {
    std::string name;     // decoded; may be empty
    std::string address;  // user@host, lower case
};

struct IncomingFile {
    std::string filename;      // as the sender named it (decoded); made up when it had none
    std::string content_type;  // "image/png", lower case
    std::string data;          // decoded bytes
    bool inline_part = false;  // shown in the text (an inline image), not attached
};

enum class Automatic {
    no,        // written by a person
    reply,     // an auto-reply: out of office, "we received your message", a mailing list
    delivery,  // a delivery status notification (a bounce, or a delay)
};

struct IncomingMessage {
    std::string message_id;  // without angle brackets; empty when the message has none
    IncomingAddress from;
    std::optional<IncomingAddress> reply_to;
    // Every address the message was sent to: To, Cc, Delivered-To, X-Original-To, lower case.
    std::vector<std::string> recipients;
    std::string subject;                           // decoded, on one line
    std::optional<std::chrono::sys_seconds> date;  // the Date header
    // When the topmost Received header says the receiving server took it in.
    std::optional<std::chrono::sys_seconds> received;
    // The Message-IDs this message answers: In-Reply-To first, then References from the newest.
    std::vector<std::string> answers;
    std::string text;  // the body as text: the text part, or the HTML part made text
    std::vector<IncomingFile> files;
    Automatic automatic = Automatic::no;
    std::string automatic_reason;  // the header that said so, for the record
    // A delivery status notification: the message it is about and the reason, in the report's
    // words ("5.1.1 user unknown"); permanent unless its Action is "delayed".
    std::string undelivered_message_id;
    std::string undelivered_recipient;           // the report's Final-Recipient, lower case
    std::string undelivered_original_recipient;  // and its Original-Recipient (before forwarding)
    std::string undelivered_reason;
    bool undelivered_permanently = false;
};

// The message cannot be read as an e-mail (no header, nesting or parts beyond any real mail program's).
struct MalformedMessage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// At most this many MIME parts and this deep a nesting are read; more is malformed.
inline constexpr size_t kMaxMimeParts = 500;
inline constexpr int kMaxMimeDepth = 20;

// Reads `raw` (RFC 5322 bytes, LF or CRLF line ends). Throws MalformedMessage.
IncomingMessage read_incoming(const std::string& raw);

}  // namespace meldpunt::mail
