#pragma once
// An organisation's mail settings, kept by its administrator: the address (and name) its mail is
// sent from, and a test message to check that mail leaves and arrives. The test message goes the
// way every message goes (the outbox, then the delivery worker and the relay), so its state on
// the administration page (wordt verstuurd, bezorgd, niet bezorgd: the relay's reason) is the
// state of the organisation's mail.
#include <string>
#include <vector>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/errors.hpp"
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
    // Queues a test message to `to` (the administrator asking) in `language`, audited.
    Result<Done> send_test(const std::string& org, const std::string& to, const std::string& to_name,
                           const messages::Catalogue& language, const std::string& actor,
                           calendar::Instant now);
    // The organisation's newest test messages with their state, newest first.
    std::vector<storage::Delivery> tests(const std::string& org, int limit = 5);

  private:
    storage::Store& store_;
};

// The outbox's cause of a test message ("test:1767225600").
inline constexpr const char* kTestMessageCause = "test:";

}  // namespace meldpunt::service
