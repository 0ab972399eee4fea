#pragma once
// Retention carried out (issue 15; 004 art. 5): which closed cases are due to be anonymised, the
// legal holds that stop it, and destroying what the dossier kept beside a case (documents and their
// bytes, letters, the conversation, the outbox's messages, the mail that arrived for it, its reply
// address, its portal links) while the case row keeps what the reports count.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

// A legal hold: the case is not anonymised until after `until`, whatever its retention says.
struct LegalHold {
    std::string org, reference;
    std::string held_by;  // the member of staff who placed it (e-mail address)
    std::string reason;
    calendar::Day until{};
    int64_t placed_at = 0;
};

// A case whose retention ends by some day, with its hold if it has one.
struct RetentionDue {
    std::string org, reference, kind, subject;
    calendar::Day purge_on{};
    std::optional<LegalHold> hold;
};

// What a case's purge destroyed, counted (the audit log records these numbers, never the content).
struct Destroyed {
    int64_t documents = 0, letters = 0, messages = 0, deliveries = 0, mail = 0, blobs = 0;
};

class Retention {
  public:
    explicit Retention(SqlConnection& db) : db_(db) {}

    // Cases of any organisation whose retention ends by `by`, in that order after the cursor
    // (`after_org`, `after_reference` on `after_on`), at most `limit`, each with its hold.
    std::vector<RetentionDue> due(calendar::Day by, calendar::Day after_on, const std::string& after_org,
                                  const std::string& after_reference, int limit);
    // The organisation's cases whose retention ends by `by`, soonest first, at most `limit`.
    std::vector<RetentionDue> coming(const std::string& org, calendar::Day by, int limit);

    // Holds the case's row until the transaction ends (PostgreSQL: FOR UPDATE; SQLite has one
    // writer), so that a hold placed and a purge of the same case follow each other: the purge sees
    // the hold, or the hold sees the case anonymised.
    void lock_case(const std::string& org, const std::string& reference);
    std::optional<LegalHold> hold(const std::string& org, const std::string& reference);
    // Places or replaces the case's hold.
    void place_hold(const LegalHold& hold);
    // True when the case had a hold.
    bool lift_hold(const std::string& org, const std::string& reference);

    // Destroys what the dossier and the mail kept of the case, and the blobs nothing else uses.
    Destroyed destroy_dossier(const std::string& org, const std::string& reference);
    // Writes the anonymised case (its JSON, with subject, description, parties and handler empty, no
    // deadline to watch and no retention left) if it is still at `version`; its figures, and so the
    // reports' sums, stay as they are. False when it changed meanwhile.
    bool write_anonymised(const std::string& org, const std::string& reference, int64_t version,
                          const std::string& data, int64_t received_at);

    // Mail that became no case (auto-replies, bounces, quarantine) received before `before`: its
    // record and bytes destroyed. Returns how many messages.
    int64_t destroy_loose_mail(const std::string& org, int64_t before);
    // Mail from `sender` (an address in lower case) that became no case: its record and bytes
    // destroyed. Returns how many messages.
    int64_t destroy_mail_from(const std::string& org, const std::string& sender);

  private:
    int64_t delete_blobs_unused(const std::vector<std::string>& hashes);

    SqlConnection& db_;
};

}  // namespace meldpunt::storage
