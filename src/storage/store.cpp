#include "storage/store.hpp"

#include <chrono>
#include <thread>

#include "storage/case_codec.hpp"
#include "storage/postgres_connection.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_connection.hpp"

namespace meldpunt::storage {

namespace {

std::string text(const Row& row, size_t i) {
    return row.at(i).value_or("");
}
int64_t number(const Row& row, size_t i) {
    return row.at(i) ? std::stoll(*row.at(i)) : 0;
}

std::optional<calendar::Day> optional_day(const Row& row, size_t i) {
    return row.at(i) ? calendar::parse_day(*row.at(i)) : std::nullopt;
}

SqlValue day_value(const std::optional<calendar::Day>& day) {
    return day ? SqlValue{calendar::format_day(*day)} : SqlValue{};
}

// Free text as an FTS5 query: every word quoted (so no character is FTS syntax), all required.
std::string fts5_query(const std::string& input) {
    std::string query, word;
    auto flush = [&] {
        if (word.empty())
            return;
        query += (query.empty() ? "\"" : " \"") + word + "\"";
        word.clear();
    };
    for (char ch : input) {
        if (ch == '"' || ch == ' ' || ch == '\t' || ch == '\n') {
            flush();
        } else {
            word += ch;
        }
    }
    flush();
    return query;
}

constexpr const char* kCaseColumns = "org, reference, version, subject, description, next_due, data";

StoredCase case_from(const Row& row) {
    StoredCase stored;
    stored.org = text(row, 0);
    stored.version = number(row, 2);
    stored.subject = text(row, 3);
    stored.description = text(row, 4);
    stored.next_due = optional_day(row, 5);
    stored.c = decode_case(nlohmann::json::parse(text(row, 6)));
    stored.c.reference = text(row, 1);
    return stored;
}

}  // namespace

std::optional<OrgRecord> Tx::org(const std::string& id) {
    auto rows = db_.query("SELECT id, name FROM orgs WHERE id = $1", {id});
    if (rows.empty())
        return std::nullopt;
    return OrgRecord{text(rows[0], 0), text(rows[0], 1)};
}

std::vector<OrgRecord> Tx::orgs() {
    std::vector<OrgRecord> out;
    for (const auto& row : db_.query("SELECT id, name FROM orgs ORDER BY id"))
        out.push_back({text(row, 0), text(row, 1)});
    return out;
}

void Tx::insert_org(const OrgRecord& org, int64_t now) {
    db_.query("INSERT INTO orgs (id, name, created_at) VALUES ($1, $2, $3)", {org.id, org.name, now});
}

int Tx::add_procedure(const std::string& org, const std::string& procedure_text, int64_t now) {
    const int version = latest_procedure_version(org) + 1;
    db_.query("INSERT INTO procedures (org, version, text, created_at) VALUES ($1, $2, $3, $4)",
              {org, int64_t{version}, procedure_text, now});
    return version;
}

std::optional<std::string> Tx::procedure_text(const std::string& org, int version) {
    auto rows =
        db_.query("SELECT text FROM procedures WHERE org = $1 AND version = $2", {org, int64_t{version}});
    if (rows.empty())
        return std::nullopt;
    return text(rows[0], 0);
}

int Tx::latest_procedure_version(const std::string& org) {
    auto rows = db_.query("SELECT COALESCE(MAX(version), 0) FROM procedures WHERE org = $1", {org});
    return static_cast<int>(number(rows.at(0), 0));
}

void Tx::insert_user(const UserRecord& user, int64_t now) {
    db_.query(
        "INSERT INTO users (id, org, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {user.id, user.org, user.email, user.name,
         user.password_hash.empty() ? SqlValue{} : SqlValue{user.password_hash}, now});
    for (const auto& grant : user.roles)
        db_.query("INSERT INTO user_roles (user_id, role, unit) VALUES ($1, $2, $3)",
                  {user.id, grant.role, grant.unit});
}

std::vector<RoleGrant> Tx::roles_of(const std::string& user_id) {
    std::vector<RoleGrant> roles;
    for (const auto& row :
         db_.query("SELECT role, unit FROM user_roles WHERE user_id = $1 ORDER BY role, unit", {user_id}))
        roles.push_back({text(row, 0), text(row, 1)});
    return roles;
}

namespace {
constexpr const char* kUserColumns = "id, org, email, name, password_hash, disabled_at";
}  // namespace

