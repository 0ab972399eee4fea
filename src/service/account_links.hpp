#pragma once
// Links that let a person set their own password (issue 12, account life): an administrator's
// invitation to a new account, and a reset the person asks for when they forgot it. Each link is
// made as its e-mail leaves (the outbox holds a marker, as for the portal link: portal_links.hpp),
// is kept by its hash only, works once and expires (an invitation after 7 days, a reset after an
// hour); using one uses up the account's other links and ends its sessions. Requests for a reset
// are throttled per address and per client, and the answer never says whether an account exists.
#include <cstdint>
#include <string>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/errors.hpp"
#include "storage/outbox.hpp"
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// What a queued body holds where the link to set a password will go.
inline constexpr const char* kPasswordLinkMarker = "[[meldpunt:wachtwoordlink]]";

class AccountLinks {
  public:
    static constexpr int64_t kInvitationSeconds = 7 * 86400;
    static constexpr int64_t kResetSeconds = 3600;
    // Reset requests: per address and per client, within the window.
    static constexpr int kMaxRequestsPerAddress = 3;
    static constexpr int kMaxRequestsPerClient = 10;
    static constexpr int64_t kRequestWindowSeconds = 3600;

    explicit AccountLinks(storage::Store& store) : store_(store) {}

    // Queues an invitation to set a password for the account `user_id` of `org` (active). Audited.
    Result<Done> invite(const std::string& org, const std::string& user_id,
                        const messages::Catalogue& language, const std::string& actor, calendar::Instant now);
    // Queues a reset link to every active account with this address that can log in on the web.
    // Done whether or not there is one; too_many_requests when the address or `client` asked too
    // often (then nothing is queued).
    Result<Done> request_reset(const std::string& email, const std::string& client,
                               const messages::Catalogue& language, calendar::Instant now);
    // The account a link (the token in it) sets the password of, while it works; else not_found
    // (unknown, used or expired: one answer for all three).
    Result<storage::UserRecord> account_of(const std::string& token, calendar::Instant now);
    // Sets the password with the link and uses it up (and the account's other links); the
    // account's sessions end. Audited.
    Result<storage::UserRecord> set_password(const std::string& token, const std::string& password,
                                             calendar::Instant now);

  private:
    storage::Store& store_;
};

// `delivery`'s body with a new link (its hash stored, committed) in place of the marker; the body
// unchanged when it has none.
std::string body_with_password_link(storage::Store& store, const storage::Delivery& delivery,
                                    const std::string& public_url, int64_t now);

}  // namespace meldpunt::service
