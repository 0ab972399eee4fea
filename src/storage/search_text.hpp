#pragma once
// What the register's search looks at and how a person's search words become a query: the text of
// a case (its subject and description, and the names and e-mail addresses of the complainant and
// their representative), and words matched as whole words or as the beginning of longer ones, in
// the query language of each database. A reference typed into the search box is looked up as a
// reference (Cases::list).
#include <optional>
#include <string>
#include <vector>

#include "domain/case/case.hpp"

namespace meldpunt::storage {

// The names and e-mail addresses a case can be found by, one per line (none of an anonymous
// complainant's).
std::string parties_text(const cases::Case& c);

// The search words of `input`: split at white space and quotes; a word without a letter or digit
// is no word. Empty: the text filters nothing.
std::vector<std::string> search_words(const std::string& input);

// SQLite: a prefix query makes FTS5 read every document of every term with that prefix before the
// first match is returned; the same terms joined by OR are read lazily, as far as the page needs. So
// a word's terms are looked up in the index first (Cases::word_filter) when the word is stored as
// typed: `plain_term` is the word as FTS5 stores it (lowercase ASCII letters and digits), nullopt
// when the tokenizer would change it otherwise (accents, punctuation: a prefix query then).
std::optional<std::string> plain_term(const std::string& word);
// The smallest text after every text that begins with `prefix` ("klant" → "klanu").
std::string after_prefix(const std::string& prefix);
// The smallest text after `term` (for a search among terms that skips it).
std::string after_term(const std::string& term);
// FTS5 syntax for one word: any of `terms` (the index's terms that begin with it), or the word as
// a prefix when they are not known (nullopt).
std::string fts5_word_query(const std::string& word, const std::optional<std::vector<std::string>>& terms);

// A PostgreSQL tsquery for to_tsquery: every word required, each also as a prefix, quoted.
std::string tsquery_prefix_query(const std::vector<std::string>& words);

// A reference as typed: "2027-000123" or "2027-123" is that reference; a number alone ("123",
// "000123") is that number in `years` (the years the organisation has references in). Empty: the
// text is no reference.
std::vector<std::string> reference_candidates(const std::string& input, const std::vector<int64_t>& years);

// Whether `input` has the form of a reference or of its number (reference_candidates may then
// give candidates).
bool looks_like_reference(const std::string& input);

}  // namespace meldpunt::storage