UserRecord Tx::user_from(const Row& row) {
    UserRecord u{text(row, 0), text(row, 1), text(row, 2), text(row, 3), text(row, 4), {}, {}};
    if (row.at(5))
        u.disabled_at = number(row, 5);
    u.roles = roles_of(u.id);
    return u;
}

std::optional<UserRecord> Tx::user(const std::string& id) {
    auto rows = db_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", {id});
    if (rows.empty())
        return std::nullopt;
    return user_from(rows[0]);
}

std::optional<UserRecord> Tx::user_by_email(const std::string& org, const std::string& email) {
    auto rows = db_.query("SELECT id FROM users WHERE org = $1 AND email = $2", {org, email});
    if (rows.empty())
        return std::nullopt;
    return user(text(rows[0], 0));
}

std::optional<UserRecord> Tx::user_with_role(const std::string& org, const std::string& role) {
    auto rows = db_.query(
        "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id "
        "WHERE u.org = $1 AND r.role = $2 AND u.disabled_at IS NULL ORDER BY u.email LIMIT 1",
        {org, role});
    if (rows.empty())
        return std::nullopt;
    return user(text(rows[0], 0));
}

void Tx::insert_token(const std::string& token_hash, const std::string& user_id, int64_t now) {
    db_.query("INSERT INTO tokens (hash, user_id, created_at) VALUES ($1, $2, $3)",
              {token_hash, user_id, now});
}

namespace {

// Every request authenticates, so the account and its roles come in one statement (one round
// trip on PostgreSQL): the user's columns repeated on each row of its roles.
constexpr const char* kUserAndRolesOfU =
    "u.id, u.org, u.email, u.name, u.password_hash, u.disabled_at, r.role, r.unit";
constexpr const char* kJoinRoles = " LEFT JOIN user_roles r ON r.user_id = u.id ";
constexpr const char* kRoleOrder = " ORDER BY r.role, r.unit";

std::optional<UserRecord> user_with_roles(const std::vector<Row>& rows) {
    if (rows.empty())
        return std::nullopt;
    const Row& first = rows[0];
    UserRecord u{text(first, 0), text(first, 1), text(first, 2), text(first, 3), text(first, 4), {}, {}};
    if (first.at(5))
        u.disabled_at = number(first, 5);
    for (const auto& row : rows)
        if (row.at(6))  // no role: one row of NULLs from the LEFT JOIN
            u.roles.push_back({text(row, 6), text(row, 7)});
    return u;
}

}  // namespace

void Tx::lock_org(const std::string& org) {
    if (db_.dialect() == Dialect::postgres)
        db_.query("SELECT 1 FROM orgs WHERE id = $1 FOR UPDATE", {org});
}

void Tx::delete_tokens_of(const std::string& user_id) {
    db_.query("DELETE FROM tokens WHERE user_id = $1", {user_id});
}

std::optional<UserRecord> Tx::user_by_token(const std::string& token_hash) {
    return user_with_roles(db_.query(std::string("SELECT ") + kUserAndRolesOfU +
                                         " FROM tokens t JOIN users u ON u.id = t.user_id" + kJoinRoles +
                                         "WHERE t.hash = $1 AND u.disabled_at IS NULL" + kRoleOrder,
                                     {token_hash}));
}

void Tx::set_password(const std::string& user_id, const std::string& password_hash) {
    db_.query("UPDATE users SET password_hash = $2 WHERE id = $1", {user_id, password_hash});
}

void Tx::grant_role(const std::string& user_id, const RoleGrant& grant) {
    db_.query("INSERT INTO user_roles (user_id, role, unit) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
              {user_id, grant.role, grant.unit});
}

void Tx::revoke_role(const std::string& user_id, const RoleGrant& grant) {
    db_.query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2 AND unit = $3",
              {user_id, grant.role, grant.unit});
}

void Tx::set_disabled(const std::string& user_id, std::optional<int64_t> disabled_at) {
    db_.query("UPDATE users SET disabled_at = $2 WHERE id = $1",
              {user_id, disabled_at ? SqlValue{*disabled_at} : SqlValue{}});
}

std::vector<UserRecord> Tx::users_of(const std::string& org) {
    std::vector<UserRecord> out;
    for (const auto& row : db_.query(
             std::string("SELECT ") + kUserColumns + " FROM users WHERE org = $1 ORDER BY email", {org}))
        out.push_back(user_from(row));
    return out;
}

