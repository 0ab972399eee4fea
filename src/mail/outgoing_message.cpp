#include "mail/outgoing_message.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "mail/gobject_ptr.hpp"

namespace meldpunt::mail {

namespace {

// Always UTF-8 (GMime would pick the smallest charset that fits, e.g. ISO-8859-1): one charset
// for every message Meldpunt sends.
GMimeObject* text_part(const std::string& subtype, const std::string& text) {
    GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype.c_str());
    Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
    Owned<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(part), content.get());
    g_mime_text_part_set_charset(part, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    return GMIME_OBJECT(part);
}

void add_mailbox(GMimeMessage* message, GMimeAddressType type, const Mailbox& mailbox) {
    InternetAddress* address = internet_address_mailbox_new(mailbox.name.c_str(), mailbox.address.c_str());
    internet_address_set_charset(address, "utf-8");
    internet_address_list_add(g_mime_message_get_addresses(message, type), address);
    g_object_unref(address);
}

GMimeObject* attachment_part(const Attachment& a) {
    const auto slash = a.content_type.find('/');
    const std::string type = slash == std::string::npos ? "application" : a.content_type.substr(0, slash);
    const std::string subtype =
        slash == std::string::npos ? "octet-stream" : a.content_type.substr(slash + 1);
    GMimePart* part = g_mime_part_new_with_type(type.c_str(), subtype.c_str());
    g_mime_part_set_filename(part, a.filename.c_str());
    g_mime_object_set_disposition(GMIME_OBJECT(part), "attachment");
    Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(a.data.data(), a.data.size()));
    Owned<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part, content.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    return GMIME_OBJECT(part);
}

// The body: text, text with its HTML alternative, and either with attachments after it.
Owned<GMimeObject> body_of(const OutgoingMessage& m) {
    Owned<GMimeObject> body(text_part("plain", m.text));
    if (!m.html.empty()) {
        GMimeMultipart* alternative = g_mime_multipart_new_with_subtype("alternative");
        g_mime_multipart_add(alternative, body.get());
        Owned<GMimeObject> html(text_part("html", m.html));
        g_mime_multipart_add(alternative, html.get());
        body.reset(GMIME_OBJECT(alternative));
    }
    if (m.attachments.empty())
        return body;
    GMimeMultipart* mixed = g_mime_multipart_new_with_subtype("mixed");
    g_mime_multipart_add(mixed, body.get());
    for (const auto& a : m.attachments) {
        Owned<GMimeObject> part(attachment_part(a));
        g_mime_multipart_add(mixed, part.get());
    }
    return Owned<GMimeObject>(GMIME_OBJECT(mixed));
}

// "<id@host>" without its brackets, as GMime wants it.
std::string bare_id(const std::string& id) {
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
        return id.substr(1, id.size() - 2);
    return id;
}

}  // namespace

void init_mime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

std::string compose(const OutgoingMessage& m) {
    init_mime();
    Owned<GMimeMessage> message(g_mime_message_new(TRUE));
    add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, m.from);
    add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, m.to);
    if (!m.reply_to.empty())
        add_mailbox(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO, {m.from.name, m.reply_to});
    g_mime_message_set_subject(message.get(), m.subject.c_str(), "utf-8");
    g_mime_message_set_message_id(message.get(), bare_id(m.message_id).c_str());
    GDateTime* date = g_date_time_new_from_unix_utc(m.date.time_since_epoch().count());
    g_mime_message_set_date(message.get(), date);
    g_date_time_unref(date);
    if (m.automatic)
        g_mime_object_set_header(GMIME_OBJECT(message.get()), "Auto-Submitted", "auto-generated", nullptr);
    auto body = body_of(m);
    g_mime_message_set_mime_part(message.get(), body.get());

    GMimeFormatOptions* options = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    Owned<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(message.get()), options, stream.get());
    g_mime_format_options_free(options);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

}  // namespace meldpunt::mail
