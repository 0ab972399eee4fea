#include "storage/dossier.hpp"

#include <algorithm>

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kInsertBlob =
    "INSERT INTO blobs (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING";
constexpr const char* kInsertDocument =
    "INSERT INTO documents (org, reference, id, name, content_type, size, hash, visibility, uploaded_at, "
    "uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
// Columns as read by document_from.
constexpr const char* kSelectDocuments =
    "SELECT org, reference, id, name, content_type, size, hash, visibility, uploaded_at, uploaded_by "
    "FROM documents WHERE org = $1 AND reference = $2 ORDER BY uploaded_at, id";
constexpr const char* kSelectDocumentWithContent =
    "SELECT org, reference, id, name, content_type, size, hash, visibility, uploaded_at, uploaded_by, "
    "(SELECT bytes FROM blobs WHERE blobs.hash = documents.hash) "
    "FROM documents WHERE org = $1 AND reference = $2 AND id = $3";
constexpr const char* kInsertLetter =
    "INSERT INTO letters (org, reference, seq, letter, name, recipients, body, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kSelectLetters =
    "SELECT org, reference, seq, letter, name, recipients, body, created_at FROM letters "
    "WHERE org = $1 AND reference = $2 ORDER BY seq";
constexpr const char* kSelectLastLetterSeq =
    "SELECT COALESCE(MAX(seq), 0) FROM letters WHERE org = $1 AND reference = $2";

constexpr const char* kInsertMessage =
    "INSERT INTO messages (org, reference, seq, at, author, visibility, body, documents) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kSelectMessages =
    "SELECT org, reference, seq, at, author, visibility, body, documents FROM messages "
    "WHERE org = $1 AND reference = $2 ORDER BY seq";
constexpr const char* kSelectReadUpTo =
    "SELECT seen FROM message_reads WHERE org = $1 AND reference = $2 AND reader = $3";
constexpr const char* kMarkRead =
    "INSERT INTO message_reads (org, reference, reader, seen) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (org, reference, reader) DO UPDATE SET seen = excluded.seen "
    "WHERE excluded.seen > message_reads.seen";
// Through the partial index on the complainant's messages by organisation and time.
constexpr const char* kSelectUnread =
    "SELECT m.reference, COUNT(*), MAX(m.at) FROM messages m "
    "WHERE m.org = $1 AND m.author = 'complainant' AND m.at >= $3 "
    "AND m.seq > COALESCE((SELECT r.seen FROM message_reads r "
    "WHERE r.org = m.org AND r.reference = m.reference AND r.reader = $2), 0) "
    "GROUP BY m.reference ORDER BY MAX(m.at) DESC, m.reference LIMIT $4";

std::string joined_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids)
        out += (out.empty() ? "" : ",") + id;
    return out;
}

std::vector<std::string> split_ids(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

DocumentRecord document_from(const Row& r) {
    return {text(r, 0),   text(r, 1), text(r, 2), text(r, 3),   text(r, 4),
            number(r, 5), text(r, 6), text(r, 7), number(r, 8), text(r, 9)};
}

}  // namespace

void Dossier::put_document(const DocumentRecord& d, const std::string& content) {
    db_.query(kInsertBlob, {d.hash, Blob{content}});
    db_.query(kInsertDocument, {d.org, d.reference, d.id, d.name, d.content_type, d.size, d.hash,
                                d.visibility, d.uploaded_at, d.uploaded_by});
}

std::vector<DocumentRecord> Dossier::documents(const std::string& org, const std::string& reference) {
    std::vector<DocumentRecord> out;
    for (const auto& row : db_.query(kSelectDocuments, {org, reference}))
        out.push_back(document_from(row));
    return out;
}

std::optional<std::pair<DocumentRecord, std::string>> Dossier::document(const std::string& org,
                                                                        const std::string& reference,
                                                                        const std::string& id) {
    return first_row(db_.query(kSelectDocumentWithContent, {org, reference, id}), [](const Row& row) {
        return std::pair{document_from(row), text(row, 10)};
    });
}

void Dossier::insert_letter(const LetterRecord& l) {
    db_.query(kInsertLetter,
              {l.org, l.reference, l.seq, l.letter, l.name, l.recipients, l.body, l.created_at});
}

std::vector<LetterRecord> Dossier::letters(const std::string& org, const std::string& reference) {
    std::vector<LetterRecord> out;
    for (const auto& r : db_.query(kSelectLetters, {org, reference}))
        out.push_back({text(r, 0), text(r, 1), number(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6),
                       number(r, 7)});
    return out;
}

int64_t Dossier::last_letter_seq(const std::string& org, const std::string& reference) {
    return single_number(db_.query(kSelectLastLetterSeq, {org, reference}));
}

void Dossier::insert_message(const MessageRecord& m) {
    db_.query(kInsertMessage,
              {m.org, m.reference, m.seq, m.at, m.author, m.visibility, m.body, joined_ids(m.documents)});
}

std::vector<MessageRecord> Dossier::messages(const std::string& org, const std::string& reference) {
    std::vector<MessageRecord> out;
    for (const auto& r : db_.query(kSelectMessages, {org, reference}))
        out.push_back({text(r, 0), text(r, 1), number(r, 2), number(r, 3), text(r, 4), text(r, 5), text(r, 6),
                       split_ids(text(r, 7))});
    return out;
}

int64_t Dossier::read_up_to(const std::string& org, const std::string& reference, const std::string& reader) {
    return first_row(db_.query(kSelectReadUpTo, {org, reference, reader}),
                     [](const Row& row) { return number(row, 0); })
        .value_or(0);
}

void Dossier::mark_read(const std::string& org, const std::string& reference, const std::string& reader,
                        int64_t seq) {
    db_.query(kMarkRead, {org, reference, reader, seq});
}

std::vector<UnreadMessages> Dossier::unread_from_complainants(const std::string& org,
                                                              const std::string& reader, int64_t since,
                                                              int limit) {
    std::vector<UnreadMessages> out;
    for (const auto& r : db_.query(kSelectUnread, {org, reader, since, int64_t{limit}}))
        out.push_back({text(r, 0), number(r, 1), number(r, 2)});
    return out;
}

}  // namespace meldpunt::storage