void Tx::insert_session(const std::string& token_hash, const std::string& user_id, int64_t now,
                        int64_t expires_at) {
    db_.query("INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
              {token_hash, user_id, now, expires_at});
}

std::optional<UserRecord> Tx::session_user(const std::string& token_hash, int64_t now) {
    return user_with_roles(db_.query(
        std::string("SELECT ") + kUserAndRolesOfU + " FROM sessions s JOIN users u ON u.id = s.user_id" +
            kJoinRoles + "WHERE s.hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL" + kRoleOrder,
        {token_hash, now}));
}

void Tx::delete_session(const std::string& token_hash) {
    db_.query("DELETE FROM sessions WHERE hash = $1", {token_hash});
}

void Tx::delete_sessions_of(const std::string& user_id) {
    db_.query("DELETE FROM sessions WHERE user_id = $1", {user_id});
}

void Tx::delete_expired_sessions(int64_t now) {
    db_.query("DELETE FROM sessions WHERE expires_at <= $1", {now});
}

void Tx::record_public_filing(const std::string& client, int64_t at) {
    db_.query("INSERT INTO public_filings (client, at) VALUES ($1, $2)", {client, at});
}

int64_t Tx::public_filings_since(const std::string& client, int64_t since) {
    return number(
        db_.query("SELECT COUNT(*) FROM public_filings WHERE client = $1 AND at >= $2", {client, since})
            .at(0),
        0);
}

void Tx::forget_public_filings_before(int64_t at) {
    db_.query("DELETE FROM public_filings WHERE at < $1", {at});
}

void Tx::record_login_failure(const std::string& key, int64_t at) {
    db_.query("INSERT INTO login_failures (key, at) VALUES ($1, $2)", {key, at});
}

int64_t Tx::login_failures_since(const std::string& key, int64_t since) {
    return number(
        db_.query("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2", {key, since}).at(0), 0);
}

void Tx::clear_login_failures(const std::string& key) {
    db_.query("DELETE FROM login_failures WHERE key = $1", {key});
}

void Tx::clear_login_failures_at(const std::string& key, int64_t at) {
    db_.query("DELETE FROM login_failures WHERE key = $1 AND at = $2", {key, at});
}

void Tx::forget_login_failures_before(int64_t at) {
    db_.query("DELETE FROM login_failures WHERE at < $1", {at});
}

void Tx::insert_portal_link(const std::string& token_hash, const std::string& org,
                            const std::string& reference, int64_t now) {
    db_.query("INSERT INTO portal_links (hash, org, reference, created_at) VALUES ($1, $2, $3, $4)",
              {token_hash, org, reference, now});
}

std::optional<std::pair<std::string, std::string>> Tx::portal_link(const std::string& token_hash) {
    auto rows = db_.query("SELECT org, reference FROM portal_links WHERE hash = $1", {token_hash});
    if (rows.empty())
        return std::nullopt;
    return std::pair{text(rows[0], 0), text(rows[0], 1)};
}

int64_t Tx::next_reference_number(const std::string& org, int year) {
    auto rows = db_.query(
        "INSERT INTO counters (org, year, value) VALUES ($1, $2, 1) "
        "ON CONFLICT (org, year) DO UPDATE SET value = counters.value + 1 RETURNING value",
        {org, int64_t{year}});
    return number(rows.at(0), 0);
}

std::optional<StoredCase> Tx::get_case(const std::string& org, const std::string& reference) {
    auto rows =
        db_.query(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE org = $1 AND reference = $2",
                  {org, reference});
    if (rows.empty())
        return std::nullopt;
    return case_from(rows[0]);
}

std::optional<CaseStamp> Tx::case_stamp(const std::string& org, const std::string& reference) {
    auto rows = db_.query("SELECT version, unit, handler FROM cases WHERE org = $1 AND reference = $2",
                          {org, reference});
    if (rows.empty())
        return std::nullopt;
    return CaseStamp{number(rows[0], 0), text(rows[0], 1), text(rows[0], 2)};
}

