#pragma once
// Retention carried out (issue 15; 004 art. 5: kept two years, then destroyed or anonymised; GDPR
// art. 5(1)(e)). When a closed case's retention (the procedure's `retention` rule, per kind) has
// passed, the sweep anonymises it: the case keeps what the reports count (cases::anonymised) and
// its figures, so that every report of the past adds up as before, and everything else the register
// kept of it is destroyed (storage::Retention::destroy_dossier). The audit log records that it
// happened and how much went, never what. A legal hold stops a case's purge until its day; the
// coordinator sees what the next 30 days will purge, to check first. Mail that became no case
// (auto-replies, bounces, quarantine) goes after the organisation's retention period too.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/errors.hpp"
#include "service/principal.hpp"
#include "service/procedure_registry.hpp"
#include "storage/retention.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// Cases anonymised per transaction: each destroys a few rows in a dozen tables.
inline constexpr int kPurgeBatch = 50;
// How far ahead the coordinator's list of coming purges looks.
inline constexpr int kComingPurgeDays = 30;
// The longest a reason for a legal hold may be.
inline constexpr size_t kMaxHoldReason = 2000;

struct PurgeReport {
    int64_t anonymised = 0;  // cases anonymised
    int64_t held = 0;        // cases whose retention passed, kept for a legal hold
    int64_t failed = 0;      // cases that could not be purged now (logged; tried again next sweep)
    int64_t loose_mail = 0;  // messages that became no case, destroyed
    // Rows of the access log older than the retention period, deleted: who opened a case is
    // personal data of staff and, by the case, of the complainant; it is kept as long as cases are.
    int64_t access_rows = 0;
    // Data subjects' requests decided longer ago than the retention period, deleted: the request
    // names a person, and its decision is carried out.
    int64_t subject_requests = 0;
};

// For the sweep: anonymises every case whose retention passed by `now` (each in its own
// organisation's day) and holds no legal hold past today; a hold that ended goes with the purge.
// `stop`, when given, is asked between transactions.
PurgeReport purge_due(storage::Store& store, ProcedureRegistry& procedures, std::chrono::sys_seconds now,
                      const std::function<bool()>& stop = {});

// Anonymises `stored` (read in `tx`, under `procedure`, the version it ran under) on `today`: the
// case keeps what the reports count, the rest of the dossier is destroyed, and the audit log records
// `actor`, `detail` and how much went. False when the case changed since it was read.
bool anonymise_case(storage::Tx& tx, const loading::LoadedProcedure& procedure,
                    const storage::StoredCase& stored, calendar::Day today, std::chrono::sys_seconds now,
                    const std::string& actor, nlohmann::json detail);

// The organisation's procedure in force, for someone who sees every case of it (the coordinator,
// who keeps the register: retention, legal holds, data subjects' requests); refused for others.
Result<std::shared_ptr<const loading::LoadedProcedure>> procedure_for_keeper(storage::Tx& tx,
                                                                             ProcedureRegistry& procedures,
                                                                             const Principal& who,
                                                                             const std::string& org);

// Legal holds and the list of coming purges, for those who see every case of the organisation (the
// coordinator; the same as who reads the reports).
class RetentionDesk {
  public:
    RetentionDesk(storage::Store& store, ProcedureRegistry& procedures)
        : store_(store), procedures_(procedures) {}

    // Places (or replaces) a hold on the case until `until` (a day from today on), with the reason.
    // Audited without the reason, which stays with the hold.
    Result<storage::LegalHold> place_hold(const Principal& who, const std::string& org,
                                          const std::string& reference, const std::string& reason,
                                          calendar::Day until, std::chrono::sys_seconds now);
    // Lifts the case's hold; not_found when it has none.
    Result<Done> lift_hold(const Principal& who, const std::string& org, const std::string& reference,
                           std::chrono::sys_seconds now);
    // The case's hold, if any, for someone who may place one.
    Result<std::optional<storage::LegalHold>> hold(const Principal& who, const std::string& org,
                                                   const std::string& reference);
    // The organisation's cases whose retention ends within kComingPurgeDays of today, soonest first.
    Result<std::vector<storage::RetentionDue>> coming(const Principal& who, const std::string& org,
                                                      std::chrono::sys_seconds now, int limit = 500);

  private:
    storage::Store& store_;
    ProcedureRegistry& procedures_;
};

}  // namespace meldpunt::service
