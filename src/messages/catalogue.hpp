#pragma once
// User-facing text, Dutch first and English second, from the message catalogues in
// messages/nl.toml and messages/en.toml (compiled into the program).
//
// Keys are dotted ("diagnostic.unknown_stage"); texts contain {0}, {1} ... for arguments.
// A key missing from the chosen language falls back to English, then to the key itself, so a
// missing translation shows up as a visible key rather than an empty message.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace meldpunt::messages {

enum class Language { nl, en };

// "nl", "en", or a locale such as "en_GB.UTF-8"; anything else is Dutch.
Language language_from(std::string_view text);

class Catalogue {
  public:
    explicit Catalogue(Language language);

    std::string text(const std::string& key, const std::vector<std::string>& args = {}) const;
    bool has(const std::string& key) const;
    // Every key starting with `prefix` (English where this language lacks one), the prefix removed,
    // with its text as written (arguments not filled in). For templates that look texts up by key.
    std::map<std::string, std::string> texts_under(const std::string& prefix) const;
    Language language() const { return language_; }

  private:
    Language language_;
    std::map<std::string, std::string> primary_;
    std::map<std::string, std::string> fallback_;
};

// Parses catalogue text (TOML; nested tables become dotted keys). Exposed for tests.
std::map<std::string, std::string> parse_catalogue(std::string_view toml_text);

}  // namespace meldpunt::messages
