#pragma once
// Staff sign-in for the web pages. Passwords are checked against their Argon2id hash; sessions live
// in the database (any server of a scale-out serves any session) and expire after a working day;
// failed logins are throttled per account and per client address. Every login, failed login and
// logout is in the audit trail. The session token is shown once (in the cookie); only its hash is
// stored. Thread-safe.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar/instant.hpp"
#include "service/errors.hpp"
#include "service/principal.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

struct Session {
    std::string token;
    int64_t expires_at = 0;
    std::string org;  // the organisation logged into (the one guessed when the attempt named none)
};

struct LoginAttempt {
    // `org` may be empty: then it is the one organisation with an active account for `email`
    // (none or several: the attempt fails as a wrong password does, telling nothing apart).
    std::string org, email, password;
    std::string client;  // the client's address, for throttling
};

class Sessions {
  public:
    static constexpr int64_t kLifetimeSeconds = 8 * 3600;
    // Failed logins within the window. From one address at most kMaxFailures on one account and
    // kMaxFailures * 4 in all; an account that failed kMaxFailures times from anywhere is slowed
    // down, not locked: an address that failed on it tries again after kSlowDownSeconds, and an
    // address that never failed on it (the real user elsewhere) is always heard (issue 15: five
    // wrong passwords from anyone locked the real user out).
    static constexpr int kMaxFailures = 5;
    static constexpr int64_t kFailureWindowSeconds = 15 * 60;
    static constexpr int64_t kSlowDownSeconds = 30;

    explicit Sessions(storage::Store& store);

    // A new session, or: unauthorized (wrong organisation, e-mail or password; which one is not
    // said, and it is in the audit trail), too_many_requests (throttled: no password is checked,
    // nothing is written).
    Result<Session> login(const LoginAttempt& attempt, calendar::Instant now);
    std::optional<Principal> principal(const std::string& token, calendar::Instant now);
    void logout(const std::string& token, calendar::Instant now);

  private:
    // Whether the password is right; nullopt when too many checks run or wait already.
    std::optional<bool> check_password(const std::string& password, const std::string& stored_hash);

    storage::Store& store_;
};

}  // namespace meldpunt::service
