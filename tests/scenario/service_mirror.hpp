#pragma once
// A scenario's steps taken a second time through the service layer, on a real database, by the
// people the scenario names: each `as=ROLE:PERSON` is an account of the organisation holding exactly
// those roles at that step, a complainant is the holder of the case's portal link. The service then
// applies what it applies on the server (visibility, accounts for person fields, the stored form,
// letters generated), which the engine alone never meets (issue 10: fidelity in the application).
//
// Every scenario gets an organisation of its own, so that one database (one PostgreSQL server) serves
// all of them.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/case/case.hpp"
#include "domain/case/requests.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::testing {

// What the service made of one step: the case as stored afterwards, or its refusal.
struct MirroredStep {
    std::optional<cases::Case> state;
    std::optional<service::ServiceError> error;
};

class ServiceMirror {
  public:
    explicit ServiceMirror(storage::Store& store);

    // A new organisation running `procedure_text`; an error message, or empty.
    std::string begin(const std::string& procedure_text);

    // The intake as `request.registered_by` registers it; `received` is the scenario's own text.
    MirroredStep intake(const cases::IntakeRequest& request, const std::string& received);
    MirroredStep act(const cases::ActionRequest& request);
    // A document the scenario calls `id`; the dossier numbers documents itself (d1, d2, ...), and
    // the mirror translates the scenario's ids in document fields.
    MirroredStep add_document(const std::string& id, const std::string& visibility,
                              std::chrono::sys_seconds at, const cases::Actor& actor);

    // What `actor` sees of the case: nullopt when it is hidden from them (neither the case nor its
    // row in their register), else the scenario's ids of the documents shown to them. An error
    // message when the case and the register disagree.
    struct Seen {
        bool visible = false;
        std::vector<std::string> documents;
        std::string inconsistency;
    };
    Seen seen_by(const cases::Actor& actor);

  private:
    service::Principal principal(const cases::Actor& actor);
    void give_account(const std::string& email);
    void set_roles(const std::string& email, const std::vector<std::string>& roles);
    MirroredStep stored(const service::Result<service::CaseRecord>& result);

    storage::Store& store_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue catalogue_;
    service::CaseService cases_;
    service::Directory directory_;
    std::shared_ptr<const loading::LoadedProcedure> procedure_;
    std::string org_;
    std::string reference_;
    std::map<std::string, std::string> document_ids_;  // the scenario's id → the dossier's
};

// The parts of a case the engine and the service must agree on: everything but the reference, the
// procedure version number, the event log, the recorded field values and the document ids (which
// the dossier assigns), and the overdue marks that only the engine's review sets so far.
nlohmann::json comparable(const cases::Case& c);

}  // namespace meldpunt::testing
