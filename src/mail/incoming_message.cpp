#include "mail/incoming_message.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "mail/gobject_ptr.hpp"
#include "mail/html_text.hpp"
#include "mail/outgoing_message.hpp"
#include "support/text.hpp"

namespace meldpunt::mail {

namespace {

std::string text_or_empty(const char* s) {
    return s ? std::string(s) : std::string();
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// windows-1252's characters in 0x80..0x9F (0: not assigned); the rest of its upper half is Latin-1.
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string from_windows_1252(const std::string& bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char b : bytes) {
        if (b >= 0x80 && b < 0xA0)
            append_utf8(out, kWindows1252High[b - 0x80] ? kWindows1252High[b - 0x80] : char32_t{0xFFFD});
        else
            append_utf8(out, b);
    }
    return out;
}

bool valid_utf8(const std::string& s) {
    return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr);
}

// `bytes` in `charset` as UTF-8. ISO-8859-1 and US-ASCII are read as windows-1252, their superset
// (Outlook labels windows-1252 text so); an unknown or lying charset falls back to UTF-8 when the
// bytes are that, else windows-1252: the text is always readable, never refused.
std::string to_utf8(const std::string& bytes, const std::string& declared) {
    const std::string charset = support::ascii_lowercase(declared);
    const bool western = charset.empty() || charset == "us-ascii" || charset == "iso-8859-1" ||
                         charset == "latin1" || charset == "iso_8859-1" || charset == "windows-1252" ||
                         charset == "cp1252";
    // Valid UTF-8 is UTF-8 whatever the label says (web forms and scripts label it ISO-8859-1 or
    // US-ASCII); text in windows-1252 with letters beyond ASCII is almost never valid UTF-8.
    if (valid_utf8(bytes))
        return bytes;
    if (charset == "utf-8" || charset == "utf8") {
        // UTF-8 with a damaged byte: the rest stays readable, the damage becomes U+FFFD.
        std::string without_nul = bytes;
        std::replace(without_nul.begin(), without_nul.end(), '\0', ' ');
        gchar* repaired = g_utf8_make_valid(without_nul.data(), static_cast<gssize>(without_nul.size()));
        std::string out(repaired);
        g_free(repaired);
        return out;
    }
    if (western)
        return from_windows_1252(bytes);
    gsize written = 0;
    GError* error = nullptr;
    gchar* converted = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                                 g_mime_charset_iconv_name(charset.c_str()), nullptr, &written, &error);
    if (converted) {
        std::string out(converted, written);
        g_free(converted);
        if (valid_utf8(out))
            return out;
    }
    if (error)
        g_error_free(error);
    return valid_utf8(bytes) ? bytes : from_windows_1252(bytes);
}

// Line ends as "\n", and no control characters but tab and line end: mail text becomes register
// text (support/text.hpp's rules for what people type).
std::string clean_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else if (c == '\n' || c == '\t' || c >= 0x20) {
            if (c != 0x7F)
                out += static_cast<char>(c);
        }
    }
    // C1 controls (U+0080..U+009F) are windows-1252's characters decoded as ISO-8859-1 (a
    // mislabelled charset in a header or a file name): the character it meant, or nothing.
    std::string tidy;
    tidy.reserve(out.size());
    for (size_t i = 0; i < out.size(); ++i) {
        const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
        if (static_cast<unsigned char>(out[i]) == 0xC2 && next >= 0x80 && next < 0xA0) {
            if (const char32_t meant = kWindows1252High[next - 0x80])
                append_utf8(tidy, meant);
            ++i;
            continue;
        }
        tidy += out[i];
    }
    return tidy;
}

// A header value on one line, in UTF-8 whatever raw bytes a header carried.
std::string one_line(std::string s) {
    if (!valid_utf8(s))
        s = from_windows_1252(s);
    for (auto& c : s)
        if (c == '\r' || c == '\n' || c == '\t')
            c = ' ';
    return clean_text(trimmed(s));
}

std::string decoded_bytes(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content)
        return {};
    Owned<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, stream.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string mime_type(GMimeObject* object) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (!type)
        return "text/plain";
    return support::ascii_lowercase(text_or_empty(g_mime_content_type_get_media_type(type)) + "/" +
                                    text_or_empty(g_mime_content_type_get_media_subtype(type)));
}

std::string parameter(GMimeObject* object, const char* name) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    return type ? text_or_empty(g_mime_content_type_get_parameter(type, name)) : std::string();
}

