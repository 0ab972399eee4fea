#pragma once
// What the files of CaseService (case_service.cpp, conversation.cpp, case_corrections.cpp,
// case_merge.cpp) share: a refusal as the caller's error, the actor a person is on a case, a case's
// parties for confidentiality, its next due day, a changed case saved, a document put into the
// dossier, and the signal that another writer came first.
#include <chrono>
#include <string>

#include "domain/case/case.hpp"
#include "domain/case/refusal.hpp"
#include "domain/case/requests.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "service/errors.hpp"
#include "service/principal.hpp"
#include "service/upload.hpp"
#include "storage/tx.hpp"

namespace meldpunt::service {

// A rule's refusal carries the rule's own wording (its `text`), so the caller reads the rule as the
// regulation states it.
ServiceError from_refusal(const cases::Refusal& r);

// A restriction of processing granted on a data subject's request (GDPR art. 18,
// data_subject.hpp) stops every step staff take on the case until it is lifted; the complainant may
// still write (that is their own consent).
std::optional<ServiceError> refuse_if_restricted(storage::Tx& tx, const Principal& who,
                                                 const std::string& org, const std::string& reference);

// Who `who` is on case `c`: their address and the roles they hold for its unit.
cases::Actor actor_for(const Principal& who, const cases::Case& c);

// What decides who may see the stored case.
storage::CaseStamp parties_of(const storage::StoredCase& stored);

// The earliest due day of a running deadline on `today`: the register filters on it (overdue,
// due_before).
std::optional<calendar::Day> next_due(const cases::Engine& engine, const cases::Case& c, calendar::Day today);

// Writes the changed case as its next version, with the figures the reports count it under (under
// `procedure`, the version it runs under, by the day of `now`); another writer who came first makes
// the transaction run again (concurrent_change). `stage_before`: the stage it was read in. A move
// to another stage is told to the webhooks that take it (webhook_events.hpp).
void save_changed(storage::Tx& tx, storage::StoredCase& stored, const std::string& stage_before,
                  const loading::LoadedProcedure& procedure, std::chrono::sys_seconds now);

// Whether one of the procedure's actions may wait for another system's reference
// (Action::external_reference): only then does a case read its held step.
bool waits_for_references(const procedure::Procedure& procedure);

// Signals the transaction loop that another writer changed the case first: run again.
[[noreturn]] void concurrent_change();

// Puts `upload` into the case's dossier as document `id` (the case already lists it) and audits it.
storage::DocumentRecord store_document(storage::Tx& tx, const std::string& org, const std::string& reference,
                                       const std::string& id, const Upload& upload, const std::string& by,
                                       std::chrono::sys_seconds now);

}  // namespace meldpunt::service
