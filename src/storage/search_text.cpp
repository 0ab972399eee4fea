#include "storage/search_text.hpp"

#include <cctype>
#include <cstdio>

#include "support/text.hpp"

namespace meldpunt::storage {

namespace {

// A letter or digit in ASCII, or the first byte of a UTF-8 character outside the blocks of
// punctuation and symbols: U+0080-U+00BF (lead byte C2: « ° ©) and U+2000-U+2FFF (E2: – … € →).
// Letters with accents (C3 …) and other scripts count. A "word" of symbols alone is none: the
// tokenizers index no term for it.
bool word_character(unsigned char ch) {
    return std::isalnum(ch) || (ch >= 0xC3 && ch != 0xE2 && ch < 0xF8);
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// "2027-000123" for 2027 and "123"; nullopt when the number has more than nine digits of value.
std::optional<std::string> reference_of(int64_t year, const std::string& number) {
    const auto first = number.find_first_not_of('0');
    const std::string value = first == std::string::npos ? "0" : number.substr(first);
    if (value.size() > 9)
        return std::nullopt;
    char out[32];
    std::snprintf(out, sizeof out, "%lld-%06lld", static_cast<long long>(year), std::stoll(value));
    return std::string(out);
}

}  // namespace

std::string parties_text(const cases::Case& c) {
    std::string out;
    auto add = [&](const std::string& value) {
        if (value.empty())
            return;
        out += (out.empty() ? "" : "\n") + value;
    };
    // An anonymous complainant is not found by a name or address someone may still have noted.
    if (!c.complainant.anonymous) {
        add(c.complainant.name);
        add(c.complainant.email);
    }
    if (c.representative) {
        add(c.representative->name);
        add(c.representative->email);
    }
    return out;
}

std::vector<std::string> search_words(const std::string& input) {
    std::vector<std::string> words;
    std::string word;
    bool has_word_character = false;
    auto flush = [&] {
        if (has_word_character)
            words.push_back(word);
        word.clear();
        has_word_character = false;
    };
    for (char ch : input) {
        // Quotes and backslashes end a word: they are syntax in one database's query or the other's.
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '"' || ch == '\'' || ch == '\\') {
            flush();
            continue;
        }
        word += ch;
        has_word_character = has_word_character || word_character(static_cast<unsigned char>(ch));
    }
    flush();
    return words;
}

std::optional<std::string> plain_term(const std::string& word) {
    std::string term;
    for (unsigned char ch : word) {
        if (!std::isalnum(ch) || ch >= 0x80)
            return std::nullopt;
        term += static_cast<char>(std::tolower(ch));
    }
    return term;
}

std::string after_prefix(const std::string& prefix) {
    std::string after = prefix;
    after.back() = static_cast<char>(after.back() + 1);  // a letter or digit: never the last byte
    return after;
}

std::string after_term(const std::string& term) {
    return term + '\x01';  // no term holds a control character
}

std::string fts5_word_query(const std::string& word, const std::optional<std::vector<std::string>>& terms) {
    if (!terms)
        return "\"" + word + "\"*";
    std::string query;
    for (const auto& term : *terms)
        query += (query.empty() ? "(\"" : " OR \"") + term + "\"";
    return query + ")";
}

std::string tsquery_prefix_query(const std::vector<std::string>& words) {
    std::string query;
    for (const auto& word : words)
        query += (query.empty() ? "'" : " & '") + word + "':*";
    return query;
}

bool looks_like_reference(const std::string& input) {
    const std::string text = support::trimmed(input);
    const auto dash = text.find('-');
    if (dash == std::string::npos)
        return all_digits(text);
    return dash == 4 && all_digits(text.substr(0, 4)) && all_digits(text.substr(5));
}

std::vector<std::string> reference_candidates(const std::string& input, const std::vector<int64_t>& years) {
    if (!looks_like_reference(input))
        return {};
    const std::string text = support::trimmed(input);
    std::vector<std::string> out;
    if (text.find('-') != std::string::npos) {
        if (auto reference = reference_of(std::stoll(text.substr(0, 4)), text.substr(5)))
            out.push_back(*reference);
        return out;
    }
    for (int64_t year : years)
        if (auto reference = reference_of(year, text))
            out.push_back(*reference);
    return out;
}

}  // namespace meldpunt::storage
