#pragma once
// Organisations, their procedure versions, and the people who work in them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/instant.hpp"
#include "procedure_file/diagnostic.hpp"
#include "service/errors.hpp"
#include "service/principal.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

struct NewOrg {
    std::string id;  // [a-z0-9-], 1-40 characters: it appears in every URL
    std::string name;
    std::string procedure_text;
};

// A password, when an account has one, has at least this many characters (bytes).
inline constexpr size_t kMinPasswordLength = 12;

struct NewUser {
    std::string org, email, name;
    std::vector<storage::RoleGrant> roles;
    std::string password;  // empty: token-only account
};

// The versions of an organisation's procedure and the one in force.
struct ProcedureHistory {
    int in_force = 0;
    std::vector<storage::ProcedureVersionRecord> versions;  // oldest first
};

// Organisations, their procedure versions, and the people who work in them: what the edges read
// of them and every change to them (each change audited). Thread-safety: as the Store's.
class Directory {
  public:
    explicit Directory(storage::Store& store) : store_(store) {}

    // Every organisation, by id.
    std::vector<storage::OrgRecord> organisations();
    // The organisation's accounts, by e-mail.
    std::vector<storage::UserRecord> people(const std::string& org);
    // The e-mail addresses of the organisation's active accounts: who can be given a case.
    std::vector<std::string> active_people(const std::string& org);
    // The account with this id, when it belongs to `org`.
    std::optional<storage::UserRecord> person(const std::string& org, const std::string& user_id);
    // The number of the organisation's procedure version in force (0: none).
    int procedure_version(const std::string& org);
    ProcedureHistory procedure_history(const std::string& org);
    static bool is_administrator(const Principal& who);

    // Creates the organisation with version 1 of its procedure. Refuses an invalid id, an existing
    // id and an invalid procedure (its diagnostics in the error's args, rendered by the caller).
    Result<int> create_org(const NewOrg& org, const std::string& actor, calendar::Instant now,
                           std::vector<procedure_file::Diagnostic>* diagnostics = nullptr);
    // Adds a new version of the organisation's procedure, not yet in force; returns its number.
    // Refuses an invalid file (its diagnostics as above) and another organisation's: one whose
    // procedure id differs from the version in force (issue 12: M.O.S.'s file uploaded for Focus).
    Result<int> add_procedure_version(const std::string& org, const std::string& text,
                                      const std::string& actor, calendar::Instant now,
                                      std::vector<procedure_file::Diagnostic>* diagnostics = nullptr);
    // Puts `version` in force: new cases start under it, cases keep the version they started
    // under. An earlier version is put back the same way. Audited, and kept in the history.
    // With `compared_with`, only while that version is still the one in force (the administrator
    // confirmed a comparison with it): otherwise a conflict, procedure_in_force_changed.
    Result<Done> activate_procedure_version(const std::string& org, int version, const std::string& actor,
                                            calendar::Instant now,
                                            std::optional<int> compared_with = std::nullopt);

    // API tokens expire (issue 15: they never did): kTokenDays after they were made unless their
    // owner chose another period of at most kMaxTokenDays.
    static constexpr int kTokenDays = 365;
    static constexpr int kMaxTokenDays = 730;

    // Creates the account and its first API token; returns the token (shown once, stored hashed).
    // Roles must exist in the organisation's current procedure, or be "administrator".
    Result<std::string> create_user(const NewUser& user, const std::string& actor, calendar::Instant now);
    // A new API token for an existing account (shown once, stored hashed), valid for `days`;
    // nullopt when there is no such account.
    std::optional<std::string> issue_token(const std::string& org, const std::string& email,
                                           const std::string& actor, calendar::Instant now,
                                           const std::string& label = "", int days = kTokenDays);
    // A member of staff's own tokens (settings page): listed without the token, issued with a
    // label and a period (1 to kMaxTokenDays days; invalid_field "days" else, "label" for a label
    // that is too long or not clean text), revoked by their id. Audited (token.issue, token.revoke).
    std::vector<storage::TokenRecord> own_tokens(const Principal& who);
    Result<std::string> issue_own_token(const Principal& who, const std::string& label, int days,
                                        calendar::Instant now);
    Result<Done> revoke_own_token(const Principal& who, const std::string& id, calendar::Instant now);
    // Revokes every API token of the account and issues one new one (shown once); nullopt when
    // there is no such account. The demo uses it at each start, so that old demo tokens stop working.
    std::optional<std::string> replace_tokens(const std::string& org, const std::string& email,
                                              const std::string& actor, calendar::Instant now);
    // Sets the account's password (Argon2id); false when there is no such account.
    bool set_password(const std::string& org, const std::string& email, const std::string& password,
                      const std::string& actor, calendar::Instant now);

    // An administrator's changes to an existing account of `org`, found by its id (an account of
    // another organisation is not found).
    // Adds a role (known to the current procedure, or "administrator"); granting a held role is no change.
    Result<Done> grant_role(const std::string& org, const std::string& user_id,
                            const storage::RoleGrant& grant, const std::string& actor, calendar::Instant now);
    // Removes a role; the organisation's last active administrator keeps theirs.
    Result<Done> revoke_role(const std::string& org, const std::string& user_id,
                             const storage::RoleGrant& grant, const std::string& actor,
                             calendar::Instant now);
    // Disables (ending its sessions; its tokens are refused while disabled) or enables an account.
    // The organisation's last active administrator cannot be disabled.
    Result<Done> set_active(const std::string& org, const std::string& user_id, bool active,
                            const std::string& actor, calendar::Instant now);
    // How the person is told of their cases: each notice at once, or one overview a day (their own
    // choice on the settings page; audited).
    Result<Done> set_daily_digest(const std::string& org, const std::string& user_id, bool daily,
                                  const std::string& actor, calendar::Instant now);
    // Who supervises the person (002 §Begripsomschrijving 8: a volunteer's coordinator, an intern's
    // supervisor, an employee's manager), by an administrator; "" for nobody. Another active account
    // of the organisation; audited.
    Result<Done> set_supervisor(const std::string& org, const std::string& user_id,
                                const std::string& supervisor, const std::string& actor,
                                calendar::Instant now);
    // A new password set by an administrator; the account's sessions end.
    Result<Done> reset_password(const std::string& org, const std::string& user_id,
                                const std::string& password, const std::string& actor, calendar::Instant now);

    // The principal an unexpired bearer token belongs to at `now`, or nullopt.
    std::optional<Principal> authenticate(const std::string& token, calendar::Instant now);

  private:
    storage::Store& store_;
};

bool valid_org_id(const std::string& id);

}  // namespace meldpunt::service