void Tx::insert_case(const StoredCase& s, const std::optional<std::string>& data) {
    db_.query(
        "INSERT INTO cases (org, reference, kind, stage, unit, handler, received_at, next_due, version, "
        "subject, "
        "description, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {s.org, s.c.reference, s.c.kind, s.c.stage, s.c.unit, s.c.handler,
         int64_t{s.c.received_at.time_since_epoch().count()}, day_value(s.next_due), s.version, s.subject,
         s.description, data ? *data : encode_case(s.c).dump()});
    if (db_.dialect() == Dialect::sqlite)
        pending_text_.push_back({s.org, s.c.reference, s.subject + "\n" + s.description});
}

void Tx::finish() {
    for (const auto& row : pending_text_)
        // The text row shares the case row's rowid, so a search is a rowid set (see list_cases).
        db_.query(
            "INSERT INTO case_text (rowid, org, reference, body) "
            "VALUES ((SELECT rowid FROM cases WHERE org = $1 AND reference = $2), $1, $2, $3)",
            {row.org, row.reference, row.body});
    pending_text_.clear();
}

bool Tx::update_case(const StoredCase& s, int64_t expected_version) {
    auto rows = db_.query(
        "UPDATE cases SET kind = $3, stage = $4, unit = $5, handler = $6, next_due = $7, version = $8, data "
        "= $9 "
        "WHERE org = $1 AND reference = $2 AND version = $10 RETURNING version",
        {s.org, s.c.reference, s.c.kind, s.c.stage, s.c.unit, s.c.handler, day_value(s.next_due), s.version,
         encode_case(s.c).dump(), expected_version});
    return !rows.empty();
}

std::vector<StoredCase> Tx::list_cases(const std::string& org, const CaseQuery& q) {
    if (q.order != CaseQuery::Order::next_due)
        return list_cases_in(org, q, DuePart::any);
    // By due day: first the cases that have one, along the index cases_by_due (org, next_due,
    // reference); then those without, by reference. Two index walks that stop at the limit,
    // instead of sorting the whole register. A cursor without a due day is in the second part.
    const size_t limit = static_cast<size_t>(std::clamp(q.limit, 1, 500));
    std::vector<StoredCase> out;
    const bool in_second_part = !q.after_reference.empty() && q.after_due.empty();
    if (!in_second_part) {
        out = list_cases_in(org, q, DuePart::with_due);
        if (out.size() >= limit)
            return out;
    }
    CaseQuery rest = q;
    rest.limit = static_cast<int>(limit - out.size());
    if (!in_second_part)
        rest.after_reference.clear();
    for (auto& stored : list_cases_in(org, rest, DuePart::without_due))
        out.push_back(std::move(stored));
    return out;
}

