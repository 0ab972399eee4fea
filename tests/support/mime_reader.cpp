#include "support/mime_reader.hpp"

#include <gmime/gmime.h>

#include "mail/outgoing_message.hpp"

namespace meldpunt::testing {

namespace {

std::string decoded(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content)
        return "";
    GMimeStream* stream = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(content, stream);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    std::string out(reinterpret_cast<const char*>(bytes->data), bytes->len);
    g_object_unref(stream);
    return out;
}

void collect(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
    if (!GMIME_IS_PART(object))
        return;
    auto* parts = static_cast<std::vector<MimePart>*>(data);
    GMimePart* part = GMIME_PART(object);
    MimePart out;
    char* type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(object));
    out.content_type = type ? type : "";
    g_free(type);
    const char* filename = g_mime_part_get_filename(part);
    out.filename = filename ? filename : "";
    const char* disposition = g_mime_object_get_disposition(object);
    out.disposition = disposition ? disposition : "";
    out.content = decoded(part);
    parts->push_back(std::move(out));
}

}  // namespace

std::vector<MimePart> mime_parts(const std::string& raw) {
    mail::init_mime();
    std::vector<MimePart> parts;
    GMimeStream* stream = g_mime_stream_mem_new_with_buffer(raw.data(), raw.size());
    GMimeParser* parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
    if (message) {
        GMimeObject* body = g_mime_message_get_mime_part(message);
        if (body && GMIME_IS_MULTIPART(body))
            g_mime_multipart_foreach(GMIME_MULTIPART(body), collect, &parts);
        else if (body)
            collect(nullptr, body, &parts);
        g_object_unref(message);
    }
    g_object_unref(parser);
    g_object_unref(stream);
    return parts;
}

MimePart part_of_type(const std::string& raw, const std::string& content_type) {
    for (auto& part : mime_parts(raw))
        if (part.content_type == content_type)
            return part;
    return {};
}

}  // namespace meldpunt::testing
