#pragma once
// An organisation's mail, kept by its administrator: the address (and name) its mail is sent
// from, a test message to check that mail leaves and arrives, the address and mailbox mail arrives
// at, and what arrived: each message with what became of it, and the quarantine. The test message goes the
// way every message goes (the outbox, then the delivery worker and the relay), so its state on
// the administration page (wordt verstuurd, bezorgd, niet bezorgd: the relay's reason) is the
// state of the organisation's mail.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/errors.hpp"
#include "storage/incoming_mail.hpp"
#include "storage/outbox.hpp"
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

class MailSettings {
  public:
    explicit MailSettings(storage::Store& store) : store_(store) {}

    // The organisation's sender; empty fields mean the server's (--mail-from, --mail-from-name).
    storage::OrgRecord sender(const std::string& org);
    // Sets the sender (audited); both empty: back to the server's. Refuses an address that is not
    // one (support/mail_address.hpp) and a name with line breaks or over 100 characters.
    Result<Done> set_sender(const std::string& org, const std::string& from, const std::string& name,
                            const std::string& actor, calendar::Instant now);
    // Sets the address the organisation's mail arrives at (OrgRecord::mail_in; audited); empty:
    // none. Replies to messages for a complainant then go to its case's reply address there.
    Result<Done> set_mail_in(const std::string& org, const std::string& address, const std::string& actor,
                             calendar::Instant now);
    // The mailbox the server fetches the organisation's mail from over IMAP (imap:// or imaps://
    // host, port and folder); an empty URL: none. Audited without the password.
    Result<Done> set_mailbox(const std::string& org, const std::string& url, const std::string& username,
                             const std::string& password, const std::string& actor, calendar::Instant now);
    std::optional<storage::MailboxRecord> mailbox(const std::string& org);

    // Queues a test message to `to` (the administrator asking) in `language`, audited.
    Result<Done> send_test(const std::string& org, const std::string& to, const std::string& to_name,
                           const messages::Catalogue& language, const std::string& actor,
                           calendar::Instant now);
    // The organisation's newest test messages with their state, newest first.
    std::vector<storage::Delivery> tests(const std::string& org, int limit = 5);

    // Mail in: the newest arrivals with what became of each, newest first.
    std::vector<storage::IncomingMailRecord> arrivals(const std::string& org, int limit = 20);
    // The messages in quarantine nobody has dealt with yet, newest first.
    std::vector<storage::IncomingMailRecord> quarantined(const std::string& org, int limit = 100);
    // A message that arrived for the organisation, as it arrived (a quarantined one too large to
    // take in: its head), with its record, by the hash of its bytes (IncomingMailRecord::raw_hash);
    // nullopt when the organisation has none with that hash.
    std::optional<std::pair<storage::IncomingMailRecord, std::string>> message_as_received(
        const std::string& org, const std::string& raw_hash);
    // Staff dealt with a quarantined message (registered it by hand, or judged it junk): it leaves
    // the quarantine list, kept and audited. not_found when it is not in quarantine.
    Result<Done> clear_quarantined(const std::string& org, const std::string& key, const std::string& actor,
                                   calendar::Instant now);

  private:
    // Runs `change` (which audits itself) in a transaction when the organisation exists.
    Result<Done> change_setting(const std::string& org, const std::function<void(storage::Tx&)>& change);

    storage::Store& store_;
};

// The outbox's cause of a test message ("test:1767225600").
inline constexpr const char* kTestMessageCause = "test:";

}  // namespace meldpunt::service