std::vector<StoredCase> Tx::list_cases_in(const std::string& org, const CaseQuery& q, DuePart part) {
    // SQLite text search walks the FTS5 index in rowid (registration) order and stops at the limit,
    // instead of collecting every match first: that is what keeps common words fast at 10^6 cases.
    // Sorted by due day, the walk follows the due index instead and checks the text per case.
    // Text with no words in it (blank, only quotes) is no filter, on either database.
    const std::string words = fts5_query(q.text);
    const bool text_in_sqlite = !words.empty() && db_.dialect() == Dialect::sqlite;
    const bool fts = text_in_sqlite && part == DuePart::any;
    std::string sql =
        fts ? "SELECT c.org, c.reference, c.version, c.subject, c.description, c.next_due, c.data "
              "FROM case_text t JOIN cases c ON c.rowid = t.rowid WHERE c.org = $1"
            : std::string("SELECT ") + kCaseColumns + " FROM cases WHERE org = $1";
    std::vector<SqlValue> params{org};
    auto add = [&](const std::string& condition, SqlValue value) {
        params.push_back(std::move(value));
        std::string numbered = condition;
        const auto at = numbered.find('?');
        numbered.replace(at, 1, "$" + std::to_string(params.size()));
        sql += " AND " + numbered;
    };
    if (!q.stage.empty())
        add("stage = ?", q.stage);
    if (!q.kind.empty())
        add("kind = ?", q.kind);
    if (!q.unit.empty())
        add("unit = ?", q.unit);
    if (!q.handler.empty())
        add("handler = ?", q.handler);
    if (q.due_before)
        add("next_due < ?", calendar::format_day(*q.due_before));
    if (q.overdue_on)
        add("next_due < ?", calendar::format_day(*q.overdue_on));
    const bool descending = q.order == CaseQuery::Order::newest_first;
    if (part == DuePart::with_due)
        sql += " AND next_due IS NOT NULL";
    if (part == DuePart::without_due)
        sql += " AND next_due IS NULL";
    if (!q.after_reference.empty()) {
        if (part == DuePart::with_due) {
            // After the cursor's (due day, reference), as one row value: the index walks from there.
            params.push_back(q.after_due);
            const std::string d = "$" + std::to_string(params.size());
            params.push_back(q.after_reference);
            sql += " AND (next_due, reference) > (" + d + ", $" + std::to_string(params.size()) + ")";
        } else if (fts) {
            add(std::string("t.rowid ") + (descending ? "<" : ">") +
                    " (SELECT rowid FROM cases WHERE org = $1 AND reference = ?)",
                q.after_reference);
        } else {
            add(descending ? "reference < ?" : "reference > ?", q.after_reference);
        }
    }
    if (fts)
        add("case_text MATCH ?", words);
    else if (text_in_sqlite)
        add("rowid IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)", words);
    else if (!words.empty())
        add("search @@ plainto_tsquery('dutch', ?)", q.text);
    if (q.restricted) {
        std::string visible = "(handler = ";
        params.push_back(q.handled_by.empty() ? std::string("\x01") : q.handled_by);
        visible += "$" + std::to_string(params.size());
        for (const auto& unit : q.units) {
            params.push_back(unit);
            visible += " OR unit = $" + std::to_string(params.size());
        }
        sql += " AND " + visible + ")";
    }
    params.push_back(int64_t{std::clamp(q.limit, 1, 500)});
    if (part == DuePart::with_due)
        sql += " ORDER BY next_due, reference";
    else
        sql += std::string(fts ? " ORDER BY t.rowid" : " ORDER BY reference") + (descending ? " DESC" : "");
    sql += " LIMIT $" + std::to_string(params.size());
    std::vector<StoredCase> out;
    for (const auto& row : db_.query(sql, params))
        out.push_back(case_from(row));
    return out;
}

int64_t Tx::count_cases() {
    return number(db_.query("SELECT COUNT(*) FROM cases").at(0), 0);
}

std::optional<std::string> Tx::idempotent_reference(const std::string& org, const std::string& key) {
    auto rows = db_.query("SELECT reference FROM idempotency WHERE org = $1 AND key = $2", {org, key});
    if (rows.empty())
        return std::nullopt;
    return text(rows[0], 0);
}

void Tx::remember_idempotency(const std::string& org, const std::string& key, const std::string& reference) {
    db_.query("INSERT INTO idempotency (org, key, reference) VALUES ($1, $2, $3)", {org, key, reference});
}

void Tx::put_document(const DocumentRecord& d, const std::string& content) {
    db_.query("INSERT INTO blobs (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
              {d.hash, Blob{content}});
    db_.query(
        "INSERT INTO documents (org, reference, id, name, content_type, size, hash, visibility, uploaded_at, "
        "uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {d.org, d.reference, d.id, d.name, d.content_type, d.size, d.hash, d.visibility, d.uploaded_at,
         d.uploaded_by});
}

namespace {
constexpr const char* kDocumentColumns =
    "org, reference, id, name, content_type, size, hash, visibility, uploaded_at, uploaded_by";
DocumentRecord document_from(const Row& r) {
    return {text(r, 0),   text(r, 1), text(r, 2), text(r, 3),   text(r, 4),
            number(r, 5), text(r, 6), text(r, 7), number(r, 8), text(r, 9)};
}
}  // namespace

std::vector<DocumentRecord> Tx::documents(const std::string& org, const std::string& reference) {
    std::vector<DocumentRecord> out;
    for (const auto& row :
         db_.query(std::string("SELECT ") + kDocumentColumns +
                       " FROM documents WHERE org = $1 AND reference = $2 ORDER BY uploaded_at, id",
                   {org, reference}))
        out.push_back(document_from(row));
    return out;
}

std::optional<std::pair<DocumentRecord, std::string>> Tx::document(const std::string& org,
                                                                   const std::string& reference,
                                                                   const std::string& id) {
    auto rows = db_.query(std::string("SELECT ") + kDocumentColumns +
                              ", (SELECT bytes FROM blobs WHERE blobs.hash = documents.hash) FROM documents "
                              "WHERE org = $1 AND reference = $2 AND id = $3",
                          {org, reference, id});
    if (rows.empty())
        return std::nullopt;
    return std::pair{document_from(rows[0]), text(rows[0], 10)};
}

