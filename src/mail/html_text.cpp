#include "mail/html_text.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <string_view>

namespace meldpunt::mail {

namespace {

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose content is not text a person reads.
bool hidden(std::string_view name) {
    return one_of(name, {"head", "script", "style", "title", "noscript", "template", "object", "iframe",
                         "svg", "math", "select", "button"});
}

// Elements that begin and end on a line of their own.
bool block(std::string_view name) {
    return one_of(name, {"p",       "div",     "li",         "tr",     "h1",      "h2",  "h3",   "h4",
                         "h5",      "h6",      "blockquote", "table",  "ul",      "ol",  "pre",  "hr",
                         "section", "article", "header",     "footer", "address", "dl",  "dt",   "dd",
                         "center",  "form",    "fieldset",   "figure", "main",    "nav", "aside"});
}

// Builds the text: runs of white space become one space, block boundaries line ends, and never
// more than one blank line in a row.
class TextBuilder {
  public:
    void words(std::string_view text, bool preformatted) {
        for (char c : text) {
            const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
            if (preformatted && c == '\n') {
                line_end();
                continue;
            }
            if (preformatted && space) {
                out_ += ' ';
                continue;
            }
            if (space) {
                pending_space_ = !out_.empty() && out_.back() != '\n';
                continue;
            }
            if (pending_space_)
                out_ += ' ';
            pending_space_ = false;
            out_ += c;
        }
    }
    void line_end() {
        pending_space_ = false;
        while (!out_.empty() && out_.back() == ' ')
            out_.pop_back();
        out_ += '\n';
    }
    void paragraph_end() {
        if (out_.empty())
            return;
        line_end();
        const size_t size = out_.size();
        if (size >= 2 && out_[size - 2] != '\n')
            out_ += '\n';
    }
    std::string result() {
        while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' '))
            out_.pop_back();
        // At most one blank line in a row.
        std::string tidy;
        int newlines = 0;
        for (char c : out_) {
            newlines = c == '\n' ? newlines + 1 : 0;
            if (newlines <= 2)
                tidy += c;
        }
        const size_t first = tidy.find_first_not_of('\n');
        return first == std::string::npos ? std::string() : tidy.substr(first);
    }

  private:
    std::string out_;
    bool pending_space_ = false;
};

std::string name_of(const xmlNode* node) {
    return node->name ? std::string(reinterpret_cast<const char*>(node->name)) : std::string();
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value)
        return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

bool web_address(const std::string& href) {
    return href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0 || href.rfind("mailto:", 0) == 0;
}

void walk(const xmlNode* node, TextBuilder& text, bool preformatted, int depth) {
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content)
                text.words(reinterpret_cast<const char*>(node->content), preformatted);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE)
            continue;  // comments, processing instructions
        const std::string name = name_of(node);
        if (hidden(name) || depth > 200)
            continue;
        if (name == "br") {
            text.line_end();
            continue;
        }
        if (name == "img") {
            const auto alt = attribute(node, "alt");
            if (!alt.empty())
                text.words("[" + alt + "]", false);
            continue;
        }
        const bool is_block = block(name);
        if (is_block)
            text.paragraph_end();
        if (name == "li")
            text.words("- ", true);
        walk(node->children, text, preformatted || name == "pre", depth + 1);
        if (name == "a") {
            // The address of a link whose text does not show it, so that nothing is hidden behind
            // a word (the reader sees where it pointed).
            const auto href = attribute(node, "href");
            if (web_address(href)) {
                const auto shown = href.rfind("mailto:", 0) == 0 ? href.substr(7) : href;
                std::string inner;
                for (const xmlNode* c = node->children; c; c = c->next)
                    if (c->type == XML_TEXT_NODE && c->content)
                        inner += reinterpret_cast<const char*>(c->content);
                if (inner.find(shown) == std::string::npos)
                    text.words(" <" + shown + ">", false);
            }
        }
        if (name == "td" || name == "th")
            text.words(" ", false);
        if (is_block)
            text.paragraph_end();
    }
}

}  // namespace

std::string text_from_html(const std::string& html, const std::string& charset) {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
    if (html.empty() || html.size() > static_cast<size_t>(INT_MAX))
        return {};
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_NOIMPLIED;
    std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr,
                       charset.empty() ? "UTF-8" : charset.c_str(), options),
        xmlFreeDoc);
    if (!doc)
        return {};
    TextBuilder text;
    walk(doc->children, text, false, 0);  // the root and whatever stands beside it
    return text.result();
}

}  // namespace meldpunt::mail