// The mailboxes of `list`, groups opened up.
void mailboxes(InternetAddressList* list, std::vector<IncomingAddress>& out) {
    if (!list)
        return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count && out.size() < 1000; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            const auto addr = support::ascii_lowercase(
                text_or_empty(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
            if (!addr.empty() && support::valid_text(addr) && addr.find_first_of(" \t") == std::string::npos)
                out.push_back({one_line(text_or_empty(internet_address_get_name(address))), addr});
        } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
            mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out);
        }
    }
}

std::vector<IncomingAddress> parse_addresses(GMimeParserOptions* options, const std::string& value) {
    std::vector<IncomingAddress> out;
    InternetAddressList* list = internet_address_list_parse(options, value.c_str());
    if (list) {
        mailboxes(list, out);
        g_object_unref(list);
    }
    return out;
}

std::optional<std::chrono::sys_seconds> date_of(const std::string& value) {
    GDateTime* date = g_mime_utils_header_decode_date(value.c_str());
    if (!date)
        return std::nullopt;
    const auto seconds = g_date_time_to_unix(date);
    g_date_time_unref(date);
    if (seconds <= 0)
        return std::nullopt;  // GMime's answer for a date it could not read
    return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

// Every value of header `name` in `object`, in order.
std::vector<std::string> header_values(GMimeObject* object, const std::string& name) {
    std::vector<std::string> out;
    GMimeHeaderList* headers = g_mime_object_get_header_list(object);
    const int count = g_mime_header_list_get_count(headers);
    for (int i = 0; i < count; ++i) {
        GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
        if (g_ascii_strcasecmp(g_mime_header_get_name(header), name.c_str()) == 0)
            out.push_back(text_or_empty(g_mime_header_get_value(header)));
    }
    return out;
}

std::string first_header(GMimeObject* object, const char* name) {
    return trimmed(text_or_empty(g_mime_object_get_header(object, name)));
}

std::vector<std::string> message_ids(const std::string& value) {
    std::vector<std::string> out;
    GMimeReferences* references = g_mime_references_parse(nullptr, value.c_str());
    if (!references)
        return out;
    const int count = g_mime_references_length(references);
    for (int i = 0; i < count && i < 100; ++i)
        if (auto id = one_line(text_or_empty(g_mime_references_get_message_id(references, i))); !id.empty())
            out.push_back(std::move(id));
    g_mime_references_free(references);
    return out;
}

std::string extension_of(const std::string& content_type) {
    static const std::array<std::pair<const char*, const char*>, 12> kKnown = {{{"image/png", "png"},
                                                                                {"image/jpeg", "jpg"},
                                                                                {"image/gif", "gif"},
                                                                                {"application/pdf", "pdf"},
                                                                                {"text/plain", "txt"},
                                                                                {"text/html", "html"},
                                                                                {"text/calendar", "ics"},
                                                                                {"message/rfc822", "eml"},
                                                                                {"image/heic", "heic"},
                                                                                {"image/webp", "webp"},
                                                                                {"application/zip", "zip"},
                                                                                {"text/csv", "csv"}}};
    for (const auto& [type, extension] : kKnown)
        if (content_type == type)
            return extension;
    return "bin";
}

// The words of a delivery status report (RFC 3464) a person reads: the Status code and the
// Diagnostic-Code, or the Action.
struct DeliveryStatus {
    std::string status, diagnostic, action, recipient, original_recipient;
};

DeliveryStatus delivery_status(const std::string& report) {
    DeliveryStatus out;
    size_t start = 0;
    std::string previous;  // the field a folded line continues
    while (start < report.size()) {
        size_t end = report.find('\n', start);
        if (end == std::string::npos)
            end = report.size();
        std::string line = report.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            if (previous == "diagnostic-code")
                out.diagnostic += " " + trimmed(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            previous.clear();
            continue;
        }
        previous = support::ascii_lowercase(trimmed(line.substr(0, colon)));
        const std::string value = trimmed(line.substr(colon + 1));
        if (previous == "status" && out.status.empty())
            out.status = value;
        else if (previous == "diagnostic-code" && out.diagnostic.empty())
            out.diagnostic = value;
        else if (previous == "action" && out.action.empty())
            out.action = support::ascii_lowercase(value);
        else if (previous == "original-recipient" && out.original_recipient.empty())
            out.original_recipient = one_line(
                trimmed(value.substr(value.find(';') == std::string::npos ? 0 : value.find(';') + 1)));
        else if (previous == "final-recipient" && out.recipient.empty())
            out.recipient = one_line(
                trimmed(value.substr(value.find(';') == std::string::npos ? 0 : value.find(';') + 1)));
    }
    // "smtp; 550 5.1.1 user unknown": the type before the semicolon says nothing to a reader.
    const auto semicolon = out.diagnostic.find(';');
    if (semicolon != std::string::npos && semicolon < 12)
        out.diagnostic = trimmed(out.diagnostic.substr(semicolon + 1));
    return out;
}

// The Message-ID in a block of header lines (text/rfc822-headers).
std::string message_id_in_headers(const std::string& headers) {
    const std::string low = support::ascii_lowercase(headers);
    for (size_t at = low.find("message-id:"); at != std::string::npos; at = low.find("message-id:", at + 1)) {
        if (at != 0 && low[at - 1] != '\n')
            continue;
        const auto ids = message_ids(headers.substr(at + 11, headers.find('\n', at) - at - 11));
        if (!ids.empty())
            return ids.front();
    }
    return {};
}

class Reader {
  public:
    explicit Reader(IncomingMessage& out) : out_(out) {}

    void visit(GMimeObject* object, int depth, bool files_only) {
        if (!object)
            return;
        if (++parts_ > kMaxMimeParts || depth > kMaxMimeDepth)
            throw MalformedMessage(
                "the message has more parts or deeper nesting than any mail program writes");
        if (GMIME_IS_MESSAGE_PART(object))
            return message_part(object, depth, files_only);
        if (GMIME_IS_MULTIPART(object))
            return multipart(GMIME_MULTIPART(object), depth, files_only);
        if (GMIME_IS_PART(object))
            return leaf(GMIME_PART(object), files_only);
    }

    // The body's pieces, in order, with a blank line between them.
    std::string text() const {
        std::string out;
        for (const auto& piece : texts_) {
            const auto t = trimmed(piece);
            if (t.empty())
                continue;
            if (!out.empty())
                out += "\n\n";
            out += t;
        }
        return out;
    }

  private:
    void message_part(GMimeObject* object, int depth, bool files_only) {
        GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (!inner)
            return;
        if (in_report_ && forwarded_ == 0) {
            // The message a delivery status notification is about.
            if (out_.undelivered_message_id.empty())
                out_.undelivered_message_id = one_line(text_or_empty(g_mime_message_get_message_id(inner)));
            return;
        }
        // A forwarded message: its headers a reader needs and its text go into the body, its files
        // among the files.
        if (!files_only) {
            std::vector<IncomingAddress> from;
            mailboxes(g_mime_message_get_from(inner), from);
            std::string header = "---------- Forwarded message ----------\n";
            if (!from.empty())
                header += "From: " + (from[0].name.empty() ? "" : from[0].name + " ") + "<" +
                          from[0].address + ">\n";
            const auto date = first_header(GMIME_OBJECT(inner), "Date");
            if (!date.empty())
                header += "Date: " + one_line(date) + "\n";
            header += "Subject: " + one_line(text_or_empty(g_mime_message_get_subject(inner)));
            texts_.push_back(header);
        }
        // A report inside a forwarded message is part of what a person forwarded, not a report to
        // Meldpunt ("here is the error I got").
        ++forwarded_;
        visit(g_mime_message_get_mime_part(inner), depth + 1, files_only);
        --forwarded_;
    }

    void multipart(GMimeMultipart* multipart, int depth, bool files_only) {
        const std::string type = mime_type(GMIME_OBJECT(multipart));
        const int count = g_mime_multipart_get_count(multipart);
        if (type == "multipart/alternative") {
            // One of the alternatives is the text: plain text when there is some, else HTML (maybe
            // inside multipart/related); the others are read for their files only (inline images).
            const int chosen = alternative_to_read(multipart);
            for (int i = 0; i < count; ++i)
                visit(g_mime_multipart_get_part(multipart, i), depth + 1, files_only || i != chosen);
            return;
        }
        if (type == "multipart/report" && forwarded_ == 0) {
            const auto report_type =
                support::ascii_lowercase(parameter(GMIME_OBJECT(multipart), "report-type"));
            if (report_type == "delivery-status") {
                mark_automatic(Automatic::delivery,
                               "Content-Type: multipart/report; report-type=delivery-status");
                in_report_ = true;
            } else if (report_type == "disposition-notification") {
                mark_automatic(Automatic::reply,
                               "Content-Type: multipart/report; report-type=disposition-notification");
                in_report_ = true;
            }
        }
        if (type == "multipart/signed") {
            // The signed content; the signature is no file of the case.
            if (count > 0)
                visit(g_mime_multipart_get_part(multipart, 0), depth + 1, files_only);
            return;
        }
        for (int i = 0; i < count; ++i)
            visit(g_mime_multipart_get_part(multipart, i), depth + 1, files_only);
    }

    static int alternative_to_read(GMimeMultipart* multipart) {
        const int count = g_mime_multipart_get_count(multipart);
        int html = -1, other = -1;
        for (int i = 0; i < count; ++i) {
            GMimeObject* part = g_mime_multipart_get_part(multipart, i);
            const auto type = mime_type(part);
            if (type == "text/plain" && GMIME_IS_PART(part) &&
                !trimmed(decoded_bytes(GMIME_PART(part))).empty())
                return i;
            if (type == "text/html" && html < 0)
                html = i;
            if (GMIME_IS_MULTIPART(part) && other < 0)
                other = i;
        }
        return html >= 0 ? html : other >= 0 ? other : 0;
    }

    void leaf(GMimePart* part, bool files_only) {
        GMimeObject* object = GMIME_OBJECT(part);
        const std::string type = mime_type(object);
        const bool report = in_report_ && forwarded_ == 0;
        if (report && (type == "message/delivery-status" || type == "message/global-delivery-status")) {
            const auto status = delivery_status(decoded_bytes(part));
            out_.undelivered_recipient = support::ascii_lowercase(status.recipient);
            out_.undelivered_original_recipient = support::ascii_lowercase(status.original_recipient);
            out_.undelivered_permanently = status.action != "delayed" && status.action != "relayed" &&
                                           status.action != "delivered" && status.action != "expanded";
            out_.undelivered_reason = one_line(trimmed(status.status + " " + status.diagnostic));
            return;
        }
        if (report && (type == "text/rfc822-headers" || type == "message/rfc822-headers")) {
            if (out_.undelivered_message_id.empty())
                out_.undelivered_message_id = message_id_in_headers(decoded_bytes(part));
            return;
        }
        const bool text = type == "text/plain" || type == "text/html";
        const std::string filename = one_line(text_or_empty(g_mime_part_get_filename(part)));
        const char* disposition = g_mime_object_get_disposition(object);
        const bool attached = disposition && g_ascii_strcasecmp(disposition, "attachment") == 0;
        if (text && !attached && filename.empty()) {
            if (files_only)
                return;
            const std::string bytes = decoded_bytes(part);
            const std::string charset = parameter(object, "charset");
            if (type == "text/html")
                texts_.push_back(clean_text(text_from_html(to_utf8(bytes, charset))));
            else
                texts_.push_back(clean_text(to_utf8(bytes, charset)));
            return;
        }
        if (type == "application/pgp-signature" || type == "application/pkcs7-signature" ||
            type == "application/x-pkcs7-signature")
            return;
        IncomingFile file;
        file.content_type = type;
        file.data = decoded_bytes(part);
        file.inline_part = !attached && g_mime_part_get_content_id(part) != nullptr;
        ++files_named_;
        file.filename = !filename.empty() ? filename
                                          : std::string(file.inline_part ? "afbeelding-" : "bijlage-") +
                                                std::to_string(files_named_) + "." + extension_of(type);
        out_.files.push_back(std::move(file));
    }

    void mark_automatic(Automatic kind, const std::string& reason) {
        if (out_.automatic == Automatic::delivery)
            return;  // a bounce stays a bounce
        out_.automatic = kind;
        out_.automatic_reason = reason;
    }

    IncomingMessage& out_;
    std::vector<std::string> texts_;
    size_t parts_ = 0;
    int files_named_ = 0;
    bool in_report_ = false;
    int forwarded_ = 0;  // how deep inside forwarded messages the part being read is
};

// RFC 3834 and what mail programs write instead of it.
void find_automatic(GMimeObject* message, IncomingMessage& out) {
    const auto auto_submitted = support::ascii_lowercase(first_header(message, "Auto-Submitted"));
    const auto precedence = support::ascii_lowercase(first_header(message, "Precedence"));
    const auto return_path = first_header(message, "Return-Path");
    const auto local_part = out.from.address.substr(0, out.from.address.find('@'));
    if (return_path == "<>" || local_part == "mailer-daemon") {
        out.automatic = Automatic::delivery;
        out.automatic_reason = return_path == "<>" ? "Return-Path: <>" : "From: " + out.from.address;
    } else if (!auto_submitted.empty() && auto_submitted.rfind("no", 0) != 0) {
        out.automatic = Automatic::reply;
        out.automatic_reason = "Auto-Submitted: " + auto_submitted;
    } else if (precedence == "junk" || precedence == "auto_reply" || precedence == "list" ||
               !first_header(message, "List-Id").empty()) {
        // A mailing list or newsletter is answered by nobody (RFC 3834); "bulk" is not in it: web
        // forms and forwarding services send what people wrote so.
        out.automatic = Automatic::reply;
        out.automatic_reason = precedence.empty() ? "List-Id" : "Precedence: " + precedence;
    } else {
        for (const char* header : {"X-Autoreply", "X-Autorespond", "X-Autoresponse", "X-Autogenerated"})
            if (!first_header(message, header).empty()) {
                out.automatic = Automatic::reply;
                out.automatic_reason = std::string(header) + ": " + one_line(first_header(message, header));
                return;
            }
        const auto suppress = support::ascii_lowercase(first_header(message, "X-Auto-Response-Suppress"));
        const auto subject = support::ascii_lowercase(out.subject);
        // Exchange's out-of-office reply marks itself so, with its subject saying the same.
        if (!suppress.empty() &&
            (subject.rfind("automatic reply", 0) == 0 || subject.rfind("automatisch antwoord", 0) == 0)) {
            out.automatic = Automatic::reply;
            out.automatic_reason = "X-Auto-Response-Suppress: " + suppress;
        }
    }
}

}  // namespace

