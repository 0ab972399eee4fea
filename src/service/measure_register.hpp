#pragma once
// The register of improvement measures (issue 13): proposals, decisions, their owners carrying
// them out, each change audited (measure.propose, measure.edit, measure.<step>); the owner is told
// when a measure is decided, reminded before it is due and, with those the procedure names, told
// when it is overdue (measure_alerts.hpp). Who takes which step is the procedure's `[measures]`
// (domain/measure/measure.hpp).
//
// Who reads the register: those whose roles see every case, and those the procedure names in
// `[measures]`; the owner of a measure reads that measure. A measure names its cases by reference
// only: opening one is the case's own confidentiality (principal.hpp).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/measure/measure.hpp"
#include "messages/catalogue.hpp"
#include "service/errors.hpp"
#include "service/principal.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// A measure with what its reader may do with it now.
struct MeasureView {
    storage::StoredMeasure stored;
    std::shared_ptr<const loading::LoadedProcedure> procedure;  // in force, for the names of what it says
    bool overdue = false;
    bool may_edit = false;
    std::vector<measure::Step> steps;  // the steps the reader may take
};

struct MeasureList {
    std::vector<MeasureView> measures;  // newest first
    bool may_propose = false;           // the reader may propose a measure (for some unit)
    std::shared_ptr<const loading::LoadedProcedure> procedure;
};

class MeasureRegister {
  public:
    static constexpr size_t kMaxTitle = 300;
    static constexpr size_t kMaxText = 10000;  // the reason, the evidence, the reason it was not done
    static constexpr size_t kMaxCases = 100;

    MeasureRegister(storage::Store& store, ProcedureRegistry& procedures,
                    const messages::Catalogue& language);

    // Where staff open a measure (https://klachten.example.nl), for the link in the owner's notice.
    void set_public_url(std::string url) { public_url_ = std::move(url); }

    // The register: every measure for its readers, one's own for an owner who is not one.
    // Not found for another organisation, or one without a register of measures.
    Result<MeasureList> list(const Principal& who, const std::string& org, std::chrono::sys_seconds now);
    Result<MeasureView> get(const Principal& who, const std::string& org, int64_t number,
                            std::chrono::sys_seconds now);
    // The measures case `reference` led to that `who` reads, for the case's page (the caller has
    // checked that `who` sees the case); none when the organisation keeps no register of measures.
    std::optional<std::vector<storage::StoredMeasure>> of_case(const Principal& who, const std::string& org,
                                                               const std::string& reference);
    // Whether `who` may propose a measure in `org` (for the case page's link).
    bool may_propose(const Principal& who, const std::string& org);

    // Records a proposal; its cases must be the organisation's, its causes options of the
    // procedure's cause field, its unit one of the procedure's, its owner an active account.
    Result<MeasureView> propose(const Principal& who, const std::string& org, measure::Draft draft,
                                std::chrono::sys_seconds now);
    // Corrects what a measure says; `version`, when given, must be the measure's (412 otherwise).
    Result<MeasureView> edit(const Principal& who, const std::string& org, int64_t number,
                             measure::Draft draft, std::optional<int64_t> version,
                             std::chrono::sys_seconds now);
    // Takes `step`; `note` is the evidence (complete) or the reason (drop). Deciding tells the owner.
    Result<MeasureView> step(const Principal& who, const std::string& org, int64_t number, measure::Step step,
                             const std::string& note, std::optional<int64_t> version,
                             std::chrono::sys_seconds now);

  private:
    struct Context;
    // The procedure in force of `org` with its `[measures]`; not found otherwise.
    Result<Context> context(storage::Tx& tx, const Principal& who, const std::string& org);
    static MeasureView view_of(const Context& ctx, const Principal& who, storage::StoredMeasure stored,
                               calendar::Day today);
    // Whether `who` reads `m`: who sees every case, and who may under the procedure (measure::may_read).
    static bool readable(const Context& ctx, const Principal& who, const measure::Measure& m);
    // Checks and tidies `draft`; the cases in `linked` were linked before (by someone who saw them).
    std::optional<ServiceError> check_draft(storage::Tx& tx, const Context& ctx, const Principal& who,
                                            const std::string& org, measure::Draft& draft,
                                            const std::vector<std::string>& linked);
    // Writes the changed `m` (inserting it when it has no number yet), audited as `action`.
    MeasureView save(storage::Tx& tx, const Context& ctx, const Principal& who, const std::string& org,
                     measure::Measure& m, int64_t version, const std::string& action,
                     std::chrono::sys_seconds now);
    // Tells the owner of the just decided `m` that it is theirs.
    void tell_owner(storage::Tx& tx, const std::string& org, const measure::Measure& m, int64_t at);
    // Runs `work` on measure `number` in a write transaction, after the reader checks.
    Result<MeasureView> change(const Principal& who, const std::string& org, int64_t number,
                               std::optional<int64_t> version, std::chrono::sys_seconds now,
                               const std::function<std::optional<ServiceError>(
                                   storage::Tx&, const Context&, measure::Measure&, std::string&)>& work);

    storage::Store& store_;
    ProcedureRegistry& procedures_;
    const messages::Catalogue& language_;
    std::string public_url_;
};

// What a message about measure `number` carries out ("measure:12:decided"): with the person, its
// Message-ID, so that each is sent once (staff_notice.hpp).
std::string measure_cause(int64_t number, const std::string& what);

// The refusal of a measure's step or edit (domain/measure) as the service answers it.
ServiceError measure_refusal(const measure::MeasureRefusal& refusal);

}  // namespace meldpunt::service
