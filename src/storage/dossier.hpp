#pragma once
// A case's dossier: its documents (content stored once per hash), the letters generated for it, and
// its conversation (messages, and how far each member of staff has read them).
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

    void insert_message(const MessageRecord& message);
    std::vector<MessageRecord> messages(const std::string& org, const std::string& reference);  // by seq
    // The last message `reader` has seen of the case (0: none).
    int64_t read_up_to(const std::string& org, const std::string& reference, const std::string& reader);
    // Records that `reader` has seen the messages up to `seq` (a lower one than before changes nothing).
    void mark_read(const std::string& org, const std::string& reference, const std::string& reader,
                   int64_t seq);
    // The cases with messages from the complainant sent at or after `since` that `reader` has not
    // seen, the latest first, at most `limit`.
    std::vector<UnreadMessages> unread_from_complainants(const std::string& org, const std::string& reader,
                                                         int64_t since, int limit);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