void Tx::insert_letter(const LetterRecord& l) {
    db_.query(
        "INSERT INTO letters (org, reference, seq, letter, name, recipients, body, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {l.org, l.reference, l.seq, l.letter, l.name, l.recipients, l.body, l.created_at});
}

int64_t Tx::last_letter_seq(const std::string& org, const std::string& reference) {
    return number(db_.query("SELECT COALESCE(MAX(seq), 0) FROM letters WHERE org = $1 AND reference = $2",
                            {org, reference})
                      .at(0),
                  0);
}

std::vector<LetterRecord> Tx::letters(const std::string& org, const std::string& reference) {
    std::vector<LetterRecord> out;
    for (const auto& r :
         db_.query("SELECT org, reference, seq, letter, name, recipients, body, created_at FROM letters "
                   "WHERE org = $1 AND reference = $2 ORDER BY seq",
                   {org, reference}))
        out.push_back({text(r, 0), text(r, 1), number(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6),
                       number(r, 7)});
    return out;
}

void Tx::lock_audit() {
    if (db_.dialect() == Dialect::postgres)
        db_.query("SELECT pg_advisory_xact_lock(4243)");
}

namespace {
constexpr const char* kAuditColumns = "seq, at, org, actor, action, subject, detail, prev_hash, hash";
AuditEntry audit_from(const Row& r) {
    return {number(r, 0), number(r, 1), text(r, 2), text(r, 3), text(r, 4),
            text(r, 5),   text(r, 6),   text(r, 7), text(r, 8)};
}
}  // namespace

std::optional<AuditEntry> Tx::last_audit() {
    auto rows = db_.query(std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq DESC LIMIT 1");
    if (rows.empty())
        return std::nullopt;
    return audit_from(rows[0]);
}

void Tx::insert_audit(const AuditEntry& e) {
    db_.query(
        "INSERT INTO audit (seq, at, org, actor, action, subject, detail, prev_hash, hash) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {e.seq, e.at, e.org, e.actor, e.action, e.subject, e.detail, e.prev_hash, e.hash});
}

std::vector<AuditEntry> Tx::audit_entries(int64_t after_seq, int limit) {
    std::vector<AuditEntry> out;
    for (const auto& row : db_.query(
             std::string("SELECT ") + kAuditColumns + " FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2",
             {after_seq, int64_t{limit}}))
        out.push_back(audit_from(row));
    return out;
}

std::unique_ptr<Store> Store::open(const std::string& url, int pool_size) {
    std::function<std::unique_ptr<SqlConnection>()> connect;
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        connect = [url] { return open_postgres(url); };
    } else {
        const std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
        connect = [path] { return open_sqlite(path); };
    }
    auto store = std::unique_ptr<Store>(new Store(connect, pool_size));
    auto first = store->acquire();
    store->dialect_ = first->dialect();
    migrate(*first);
    store->release(std::move(first));
    if (store->dialect_ == Dialect::sqlite)
        store->checkpointer_ = std::thread([s = store.get()] { s->checkpoint_loop(); });
    return store;
}

Store::~Store() {
    {
        std::lock_guard lock(checkpoint_mutex_);
        stopping_ = true;
    }
    checkpoint_wake_.notify_all();
    if (checkpointer_.joinable())
        checkpointer_.join();
}

void Store::checkpoint_loop() {
    std::unique_ptr<SqlConnection> connection;
    std::unique_lock lock(checkpoint_mutex_);
    while (!stopping_) {
        checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(500));
        if (stopping_)
            break;
        lock.unlock();
        try {
            if (!connection)
                connection = connect_();
            // PASSIVE: copies what it can without waiting for readers or blocking the writer.
            connection->execute_script("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception&) {
            connection.reset();  // e.g. the file is busy or gone: try again on the next round
        }
        lock.lock();
    }
}

Store::Store(std::function<std::unique_ptr<SqlConnection>()> connect, int pool_size)
    : connect_(std::move(connect)), dialect_(Dialect::sqlite), pool_size_(std::max(1, pool_size)) {}

std::unique_ptr<SqlConnection> Store::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_connections_ < pool_size_; });
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }
    ++open_connections_;
    lock.unlock();
    try {
        return connect_();
    } catch (...) {
        std::lock_guard relock(mutex_);
        --open_connections_;
        available_.notify_one();
        throw;
    }
}

