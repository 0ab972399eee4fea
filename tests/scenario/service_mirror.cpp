#include "scenario/service_mirror.hpp"

#include <algorithm>
#include <atomic>

#include "domain/case/field_value.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "storage/case_codec.hpp"

namespace meldpunt::testing {

namespace {

// Organisations and accounts exist long before the cases of any scenario.
const calendar::Instant kSetUp = calendar::from_unix_seconds(1577836800);  // 2020-01-01

MirroredStep refused(service::ServiceError error) {
    return {std::nullopt, std::move(error)};
}

}  // namespace

ServiceMirror::ServiceMirror(storage::Store& store)
    : store_(store),
      catalogue_(messages::Language::nl),
      cases_(store, procedures_, catalogue_),
      directory_(store) {}

std::string ServiceMirror::begin(const std::string& procedure_text) {
    static std::atomic<int> count{0};
    org_ = "scenario-" + std::to_string(++count);
    reference_.clear();
    document_ids_.clear();
    auto created = directory_.create_org({org_, org_, procedure_text}, "scenario", kSetUp);
    if (auto* e = created.failure())
        return "the service refused the procedure: " + e->code;
    procedure_ = cases_.current_procedure(org_);
    return procedure_ ? "" : "the organisation has no procedure";
}

// An active account for `email` with no roles yet (a person the case can be given to).
void ServiceMirror::give_account(const std::string& email) {
    std::optional<storage::UserRecord> user;
    store_.read([&](storage::Tx& tx) { user = tx.accounts.user_by_email(org_, email); });
    if (user)
        return;
    // An account is created with a role; set_roles then gives it exactly the roles of each step.
    const std::string some_role = procedure_->procedure.roles.front().id;
    auto created = directory_.create_user({org_, email, email, {{some_role, ""}}, ""}, "scenario", kSetUp);
    if (auto* e = created.failure())
        throw std::runtime_error("cannot create the account " + email + ": " + e->code);
    set_roles(email, {});
}

// The account holds exactly `roles` for the whole organisation: those of the scenario's step that
// the organisation can grant (the built-in roles follow from the case, not from a grant).
void ServiceMirror::set_roles(const std::string& email, const std::vector<std::string>& roles) {
    store_.transact([&](storage::Tx& tx) {
        auto user = tx.accounts.user_by_email(org_, email);
        for (const auto& grant : user->roles)
            tx.accounts.revoke_role(user->id, grant);
        for (const auto& role : roles)
            if (!procedure::is_builtin_role(role) && procedure_->procedure.role(role))
                tx.accounts.grant_role(user->id, {role, ""});
    });
}

service::Principal ServiceMirror::principal(const cases::Actor& actor) {
    if (actor.id == procedure::kComplainantRole)
        return service::complainant_principal(org_, reference_);
    give_account(actor.id);
    set_roles(actor.id, actor.roles);
    std::optional<storage::UserRecord> user;
    store_.read([&](storage::Tx& tx) { user = tx.accounts.user_by_email(org_, actor.id); });
    return {user->id, user->org, user->email, user->name, user->roles, ""};
}

MirroredStep ServiceMirror::stored(const service::Result<service::CaseRecord>& result) {
    if (auto* e = result.failure())
        return refused(*e);
    std::optional<storage::StoredCase> read;
    store_.read([&](storage::Tx& tx) { read = tx.cases.get(org_, reference_); });
    if (!read)
        return refused(service::ServiceError::not_found("the stored case"));
    return {read->state, std::nullopt};
}

MirroredStep ServiceMirror::intake(const cases::IntakeRequest& request, const std::string& received) {
    service::IntakeInput input;
    input.kind = request.kind;
    input.channel = request.channel;
    input.received_at = received;
    if (request.event_date)
        input.event_date = calendar::format_day(*request.event_date);
    input.unit = request.unit;
    input.description = "Scenario";
    input.complainant = {request.complainant.name, request.complainant.email, request.complainant.phone,
                         request.complainant.address, request.complainant.anonymous};
    if (request.representative) {
        input.representative_name = request.representative->name;
        input.representative_relation = request.representative->relation;
        input.representative_email = request.representative->email;
    }
    input.about = request.about;
    input.about_text = request.reported_about;
    input.urgent = request.urgent;
    const service::Principal who = principal(request.registered_by);
    auto result = cases_.intake(who, org_, input, "", request.received_at);
    if (auto* record = result.success())
        reference_ = record->stored.state.reference;
    return stored(result);
}

MirroredStep ServiceMirror::act(const cases::ActionRequest& request) {
    service::ActionInput input{request.action, std::nullopt, request.fields};
    // Person fields name accounts; document fields the dossier's ids.
    for (auto& [name, value] : input.fields) {
        const procedure::Field* field = procedure_->procedure.field(name);
        if (field && field->type == procedure::FieldType::person && !value.empty() &&
            value != request.actor.id)
            give_account(value);
        if (field && field->type == procedure::FieldType::people)
            for (const auto& person : cases::split_list(value))
                if (person != request.actor.id)
                    give_account(person);
        if (field && field->type == procedure::FieldType::documents) {
            std::string translated;
            for (const auto& id : cases::split_list(value)) {
                auto it = document_ids_.find(id);
                translated += (translated.empty() ? "" : ",") + (it == document_ids_.end() ? id : it->second);
            }
            value = translated;
        }
    }
    const service::Principal who = principal(request.actor);
    return stored(cases_.act(who, org_, reference_, input, std::nullopt, request.at));
}

MirroredStep ServiceMirror::add_document(const std::string& id, const std::string& visibility,
                                         std::chrono::sys_seconds at, const cases::Actor& actor) {
    const service::Principal who = principal(actor);
    auto uploaded =
        cases_.upload(who, org_, reference_, {id + ".txt", "text/plain", visibility, "Stuk " + id}, at);
    if (auto* e = uploaded.failure())
        return refused(*e);
    document_ids_[id] = uploaded.value().id;
    std::optional<storage::StoredCase> read;
    store_.read([&](storage::Tx& tx) { read = tx.cases.get(org_, reference_); });
    return {read->state, std::nullopt};
}

ServiceMirror::Seen ServiceMirror::seen_by(const cases::Actor& actor) {
    const service::Principal who = principal(actor);
    Seen seen;
    auto record = cases_.get(who, org_, reference_);
    seen.visible = record.success() != nullptr;
    if (seen.visible) {
        // By the name the scenario gave it (uploaded as NAME.txt): a complainant knows the
        // documents by numbers of their own (service/complainant_numbering.hpp).
        for (const auto& document : record.value().documents) {
            const bool named = document.name.size() > 4 && document.name.ends_with(".txt") &&
                               document_ids_.contains(document.name.substr(0, document.name.size() - 4));
            seen.documents.push_back(named ? document.name.substr(0, document.name.size() - 4) : document.id);
        }
    }
    if (!who.complainant_of.empty())
        return seen;
    // The register shows the same: the case is in the person's list exactly when they may open it.
    service::RegisterQuery everything;
    everything.query.limit = 500;
    auto listed = cases_.list(who, org_, everything, kSetUp);
    const bool in_list = listed.success() && std::any_of(listed.value().begin(), listed.value().end(),
                                                         [&](const service::CaseRecord& r) {
                                                             return r.stored.state.reference == reference_;
                                                         });
    if (in_list != seen.visible)
        seen.inconsistency = std::string("the register ") + (in_list ? "lists" : "does not list") +
                             " the case, opening it " + (seen.visible ? "works" : "does not");
    return seen;
}

nlohmann::json comparable(const cases::Case& c) {
    nlohmann::json j = storage::encode_case(c);
    for (const char* key : {"reference", "procedure_version", "events", "facts"})
        j.erase(key);
    for (auto& d : j["documents"])
        d.erase("id");
    return j;
}

}  // namespace meldpunt::testing
