#pragma once
// The people a message goes to, resolved from what a procedure names (a role, "handler", the
// persons involved) against the organisation's accounts: for the sweep's notices and for letters.
// Each person once, by e-mail address, in the order first named; disabled accounts never.
#include <string>
#include <vector>

#include "domain/case/case.hpp"
#include "storage/records.hpp"

namespace meldpunt::service {

struct Recipient {
    std::string email, name;
    bool daily_digest = false;  // staff who read their notices in one overview a day
};

class Recipients {
  public:
    explicit Recipients(const std::vector<storage::UserRecord>& users) : users_(users) {}

    // `role` of the procedure for case `c`: every active account holding it for the case's unit or
    // for the whole organisation; "handler": the account the case is assigned to.
    void add_role(const std::string& role, const cases::Case& c);
    // Every active account holding `role` for `unit` or for the whole organisation ("": the
    // whole organisation only).
    void add_role_in_unit(const std::string& role, const std::string& unit);
    // The persons the case is about and its handler (001 §Procedure 9: "alle betrokkenen").
    void add_involved(const cases::Case& c);
    // The active account with this e-mail address.
    void add_account(const std::string& email);

    const std::vector<Recipient>& list() const { return list_; }

  private:
    void add(const storage::UserRecord& user);

    const std::vector<storage::UserRecord>& users_;
    std::vector<Recipient> list_;
};

}  // namespace meldpunt::service
