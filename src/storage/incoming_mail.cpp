#include "storage/incoming_mail.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kInsertBlob =
    "INSERT INTO blobs (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING";
constexpr const char* kSelectBlob = "SELECT bytes FROM blobs WHERE hash = $1";
constexpr const char* kColumns =
    "org, message_key, received_at, outcome, reference, sender, subject, size, reason, raw_hash, cleared_at, "
    "cleared_by";
constexpr const char* kInsert =
    "INSERT INTO incoming_mail (org, message_key, received_at, outcome, reference, sender, subject, size, "
    "reason, raw_hash, cleared_at, cleared_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, '') "
    "ON CONFLICT (org, message_key) DO NOTHING";
constexpr const char* kClear =
    "UPDATE incoming_mail SET cleared_at = $3, cleared_by = $4 WHERE org = $1 AND message_key = $2 "
    "AND outcome = 'quarantined' AND cleared_at IS NULL";
constexpr const char* kSelectToken = "SELECT token FROM reply_addresses WHERE org = $1 AND reference = $2";
constexpr const char* kInsertToken =
    "INSERT INTO reply_addresses (token, org, reference) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
constexpr const char* kSelectCaseOfToken =
    "SELECT reference FROM reply_addresses WHERE token = $1 AND org = $2";
constexpr const char* kMailboxColumns = "org, url, username, password, polled_at, last_error";
constexpr const char* kUpsertMailbox =
    "INSERT INTO mailboxes (org, url, username, password, polled_at, last_error) VALUES ($1, $2, $3, $4, "
    "NULL, '') "
    "ON CONFLICT (org) DO UPDATE SET url = excluded.url, username = excluded.username, "
    "password = excluded.password, polled_at = NULL, last_error = ''";
constexpr const char* kDeleteMailbox = "DELETE FROM mailboxes WHERE org = $1";
constexpr const char* kMarkPolled = "UPDATE mailboxes SET polled_at = $2, last_error = $3 WHERE org = $1";

IncomingMailRecord record_from(const Row& r) {
    IncomingMailRecord m;
    m.org = text(r, 0);
    m.message_key = text(r, 1);
    m.received_at = number(r, 2);
    m.outcome = text(r, 3);
    m.reference = text(r, 4);
    m.sender = text(r, 5);
    m.subject = text(r, 6);
    m.size = number(r, 7);
    m.reason = text(r, 8);
    m.raw_hash = text(r, 9);
    if (r.at(10))
        m.cleared_at = number(r, 10);
    m.cleared_by = text(r, 11);
    return m;
}

MailboxRecord mailbox_from(const Row& r) {
    MailboxRecord m{text(r, 0), text(r, 1), text(r, 2), text(r, 3), std::nullopt, text(r, 5)};
    if (r.at(4))
        m.polled_at = number(r, 4);
    return m;
}

std::vector<IncomingMailRecord> records(const std::vector<Row>& rows) {
    std::vector<IncomingMailRecord> out;
    for (const auto& row : rows)
        out.push_back(record_from(row));
    return out;
}

}  // namespace

void IncomingMail::put_raw(const std::string& hash, const std::string& raw) {
    db_.query(kInsertBlob, {hash, Blob{raw}});
}

std::optional<std::string> IncomingMail::raw(const std::string& hash) {
    return first_row(db_.query(kSelectBlob, {hash}), [](const Row& row) { return text(row, 0); });
}

bool IncomingMail::record(const IncomingMailRecord& m) {
    return db_.execute(kInsert, {m.org, m.message_key, m.received_at, m.outcome, m.reference, m.sender,
                                 m.subject, m.size, m.reason, m.raw_hash}) > 0;
}

std::optional<IncomingMailRecord> IncomingMail::get(const std::string& org, const std::string& message_key) {
    return first_row(db_.query(std::string("SELECT ") + kColumns +
                                   " FROM incoming_mail WHERE org = $1 AND message_key = $2",
                               {org, message_key}),
                     record_from);
}

std::optional<IncomingMailRecord> IncomingMail::by_raw_hash(const std::string& org,
                                                            const std::string& raw_hash) {
    return first_row(
        db_.query(std::string("SELECT ") + kColumns +
                      " FROM incoming_mail WHERE org = $1 AND raw_hash = $2 ORDER BY received_at LIMIT 1",
                  {org, raw_hash}),
        record_from);
}

std::vector<IncomingMailRecord> IncomingMail::recent(const std::string& org, int limit) {
    return records(
        db_.query(std::string("SELECT ") + kColumns +
                      " FROM incoming_mail WHERE org = $1 ORDER BY received_at DESC, message_key LIMIT $2",
                  {org, int64_t{limit}}));
}

std::vector<IncomingMailRecord> IncomingMail::loose_from(const std::string& org, const std::string& sender,
                                                         int limit) {
    return records(
        db_.query(std::string("SELECT ") + kColumns +
                      " FROM incoming_mail WHERE org = $1 AND lower(sender) = $2 AND reference = '' "
                      "ORDER BY received_at, message_key LIMIT $3",
                  {org, sender, int64_t{limit}}));
}

std::vector<IncomingMailRecord> IncomingMail::quarantined(const std::string& org, int limit) {
    return records(
        db_.query(std::string("SELECT ") + kColumns +
                      " FROM incoming_mail WHERE org = $1 AND outcome = 'quarantined' AND cleared_at IS "
                      "NULL ORDER BY received_at DESC, message_key LIMIT $2",
                  {org, int64_t{limit}}));
}

bool IncomingMail::clear(const std::string& org, const std::string& message_key, const std::string& by,
                         int64_t at) {
    return db_.execute(kClear, {org, message_key, at, by}) > 0;
}

std::string IncomingMail::reply_token(const std::string& org, const std::string& reference) {
    return first_row(db_.query(kSelectToken, {org, reference}), [](const Row& row) { return text(row, 0); })
        .value_or("");
}

void IncomingMail::add_reply_token(const std::string& org, const std::string& reference,
                                   const std::string& token) {
    db_.query(kInsertToken, {token, org, reference});
}

std::optional<std::string> IncomingMail::case_of_token(const std::string& org, const std::string& token) {
    return first_row(db_.query(kSelectCaseOfToken, {token, org}),
                     [](const Row& row) { return text(row, 0); });
}

std::optional<MailboxRecord> IncomingMail::mailbox(const std::string& org) {
    return first_row(
        db_.query(std::string("SELECT ") + kMailboxColumns + " FROM mailboxes WHERE org = $1", {org}),
        mailbox_from);
}

std::vector<MailboxRecord> IncomingMail::mailboxes() {
    std::vector<MailboxRecord> out;
    for (const auto& row :
         db_.query(std::string("SELECT ") + kMailboxColumns + " FROM mailboxes ORDER BY org"))
        out.push_back(mailbox_from(row));
    return out;
}

void IncomingMail::set_mailbox(const MailboxRecord& m) {
    if (m.url.empty())
        db_.query(kDeleteMailbox, {m.org});
    else
        db_.query(kUpsertMailbox, {m.org, m.url, m.username, m.password});
}

void IncomingMail::mark_polled(const std::string& org, int64_t at, const std::string& error) {
    db_.query(kMarkPolled, {org, at, error});
}

}  // namespace meldpunt::storage
