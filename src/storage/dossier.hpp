#pragma once
// A case's dossier: its documents (content stored once per hash) and the letters generated for it.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/records.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class Dossier {
  public:
    explicit Dossier(SqlConnection& db) : db_(db) {}

    void put_document(const DocumentRecord& document, const std::string& content);
    std::vector<DocumentRecord> documents(const std::string& org, const std::string& reference);
    // The document with its content.
    std::optional<std::pair<DocumentRecord, std::string>> document(const std::string& org,
                                                                   const std::string& reference,
                                                                   const std::string& id);

    void insert_letter(const LetterRecord& letter);
    std::vector<LetterRecord> letters(const std::string& org, const std::string& reference);  // by seq
    // The highest letter number of the case (0 when it has none), without loading the letters.
    int64_t last_letter_seq(const std::string& org, const std::string& reference);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
