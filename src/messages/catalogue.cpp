#include "messages/catalogue.hpp"

#include <toml++/toml.h>

namespace meldpunt::messages {

// The catalogues' texts, compiled in (cmake/embed_catalogues.cmake).
std::string_view catalogue_text_nl();
std::string_view catalogue_text_en();

namespace {

void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out) {
    for (const auto& [key, node] : table) {
        const std::string name =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* sub = node.as_table()) {
            flatten(*sub, name, out);
        } else if (auto value = node.value<std::string>()) {
            out[name] = *value;
        }
    }
}

}  // namespace

std::map<std::string, std::string> parse_catalogue(std::string_view toml_text) {
    std::map<std::string, std::string> out;
    try {
        flatten(toml::parse(toml_text), "", out);
    } catch (const toml::parse_error&) {
        out.clear();  // a broken catalogue shows keys; the catalogue test keeps this from shipping
    }
    return out;
}

Language language_from(std::string_view text) {
    return text.substr(0, 2) == "en" ? Language::en : Language::nl;
}

Catalogue::Catalogue(Language language)
    : language_(language),
      primary_(parse_catalogue(language == Language::nl ? catalogue_text_nl() : catalogue_text_en())),
      fallback_(parse_catalogue(catalogue_text_en())) {}

bool Catalogue::has(const std::string& key) const {
    return primary_.count(key) > 0;
}

std::map<std::string, std::string> Catalogue::texts_under(const std::string& prefix) const {
    std::map<std::string, std::string> out;
    for (const auto* source : {&primary_, &fallback_})
        for (auto it = source->lower_bound(prefix); it != source->end() && it->first.rfind(prefix, 0) == 0;
             ++it)
            out.emplace(it->first.substr(prefix.size()), it->second);  // primary first: it wins
    return out;
}

std::string Catalogue::text(const std::string& key, const std::vector<std::string>& args) const {
    const std::string* found = nullptr;
    if (auto it = primary_.find(key); it != primary_.end()) {
        found = &it->second;
    } else if (auto fallback = fallback_.find(key); fallback != fallback_.end()) {
        found = &fallback->second;
    } else {
        return key;
    }
    const std::string& pattern = *found;
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            const size_t index = static_cast<size_t>(pattern[i + 1] - '0');
            out += index < args.size() ? args[index] : "";
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

}  // namespace meldpunt::messages
