#pragma once
// Staff accounts: people, the roles granted to them, their API tokens, their web sessions and the
// links that set their password.
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class Accounts {
  public:
    explicit Accounts(SqlConnection& db) : db_(db) {}

    void insert_user(const UserRecord& user, int64_t now);
    std::optional<UserRecord> user(const std::string& id);
    std::optional<UserRecord> user_by_email(const std::string& org, const std::string& email);
    // The organisations with an active account for `email` that can log in on the web (it has a
    // password), at most two (one is all a login needs to know: then it is that organisation's).
    std::vector<std::string> orgs_with_email(const std::string& email);
    // The first (by e-mail) active person holding `role` in `org`, e.g. the director named in a letter.
    std::optional<UserRecord> user_with_role(const std::string& org, const std::string& role);
    std::vector<UserRecord> users_of(const std::string& org);  // by e-mail

    void set_password(const std::string& user_id, const std::string& password_hash);
    void grant_role(const std::string& user_id, const RoleGrant& grant);
    void revoke_role(const std::string& user_id, const RoleGrant& grant);
    // How the person is told of their cases: at once, or in one overview a day (UserRecord).
    void set_daily_digest(const std::string& user_id, bool daily);
    // The account whose holder supervises this one ("" for none): the coordinator of a volunteer, the
    // supervisor of an intern, an employee's manager (002 §Begripsomschrijving 8).
    void set_supervisor(const std::string& user_id, const std::string& supervisor);
    // nullopt enables the account again.
    void set_disabled(const std::string& user_id, std::optional<int64_t> disabled_at);

    // API tokens, by their hash. Only an active account's unexpired token counts.
    void insert_token(const std::string& token_hash, const std::string& user_id, int64_t now,
                      int64_t expires_at, const std::string& label);
    void delete_tokens_of(const std::string& user_id);
    std::optional<UserRecord> user_by_token(const std::string& token_hash, int64_t now);
    // The account's tokens, expired ones included, newest first.
    std::vector<TokenRecord> tokens_of(const std::string& user_id);
    // Deletes the account's token whose id (TokenRecord) is `id`; false when it has none.
    bool delete_token(const std::string& user_id, const std::string& id);

    // Web sessions, by the hash of their token; an expired session is as good as none, and only an
    // active account's session counts.
    void insert_session(const std::string& token_hash, const std::string& user_id, int64_t now,
                        int64_t expires_at);
    std::optional<UserRecord> session_user(const std::string& token_hash, int64_t now);
    void delete_session(const std::string& token_hash);
    void delete_sessions_of(const std::string& user_id);
    void delete_expired_sessions(int64_t now);

    // Links to set a password, by the hash of their token.
    void insert_link(const std::string& token_hash, const AccountLink& link);
    std::optional<AccountLink> link(const std::string& token_hash);
    // Uses up the link if it is still unused and unexpired at `now`: true for the one caller that
    // did (two at once: one wins, on any number of servers).
    bool use_link(const std::string& token_hash, int64_t now);
    // Uses up every unused link of the account (one was used, or the password changed otherwise).
    void use_links_of(const std::string& user_id, int64_t now);
    // Forgets the links that expired before `at`, used or not.
    void forget_links_expired_before(int64_t at);
    // Every active account with this address, in any organisation, with a password or not.
    std::vector<UserRecord> active_users_with_email(const std::string& email);

  private:
    std::vector<RoleGrant> roles_of(const std::string& user_id);
    UserRecord user_from(const Row& row);  // columns as kSelectUser
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
