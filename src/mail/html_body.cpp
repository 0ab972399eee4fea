#include "mail/html_body.hpp"

#include "support/text.hpp"

#include <cctype>
#include <string_view>
#include <vector>

namespace meldpunt::mail {

namespace {

void append_escaped(std::string& out, const std::string& text, size_t from, size_t to) {
    support::append_markup_escaped(out, std::string_view(text).substr(from, to - from));
}

// Where a web address that starts at `at` ends: at white space or a character that cannot be part
// of one, and without the sentence's closing punctuation ("zie https://x.nl/a.").
size_t address_end(const std::string& text, size_t at) {
    size_t end = at;
    while (end < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[end]);
        if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c >= 0x80)
            break;
        ++end;
    }
    while (end > at && std::string(".,;:!?)").find(text[end - 1]) != std::string::npos)
        --end;
    return end;
}

bool starts_address(const std::string& text, size_t at) {
    return text.compare(at, 8, "https://") == 0 || text.compare(at, 7, "http://") == 0;
}

// One line: escaped, with its web addresses as links.
void append_line(std::string& out, const std::string& line) {
    size_t plain = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        if (!starts_address(line, i) || (i > 0 && std::isalnum(static_cast<unsigned char>(line[i - 1]))))
            continue;
        const size_t end = address_end(line, i);
        if (end <= line.find("//", i) + 2)
            continue;  // "https://" alone is no address
        append_escaped(out, line, plain, i);
        out += "<a href=\"";
        append_escaped(out, line, i, end);
        out += "\">";
        append_escaped(out, line, i, end);
        out += "</a>";
        plain = end;
        i = end - 1;
    }
    append_escaped(out, line, plain, line.size());
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (;;) {
        const size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(std::move(line));
        if (end == std::string::npos)
            return lines;
        start = end + 1;
    }
}

bool blank(const std::string& line) {
    return line.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

std::string html_from_text(const std::string& text, const std::string& lang) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"";
    append_escaped(out, lang, 0, lang.size());
    out +=
        "\"><head><meta charset=\"utf-8\"></head>\n"
        "<body style=\"font-family: sans-serif; line-height: 1.5\">\n";
    bool open = false;
    for (const auto& line : lines_of(text)) {
        if (blank(line)) {
            if (open)
                out += "</p>\n";
            open = false;
            continue;
        }
        out += open ? "<br>\n" : "<p>";
        open = true;
        append_line(out, line);
    }
    if (open)
        out += "</p>\n";
    out += "</body></html>\n";
    return out;
}

}  // namespace meldpunt::mail
