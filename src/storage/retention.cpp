#include "storage/retention.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

constexpr const char* kDueColumns =
    "SELECT c.org, c.reference, c.kind, c.purge_on, c.subject, h.held_by, h.reason, h.held_until, "
    "h.placed_at "
    "FROM cases c LEFT JOIN legal_holds h ON h.org = c.org AND h.reference = c.reference ";
const std::string kDue = std::string(kDueColumns) +
                         "WHERE c.purge_on IS NOT NULL AND c.purge_on <= $1 "
                         "AND (c.purge_on, c.org, c.reference) > ($2, $3, $4) "
                         "ORDER BY c.purge_on, c.org, c.reference LIMIT $5";
const std::string kComing = std::string(kDueColumns) +
                            "WHERE c.purge_on IS NOT NULL AND c.purge_on <= $2 AND c.org = $1 "
                            "ORDER BY c.purge_on, c.reference LIMIT $3";
constexpr const char* kSelectHold =
    "SELECT org, reference, held_by, reason, held_until, placed_at FROM legal_holds "
    "WHERE org = $1 AND reference = $2";
constexpr const char* kPlaceHold =
    "INSERT INTO legal_holds (org, reference, held_by, reason, held_until, placed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org, reference) DO UPDATE SET held_by = $3, reason = $4, "
    "held_until = $5, placed_at = $6";
constexpr const char* kLiftHold = "DELETE FROM legal_holds WHERE org = $1 AND reference = $2";
constexpr const char* kLockCasePostgres = "SELECT 1 FROM cases WHERE org = $1 AND reference = $2 FOR UPDATE";

constexpr const char* kDocumentHashes = "SELECT hash FROM documents WHERE org = $1 AND reference = $2";
constexpr const char* kMailHashes =
    "SELECT raw_hash FROM incoming_mail WHERE org = $1 AND reference = $2 AND raw_hash <> ''";
// Every table that keeps something of one case beside the cases row, the report figures and the
// stages it reached. The counted ones first, in Destroyed's order.
constexpr const char* kDeleteDocuments = "DELETE FROM documents WHERE org = $1 AND reference = $2";
constexpr const char* kDeleteLetters = "DELETE FROM letters WHERE org = $1 AND reference = $2";
constexpr const char* kDeleteMessages = "DELETE FROM messages WHERE org = $1 AND reference = $2";
constexpr const char* kDeleteDeliveries = "DELETE FROM outbox WHERE org = $1 AND reference = $2";
constexpr const char* kDeleteMail = "DELETE FROM incoming_mail WHERE org = $1 AND reference = $2";
constexpr const char* kDeleteRest[] = {
    "DELETE FROM message_reads WHERE org = $1 AND reference = $2",
    "DELETE FROM effects WHERE org = $1 AND reference = $2",
    "DELETE FROM reply_addresses WHERE org = $1 AND reference = $2",
    "DELETE FROM portal_links WHERE org = $1 AND reference = $2",
    "DELETE FROM idempotency WHERE org = $1 AND reference = $2",
    "DELETE FROM case_people WHERE org = $1 AND reference = $2",
    "DELETE FROM restricted_cases WHERE org = $1 AND reference = $2",
};
// SQLite's text index is a table of its own (PostgreSQL's search column follows the row).
constexpr const char* kDeleteTextSqlite =
    "DELETE FROM case_text WHERE rowid = (SELECT rowid FROM cases WHERE org = $1 AND reference = $2)";
constexpr const char* kDeleteBlobUnused =
    "DELETE FROM blobs WHERE hash = $1 AND NOT EXISTS (SELECT 1 FROM documents WHERE hash = $1) "
    "AND NOT EXISTS (SELECT 1 FROM incoming_mail WHERE raw_hash = $1)";
constexpr const char* kWriteAnonymised =
    "UPDATE cases SET subject = '', description = '', parties = '', handler = '', data = $4, received_at = "
    "$5, "
    "next_due = NULL, review_on = NULL, purge_on = NULL, version = version + 1 "
    "WHERE org = $1 AND reference = $2 AND version = $3";
constexpr const char* kLooseMailHashes =
    "SELECT raw_hash FROM incoming_mail WHERE org = $1 AND reference = '' AND received_at < $2 AND raw_hash "
    "<> ''";
constexpr const char* kDeleteLooseMail =
    "DELETE FROM incoming_mail WHERE org = $1 AND reference = '' AND received_at < $2";

// Mail from one sender that became no case (a data subject's erasure, issue 15).
constexpr const char* kMailFromHashes =
    "SELECT raw_hash FROM incoming_mail WHERE org = $1 AND reference = '' AND lower(sender) = $2 AND "
    "raw_hash "
    "<> ''";
