#include "storage/dossier.hpp"

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

}  // namespace meldpunt::storage