IncomingMessage read_incoming(const std::string& raw) {
    init_mime();
    if (raw.find_first_not_of(" \t\r\n") == std::string::npos)
        throw MalformedMessage("the message is empty");
    GMimeParserOptions* options = g_mime_parser_options_new();
    const char* fallback[] = {"utf-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(options, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    std::unique_ptr<GMimeParserOptions, void (*)(GMimeParserOptions*)> options_owner(
        options, g_mime_parser_options_free);
    Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    Owned<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    Owned<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options));
    if (!message)
        throw MalformedMessage("the message has no readable header");
    GMimeObject* object = GMIME_OBJECT(message.get());
    if (g_mime_header_list_get_count(g_mime_object_get_header_list(object)) == 0)
        throw MalformedMessage("the message has no readable header");

    IncomingMessage out;
    out.message_id = one_line(text_or_empty(g_mime_message_get_message_id(message.get())));
    std::vector<IncomingAddress> from;
    mailboxes(g_mime_message_get_from(message.get()), from);
    if (from.empty()) {
        // "Sender:" when From has no address a reader could answer.
        for (const auto& value : header_values(object, "Sender"))
            for (auto& a : parse_addresses(options, value))
                from.push_back(std::move(a));
    }
    if (!from.empty())
        out.from = from.front();
    std::vector<IncomingAddress> reply_to;
    mailboxes(g_mime_message_get_reply_to(message.get()), reply_to);
    if (!reply_to.empty())
        out.reply_to = reply_to.front();
    std::vector<IncomingAddress> recipients;
    mailboxes(g_mime_message_get_to(message.get()), recipients);
    mailboxes(g_mime_message_get_cc(message.get()), recipients);
    for (const char* header : {"Delivered-To", "X-Original-To", "Envelope-To"})
        for (const auto& value : header_values(object, header))
            for (auto& a : parse_addresses(options, value))
                recipients.push_back(std::move(a));
    for (const auto& r : recipients)
        if (std::find(out.recipients.begin(), out.recipients.end(), r.address) == out.recipients.end())
            out.recipients.push_back(r.address);
    out.subject = one_line(text_or_empty(g_mime_message_get_subject(message.get())));
    if (GDateTime* date = g_mime_message_get_date(message.get())) {
        const auto seconds = g_date_time_to_unix(date);
        if (seconds > 0)
            out.date = std::chrono::sys_seconds{std::chrono::seconds{seconds}};
    }
    const auto received = header_values(object, "Received");
    if (!received.empty()) {
        const auto semicolon = received.front().rfind(';');
        if (semicolon != std::string::npos)
            out.received = date_of(trimmed(received.front().substr(semicolon + 1)));
    }
    out.answers = message_ids(first_header(object, "In-Reply-To"));
    auto references = message_ids(first_header(object, "References"));
    std::reverse(references.begin(), references.end());
    for (auto& id : references)
        if (std::find(out.answers.begin(), out.answers.end(), id) == out.answers.end())
            out.answers.push_back(std::move(id));

    find_automatic(object, out);
    Reader reader(out);
    reader.visit(g_mime_message_get_mime_part(message.get()), 0, false);
    out.text = reader.text();
    return out;
}

}  // namespace meldpunt::mail
