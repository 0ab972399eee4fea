#include "storage/accounts.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kInsertUser =
    "INSERT INTO users (id, org, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kInsertRole = "INSERT INTO user_roles (user_id, role, unit) VALUES ($1, $2, $3)";
constexpr const char* kGrantRole =
    "INSERT INTO user_roles (user_id, role, unit) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
constexpr const char* kRevokeRole = "DELETE FROM user_roles WHERE user_id = $1 AND role = $2 AND unit = $3";
constexpr const char* kSelectRoles =
    "SELECT role, unit FROM user_roles WHERE user_id = $1 ORDER BY role, unit";
// Columns as read by user_from: user_columns' and the notice preference.
constexpr const char* kSelectUser =
    "SELECT id, org, email, name, password_hash, disabled_at, daily_digest, supervisor FROM users WHERE id = "
    "$1";
constexpr const char* kSelectUsersOfOrg =
    "SELECT id, org, email, name, password_hash, disabled_at, daily_digest, supervisor FROM users WHERE org "
    "= $1 "
    "ORDER BY email";
constexpr const char* kSelectUserIdByEmail = "SELECT id FROM users WHERE org = $1 AND email = $2";
constexpr const char* kSelectOrgsWithEmail =
    "SELECT org FROM users WHERE email = $1 AND disabled_at IS NULL AND password_hash <> '' "
    "ORDER BY org LIMIT 2";
constexpr const char* kSelectUserIdWithRole =
    "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id "
    "WHERE u.org = $1 AND r.role = $2 AND u.disabled_at IS NULL ORDER BY u.email LIMIT 1";
constexpr const char* kSetPassword = "UPDATE users SET password_hash = $2 WHERE id = $1";
constexpr const char* kSetDisabled = "UPDATE users SET disabled_at = $2 WHERE id = $1";
constexpr const char* kSetDailyDigest = "UPDATE users SET daily_digest = $2 WHERE id = $1";
constexpr const char* kSetSupervisor = "UPDATE users SET supervisor = $2 WHERE id = $1";
constexpr const char* kInsertToken =
    "INSERT INTO tokens (hash, user_id, created_at, expires_at, label) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kDeleteTokensOf = "DELETE FROM tokens WHERE user_id = $1";
constexpr const char* kTokensOf =
    "SELECT substr(hash, 1, 12), label, created_at, expires_at FROM tokens WHERE user_id = $1 "
    "ORDER BY created_at DESC, hash";
constexpr const char* kDeleteToken = "DELETE FROM tokens WHERE user_id = $1 AND substr(hash, 1, 12) = $2";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE hash = $1";
constexpr const char* kDeleteSessionsOf = "DELETE FROM sessions WHERE user_id = $1";
constexpr const char* kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= $1";
// Every request authenticates, so the account and its roles come in one statement (one round
// trip on PostgreSQL): the user's columns repeated on each row of its roles (columns as read by
// user_with_roles).
constexpr const char* kUserByToken =
    "SELECT u.id, u.org, u.email, u.name, u.password_hash, u.disabled_at, r.role, r.unit "
    "FROM tokens t JOIN users u ON u.id = t.user_id LEFT JOIN user_roles r ON r.user_id = u.id "
    "WHERE t.hash = $1 AND t.expires_at > $2 AND u.disabled_at IS NULL ORDER BY r.role, r.unit";
constexpr const char* kUserBySession =
    "SELECT u.id, u.org, u.email, u.name, u.password_hash, u.disabled_at, r.role, r.unit "
    "FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_roles r ON r.user_id = u.id "
    "WHERE s.hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL ORDER BY r.role, r.unit";

UserRecord user_columns(const Row& row) {
    UserRecord u{text(row, 0), text(row, 1), text(row, 2), text(row, 3), text(row, 4), {}, {}};
    if (row.at(5))
        u.disabled_at = number(row, 5);
    return u;
}

std::optional<UserRecord> user_with_roles(const std::vector<Row>& rows) {
    if (rows.empty())
        return std::nullopt;
    UserRecord u = user_columns(rows[0]);
    for (const auto& row : rows)
        if (row.at(6))  // no role: one row of NULLs from the LEFT JOIN
            u.roles.push_back({text(row, 6), text(row, 7)});
    return u;
}

constexpr const char* kInsertLink =
    "INSERT INTO account_links (hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kSelectLink =
    "SELECT user_id, purpose, created_at, expires_at, used_at FROM account_links WHERE hash = $1";
constexpr const char* kUseLink =
    "UPDATE account_links SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2";
constexpr const char* kForgetExpiredLinks = "DELETE FROM account_links WHERE expires_at < $1";
constexpr const char* kSelectActiveUsersWithEmail =
    "SELECT id, org, email, name, password_hash, disabled_at, daily_digest, supervisor FROM users "
    "WHERE email = $1 AND disabled_at IS NULL ORDER BY org";
constexpr const char* kUseLinksOf =
    "UPDATE account_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL";

}  // namespace

void Accounts::insert_user(const UserRecord& user, int64_t now) {
    db_.query(kInsertUser, {user.id, user.org, user.email, user.name,
                            user.password_hash.empty() ? SqlValue{} : SqlValue{user.password_hash}, now});
    for (const auto& grant : user.roles)
        db_.query(kInsertRole, {user.id, grant.role, grant.unit});
}

std::vector<RoleGrant> Accounts::roles_of(const std::string& user_id) {
    std::vector<RoleGrant> roles;
    for (const auto& row : db_.query(kSelectRoles, {user_id}))
        roles.push_back({text(row, 0), text(row, 1)});
    return roles;
}