constexpr const char* kDeleteMailFrom =
    "DELETE FROM incoming_mail WHERE org = $1 AND reference = '' AND lower(sender) = $2";

std::optional<LegalHold> hold_from(const Row& row, size_t first) {
    if (!row.at(first))
        return std::nullopt;
    return LegalHold{text(row, 0),
                     text(row, 1),
                     text(row, first),
                     text(row, first + 1),
                     optional_day(row, first + 2).value_or(calendar::Day{}),
                     number(row, first + 3)};
}

RetentionDue due_from(const Row& row) {
    return {text(row, 0),
            text(row, 1),
            text(row, 2),
            text(row, 4),
            optional_day(row, 3).value_or(calendar::Day{}),
            hold_from(row, 5)};
}

}  // namespace

std::vector<RetentionDue> Retention::due(calendar::Day by, calendar::Day after_on,
                                         const std::string& after_org, const std::string& after_reference,
                                         int limit) {
    std::vector<RetentionDue> out;
    for (const auto& row : db_.query(kDue, {calendar::format_day(by), calendar::format_day(after_on),
                                            after_org, after_reference, int64_t{limit}}))
        out.push_back(due_from(row));
    return out;
}

std::vector<RetentionDue> Retention::coming(const std::string& org, calendar::Day by, int limit) {
    std::vector<RetentionDue> out;
    for (const auto& row : db_.query(kComing, {org, calendar::format_day(by), int64_t{limit}}))
        out.push_back(due_from(row));
    return out;
}

void Retention::lock_case(const std::string& org, const std::string& reference) {
    if (db_.dialect() == Dialect::postgres)
        db_.query(kLockCasePostgres, {org, reference});
}

std::optional<LegalHold> Retention::hold(const std::string& org, const std::string& reference) {
    return first_row(db_.query(kSelectHold, {org, reference}),
                     [](const Row& row) { return hold_from(row, 2).value_or(LegalHold{}); });
}

void Retention::place_hold(const LegalHold& h) {
    db_.query(kPlaceHold,
              {h.org, h.reference, h.held_by, h.reason, calendar::format_day(h.until), h.placed_at});
}

bool Retention::lift_hold(const std::string& org, const std::string& reference) {
    return db_.execute(kLiftHold, {org, reference}) > 0;
}

Destroyed Retention::destroy_dossier(const std::string& org, const std::string& reference) {
    std::vector<std::string> hashes;
    for (const char* query : {kDocumentHashes, kMailHashes})
        for (const auto& row : db_.query(query, {org, reference}))
            hashes.push_back(text(row, 0));
    Destroyed destroyed;
    destroyed.documents = db_.execute(kDeleteDocuments, {org, reference});
    destroyed.letters = db_.execute(kDeleteLetters, {org, reference});
    destroyed.messages = db_.execute(kDeleteMessages, {org, reference});
    destroyed.deliveries = db_.execute(kDeleteDeliveries, {org, reference});
    destroyed.mail = db_.execute(kDeleteMail, {org, reference});
    for (const char* statement : kDeleteRest)
        db_.execute(statement, {org, reference});
    if (db_.dialect() == Dialect::sqlite)
        db_.execute(kDeleteTextSqlite, {org, reference});
    destroyed.blobs = delete_blobs_unused(hashes);
    return destroyed;
}

bool Retention::write_anonymised(const std::string& org, const std::string& reference, int64_t version,
                                 const std::string& data, int64_t received_at) {
    return db_.execute(kWriteAnonymised, {org, reference, version, data, received_at}) > 0;
}

int64_t Retention::destroy_loose_mail(const std::string& org, int64_t before) {
    std::vector<std::string> hashes;
    for (const auto& row : db_.query(kLooseMailHashes, {org, before}))
        hashes.push_back(text(row, 0));
    const int64_t destroyed = db_.execute(kDeleteLooseMail, {org, before});
    delete_blobs_unused(hashes);
    return destroyed;
}

int64_t Retention::destroy_mail_from(const std::string& org, const std::string& sender) {
    std::vector<std::string> hashes;
    for (const auto& row : db_.query(kMailFromHashes, {org, sender}))
        hashes.push_back(text(row, 0));
    const int64_t destroyed = db_.execute(kDeleteMailFrom, {org, sender});
    delete_blobs_unused(hashes);
    return destroyed;
}

int64_t Retention::delete_blobs_unused(const std::vector<std::string>& hashes) {
    int64_t deleted = 0;
    for (const auto& hash : hashes)
        deleted += db_.execute(kDeleteBlobUnused, {hash});
    return deleted;
}

}  // namespace meldpunt::storage