void Store::release(std::unique_ptr<SqlConnection> connection) {
    std::lock_guard lock(mutex_);
    if (connection->healthy())
        idle_.push_back(std::move(connection));
    else
        --open_connections_;  // dropped; the next acquire opens a fresh one
    available_.notify_one();
}

void Store::transact(const std::function<void(Tx&)>& work) {
    write_batched(work);
}

namespace {
bool retryable(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const StorageError& e) {
        return e.retryable();
    } catch (...) {
        return false;
    }
}
}  // namespace

void Store::write_batched(const std::function<void(Tx&)>& work) {
    constexpr int kAttempts = 20;
    PendingWrite me{&work, nullptr, false};
    std::unique_lock lock(batch_mutex_);
    for (int attempt = 1;; ++attempt) {
        queued_.push_back(&me);
        while (!me.done) {
            if (batch_running_) {
                batch_done_.wait(lock);
                continue;
            }
            batch_running_ = true;
            std::vector<PendingWrite*> batch;
            batch.swap(queued_);
            lock.unlock();
            run_batch(batch);
            lock.lock();
            for (auto* pending : batch)
                pending->done = true;
            batch_running_ = false;
            batch_done_.notify_all();
        }
        // This unit alone met a concurrent change (e.g. another server's transaction changed the
        // same case first): run it again in a later batch.
        if (!me.error || !retryable(me.error) || attempt == kAttempts)
            break;
        me = PendingWrite{&work, nullptr, false};
    }
    if (me.error)
        std::rethrow_exception(me.error);
}

void Store::run_batch(std::vector<PendingWrite*>& batch) {
    for (auto* pending : batch)
        pending->error = nullptr;
    try {
        run(
            [&](Tx& tx) {
                // A retry of the whole transaction (another process held the lock) starts every
                // unit afresh.
                for (auto* pending : batch)
                    pending->error = nullptr;
                for (auto* pending : batch) {
                    auto& db = tx.connection();
                    db.query("SAVEPOINT unit", {});
                    const size_t mark = tx.deferred_mark();
                    try {
                        (*pending->work)(tx);
                        db.query("RELEASE unit", {});
                    } catch (...) {
                        pending->error = std::current_exception();
                        tx.forget_deferred_since(mark);
                        db.query("ROLLBACK TO unit", {});
                        db.query("RELEASE unit", {});
                    }
                }
            },
            false);
    } catch (...) {
        // The transaction as a whole failed (commit or rollback): every unit in it failed with it.
        for (auto* pending : batch)
            pending->error = std::current_exception();
    }
}
namespace {
// The innermost SharedRead of this thread, with the store and connection it holds.
struct ActiveRead {
    const Store* store = nullptr;
    SqlConnection* connection = nullptr;
};
thread_local ActiveRead active_read;
}  // namespace

Store::SharedRead::SharedRead(Store& store) : store_(store) {
    if (active_read.store == &store)
        return;  // joins the outer scope
    connection_ = store.acquire();
    try {
        connection_->begin(true);
    } catch (...) {
        store.release(std::move(connection_));
        throw;
    }
    active_read = {&store, connection_.get()};
}

Store::SharedRead::~SharedRead() {
    if (!connection_)
        return;
    active_read = {};
    try {
        connection_->commit();  // a read transaction: ending it cannot lose anything
    } catch (...) {
        connection_->rollback();
    }
    store_.release(std::move(connection_));
}

void Store::read(const std::function<void(Tx&)>& work) {
    if (active_read.store == this) {
        Tx tx(*active_read.connection);
        work(tx);
        return;
    }
    run(work, true);
}

void Store::run(const std::function<void(Tx&)>& work, bool read_only) {
    constexpr int kAttempts = 20;
    for (int attempt = 1;; ++attempt) {
        auto connection = acquire();
        try {
            connection->begin(read_only);
            Tx tx(*connection);
            work(tx);
            tx.finish();
            connection->commit();
            release(std::move(connection));
            return;
        } catch (const StorageError& error) {
            connection->rollback();
            release(std::move(connection));
            if (!error.retryable() || attempt == kAttempts)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(attempt * 2));
        } catch (...) {
            connection->rollback();
            release(std::move(connection));
            throw;
        }
    }
}

}  // namespace meldpunt::storage