UserRecord Accounts::user_from(const Row& row) {
    UserRecord u = user_columns(row);
    u.daily_digest = number(row, 6) != 0;
    u.supervisor = text(row, 7);
    u.roles = roles_of(u.id);
    return u;
}

std::optional<UserRecord> Accounts::user(const std::string& id) {
    return first_row(db_.query(kSelectUser, {id}), [&](const Row& row) { return user_from(row); });
}

std::optional<UserRecord> Accounts::user_by_email(const std::string& org, const std::string& email) {
    const auto id = first_row(db_.query(kSelectUserIdByEmail, {org, email}), first_text);
    return id ? user(*id) : std::nullopt;
}

std::vector<std::string> Accounts::orgs_with_email(const std::string& email) {
    std::vector<std::string> out;
    for (const auto& row : db_.query(kSelectOrgsWithEmail, {email}))
        out.push_back(text(row, 0));
    return out;
}

std::optional<UserRecord> Accounts::user_with_role(const std::string& org, const std::string& role) {
    const auto id = first_row(db_.query(kSelectUserIdWithRole, {org, role}), first_text);
    return id ? user(*id) : std::nullopt;
}

std::vector<UserRecord> Accounts::users_of(const std::string& org) {
    std::vector<UserRecord> out;
    for (const auto& row : db_.query(kSelectUsersOfOrg, {org}))
        out.push_back(user_from(row));
    return out;
}

void Accounts::set_password(const std::string& user_id, const std::string& password_hash) {
    db_.query(kSetPassword, {user_id, password_hash});
}

void Accounts::grant_role(const std::string& user_id, const RoleGrant& grant) {
    db_.query(kGrantRole, {user_id, grant.role, grant.unit});
}

void Accounts::revoke_role(const std::string& user_id, const RoleGrant& grant) {
    db_.query(kRevokeRole, {user_id, grant.role, grant.unit});
}

void Accounts::set_supervisor(const std::string& user_id, const std::string& supervisor) {
    db_.execute(kSetSupervisor, {user_id, supervisor});
}

void Accounts::set_daily_digest(const std::string& user_id, bool daily) {
    db_.query(kSetDailyDigest, {user_id, int64_t{daily ? 1 : 0}});
}

void Accounts::set_disabled(const std::string& user_id, std::optional<int64_t> disabled_at) {
    db_.query(kSetDisabled, {user_id, optional_number(disabled_at)});
}

void Accounts::insert_token(const std::string& token_hash, const std::string& user_id, int64_t now,
                            int64_t expires_at, const std::string& label) {
    db_.query(kInsertToken, {token_hash, user_id, now, expires_at, label});
}

std::vector<TokenRecord> Accounts::tokens_of(const std::string& user_id) {
    std::vector<TokenRecord> out;
    for (const auto& row : db_.query(kTokensOf, {user_id}))
        out.push_back({text(row, 0), text(row, 1), number(row, 2), number(row, 3)});
    return out;
}

bool Accounts::delete_token(const std::string& user_id, const std::string& id) {
    return db_.execute(kDeleteToken, {user_id, id}) > 0;
}

void Accounts::delete_tokens_of(const std::string& user_id) {
    db_.query(kDeleteTokensOf, {user_id});
}

std::optional<UserRecord> Accounts::user_by_token(const std::string& token_hash, int64_t now) {
    return user_with_roles(db_.query(kUserByToken, {token_hash, now}));
}

void Accounts::insert_session(const std::string& token_hash, const std::string& user_id, int64_t now,
                              int64_t expires_at) {
    db_.query(kInsertSession, {token_hash, user_id, now, expires_at});
}

std::optional<UserRecord> Accounts::session_user(const std::string& token_hash, int64_t now) {
    return user_with_roles(db_.query(kUserBySession, {token_hash, now}));
}

void Accounts::delete_session(const std::string& token_hash) {
    db_.query(kDeleteSession, {token_hash});
}

void Accounts::delete_sessions_of(const std::string& user_id) {
    db_.query(kDeleteSessionsOf, {user_id});
}

void Accounts::delete_expired_sessions(int64_t now) {
    db_.query(kDeleteExpiredSessions, {now});
}

void Accounts::insert_link(const std::string& token_hash, const AccountLink& l) {
    db_.query(kInsertLink, {token_hash, l.user_id, l.purpose, l.created_at, l.expires_at});
}

std::optional<AccountLink> Accounts::link(const std::string& token_hash) {
    return first_row(db_.query(kSelectLink, {token_hash}), [](const Row& r) {
        return AccountLink{text(r, 0), text(r, 1), number(r, 2), number(r, 3),
                           r.at(4) ? std::optional<int64_t>{number(r, 4)} : std::nullopt};
    });
}

bool Accounts::use_link(const std::string& token_hash, int64_t now) {
    return db_.execute(kUseLink, {token_hash, now}) == 1;
}

void Accounts::forget_links_expired_before(int64_t at) {
    db_.query(kForgetExpiredLinks, {at});
}

std::vector<UserRecord> Accounts::active_users_with_email(const std::string& email) {
    std::vector<UserRecord> out;
    for (const auto& row : db_.query(kSelectActiveUsersWithEmail, {email}))
        out.push_back(user_from(row));
    return out;
}

void Accounts::use_links_of(const std::string& user_id, int64_t now) {
    db_.query(kUseLinksOf, {user_id, now});
}

}  // namespace meldpunt::storage
