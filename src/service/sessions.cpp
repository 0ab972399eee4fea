#include "service/sessions.hpp"

#include <algorithm>
#include <cctype>

#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>

#include "service/audit_log.hpp"
#include "service/crypto.hpp"

namespace meldpunt::service {

namespace {

// An Argon2id check takes 64 MiB for a moment; at most kSlots run at once, so that a burst of
// logins cannot take the server's memory, and at most kQueue more wait for one: a login beyond that
// is answered at once (too busy), so that a flood of logins holds a handful of the threads that
// serve writes, never all of them (issue 15).
class PasswordCheckSlots {
  public:
    bool try_acquire() {
        std::unique_lock lock(mutex_);
        if (in_use_ + waiting_ >= kSlots + kQueue)
            return false;
        ++waiting_;
        free_.wait(lock, [&] { return in_use_ < kSlots; });
        --waiting_;
        ++in_use_;
        return true;
    }
    void release() {
        {
            std::lock_guard lock(mutex_);
            --in_use_;
        }
        free_.notify_one();
    }

  private:
    static constexpr int kSlots = 2;
    static constexpr int kQueue = 4;
    std::mutex mutex_;
    std::condition_variable free_;
    int in_use_ = 0;
    int waiting_ = 0;
};

PasswordCheckSlots& slots() {
    static PasswordCheckSlots instance;
    return instance;
}

// Failures count per e-mail address whatever organisation an attempt names or is given: counted
// per organisation, the limit would say which organisation an address has an account with (fail
// five times without one, then try each), and an attacker would get five guesses per organisation.
std::string account_key(const LoginAttempt& a) {
    std::string email = a.email;
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return "account:" + email;
}
std::string client_key(const LoginAttempt& a) {
    return "client:" + a.client;
}

// One address's failures on one account.
std::string pair_key(const LoginAttempt& a) {
    return account_key(a) + " client:" + a.client;
}

ServiceError wrong_credentials() {
    return ServiceError::with_message(ErrorKind::unauthorized, "login_failed", "web.login.failed");
}

}  // namespace

Sessions::Sessions(storage::Store& store) : store_(store) {}

std::optional<bool> Sessions::check_password(const std::string& password, const std::string& stored_hash) {
    // An unknown account is checked against a hash of nothing, so that its answer takes as long as
    // a wrong password's and does not tell which accounts exist.
    static const std::string nobody = hash_password(random_token());
    if (!slots().try_acquire())
        return std::nullopt;
    const bool ok = verify_password(password, stored_hash.empty() ? nobody : stored_hash);
    slots().release();
    return ok && !stored_hash.empty();
}

Result<Session> Sessions::login(const LoginAttempt& given, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    if (given.org.size() > 40 || given.email.size() > 254 || given.password.size() > 1024)
        return wrong_credentials();
    // Without an organisation, the one with an account for the address; none or several: the
    // attempt goes on without one, is counted and checked like any other, and fails alike.
    LoginAttempt attempt = given;
    if (attempt.org.empty()) {
        std::vector<std::string> orgs;
        store_.read([&](storage::Tx& tx) { orgs = tx.accounts.orgs_with_email(attempt.email); });
        if (orgs.size() == 1)
            attempt.org = orgs.front();
    }
    // Every attempt is counted as a failure before its password is checked, in the same write that
    // checks the limit: attempts sent in parallel cannot all slip under it. A throttled attempt
    // writes nothing, so that nobody can grow the tables (or the append-only audit log) at will.
    bool throttled = false;
    bool slowed = false;  // only slowed down: the wait is kSlowDownSeconds, not the window
    std::optional<storage::UserRecord> user;
    store_.transact([&](storage::Tx& tx) {
        const int64_t since = now - kFailureWindowSeconds;
        tx.throttling.forget_login_failures_before(since);  // only the window counts
        const int64_t from_here = tx.throttling.login_failures_since(pair_key(attempt), since);
        throttled = from_here >= kMaxFailures ||
                    tx.throttling.login_failures_since(client_key(attempt), since) >= kMaxFailures * 4;
        slowed = !throttled && from_here > 0 &&
                 tx.throttling.login_failures_since(account_key(attempt), since) >= kMaxFailures &&
                 tx.throttling.login_failures_since(pair_key(attempt), now - kSlowDownSeconds + 1) > 0;
        if (throttled || slowed)
            return;
        for (const auto& key : {account_key(attempt), client_key(attempt), pair_key(attempt)})
            tx.throttling.record_login_failure(key, now);
        user = tx.accounts.user_by_email(attempt.org, attempt.email);
    });
    if (throttled)
        return ServiceError::with_message(ErrorKind::too_many_requests, "too_many_attempts",
                                          "web.login.throttled",
                                          {std::to_string(kFailureWindowSeconds / 60)});
    if (slowed)
        return ServiceError::with_message(ErrorKind::too_many_requests, "too_many_attempts",
                                          "web.login.slowed", {std::to_string(kSlowDownSeconds)});
    // A disabled account is checked like an unknown one: the answer does not tell it apart.
    const auto checked =
        check_password(attempt.password, user && user->active() ? user->password_hash : std::string());
    if (!checked) {
        // Too many checks at once: nothing was checked, so the attempt counts as no failure.
        store_.transact([&](storage::Tx& tx) {
            for (const auto& key : {account_key(attempt), client_key(attempt), pair_key(attempt)})
                tx.throttling.clear_one_login_failure(key, now);
        });
        return ServiceError::with_message(ErrorKind::too_many_requests, "login_busy", "web.login.busy");
    }
    if (!*checked) {
        store_.transact([&](storage::Tx& tx) {
            if (tx.orgs.get(attempt.org))
                append_audit(tx, now, attempt.org, attempt.email, "login.failed", attempt.email,
                             nlohmann::json{{"client", attempt.client}}.dump());
        });
        return wrong_credentials();
    }
    Session session{random_token(), now + kLifetimeSeconds, attempt.org};
    store_.transact([&](storage::Tx& tx) {
        tx.accounts.delete_expired_sessions(now);
        tx.accounts.insert_session(sha256_hex(session.token), user->id, now, session.expires_at);
        // It was no failure after all: this address starts afresh on the account, and the
        // account's and the address's counts lose this attempt only, so that a right password
        // neither wipes what others failed on the account (they stay slowed down) nor what the
        // address failed on other accounts.
        tx.throttling.clear_login_failures(pair_key(attempt));
        tx.throttling.clear_one_login_failure(account_key(attempt), now);
        tx.throttling.clear_one_login_failure(client_key(attempt), now);
        append_audit(tx, now, attempt.org, attempt.email, "login", attempt.email,
                     nlohmann::json{{"client", attempt.client}}.dump());
    });
    return session;
}

std::optional<Principal> Sessions::principal(const std::string& token, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    if (token.size() != 64)
        return std::nullopt;
    std::optional<storage::UserRecord> user;
    store_.read([&](storage::Tx& tx) { user = tx.accounts.session_user(sha256_hex(token), now); });
    if (!user)
        return std::nullopt;
    return Principal{user->id, user->org, user->email, user->name, user->roles, ""};
}

void Sessions::logout(const std::string& token, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    if (token.size() != 64)
        return;
    store_.transact([&](storage::Tx& tx) {
        const std::string hash = sha256_hex(token);
        if (auto user = tx.accounts.session_user(hash, now))
            append_audit(tx, now, user->org, user->email, "logout", user->email, "{}");
        tx.accounts.delete_session(hash);
    });
}

}  // namespace meldpunt::service
