#include "http/api.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar/day.hpp"
#include "domain/calendar/instant.hpp"
#include "http/error_status.hpp"
#include "render/measure_json.hpp"
#include "render/report_json.hpp"
#include "service/case_json.hpp"
#include "service/crypto.hpp"
#include "service/directory.hpp"
#include "service/register_query.hpp"

namespace meldpunt::http {

namespace {

using nlohmann::json;
using service::ErrorKind;
using service::ServiceError;

const messages::Catalogue& catalogue_for(const Request& request) {
    static const messages::Catalogue nl(messages::Language::nl);
    static const messages::Catalogue en(messages::Language::en);
    return request.header("accept-language").rfind("en", 0) == 0 ? en : nl;
}

Response error_response(const Request& request, const ServiceError& e) {
    json error{{"code", e.code}, {"message", catalogue_for(request).text(e.message, e.args)}};
    if (!e.field.empty())
        error["field"] = e.field;
    if (!e.rule.empty())
        error["rule"] = e.rule;
    if (!e.source.empty())
        error["source"] = e.source;
    Response r{http_status(e.kind),
               "application/json",
               json{{"error", error}}.dump(-1, ' ', false, json::error_handler_t::replace),
               {}};
    if (e.kind == ErrorKind::unauthorized)
        r.headers.push_back({"WWW-Authenticate", "Bearer"});
    return r;
}

// Replaces, never throws on, text that is not UTF-8 (the edge refuses such text; this is a last guard).
Response json_response(int status, const nlohmann::ordered_json& body) {
    return {
        status, "application/json", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

// The caller behind the bearer token, if any.
std::optional<service::Principal> bearer(ApiContext& ctx, const Request& request) {
    const std::string header = request.header("authorization");
    const std::string prefix = "Bearer ";
    if (header.rfind(prefix, 0) != 0)
        return std::nullopt;
    return ctx.directory.authenticate(header.substr(prefix.size()), ctx.now());
}

// Parses a JSON body, insisting on application/json; on failure fills `response`.
std::optional<json> json_body(const Request& request, Response& response) {
    const std::string type = request.header("content-type");
    if (type.rfind("application/json", 0) != 0) {
        response = error_response(
            request, ServiceError::of(ErrorKind::unsupported_media_type, "unsupported_type", {type}));
        return std::nullopt;
    }
    json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        response = error_response(request, ServiceError::of(ErrorKind::bad_request, "invalid_json"));
        return std::nullopt;
    }
    return body;
}

// What a handler gets once the binder has done what its route declares: the caller (Auth::api_token)
// and the parsed body (Body::json).
struct ApiCall {
    const Request& request;
    const Params& params;
    const service::Principal* who = nullptr;
    const json* body = nullptr;
};

calendar::Day today_of(ApiContext& ctx, const service::CaseRecord& record) {
    return record.procedure->calendar.local_day(ctx.now());
}

std::string render_case(const service::CaseRecord& record, calendar::Day today,
                        const messages::Catalogue& catalogue) {
    return service::case_json(service::view_case(record, today), catalogue)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response case_response(int status, std::string body, int64_t version) {
    Response r{status, "application/json", std::move(body), {}};
    r.headers.push_back({"ETag", "\"" + std::to_string(version) + "\""});
    return r;
}

Response case_response(ApiContext& ctx, const Request& request, const service::CaseRecord& record,
                       int status) {
    return case_response(status, render_case(record, today_of(ctx, record), catalogue_for(request)),
                         record.stored.version);
}

Response intake(ApiContext& ctx, const ApiCall& call) {
    auto input = service::parse_intake(*call.body);
    if (auto* e = input.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.intake(*call.who, call.params.at("org"), input.value(),
                                   call.request.header("idempotency-key"), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    const auto& record = result.value();
    Response r = case_response(ctx, call.request, record, 201);
    r.headers.push_back(
        {"Location", "/api/v1/orgs/" + call.params.at("org") + "/cases/" + record.stored.state.reference});
    if (record.replayed)
        r.headers.push_back({"Idempotent-Replayed", "true"});
    return r;
}

Response get_case(ApiContext& ctx, const ApiCall& call) {
    const auto& org = call.params.at("org");
    const auto& reference = call.params.at("reference");
    const auto& catalogue = catalogue_for(call.request);
    const std::string key =
        RenderedCaseCache::key(org, reference, catalogue.language() == messages::Language::en ? "en" : "nl");
    auto cached = ctx.rendered->find(key);
    if (cached && cached->procedure->calendar.local_day(ctx.now()) != cached->day)
        cached.reset();  // rendered on an earlier day: deadline states may have changed since
    auto result = ctx.cases.get_if_changed(*call.who, org, reference,
                                           cached ? std::optional(cached->version) : std::nullopt);
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    if (ctx.access)
        ctx.access->note(*call.who, service::kOpenedCase, reference, "", call.request.remote, ctx.now());
    const auto& fresh = result.value();
    if (fresh) {
        const calendar::Day today = today_of(ctx, *fresh);
        cached = RenderedCaseCache::Entry{
            fresh->stored.version, today, fresh->procedure,
            std::make_shared<const std::string>(render_case(*fresh, today, catalogue))};
        // Only the whole dossier is shared between readers; a party's view is rendered for them.
        if (!fresh->shared_documents_only)
            ctx.rendered->put(key, *cached);
    }
    return case_response(200, *cached->body, cached->version);
}

Response list_cases(ApiContext& ctx, const ApiCall& call) {
    auto parsed = service::parse_register_query(call.request.query);
    if (auto* e = parsed.failure())
        return error_response(call.request, *e);
    const auto& q = parsed.value();
    auto result = ctx.cases.list(*call.who, call.params.at("org"), q, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    const auto& records = result.value();
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : records)
        rows.push_back(service::case_summary_json(r));
    const bool full = static_cast<int>(records.size()) == q.query.limit;
    return json_response(
        200, {{"cases", rows},
              {"next_cursor", full ? nlohmann::ordered_json(service::next_cursor(q, records.back()))
                                   : nlohmann::ordered_json(nullptr)}});
}

// The version an If-Match header names ("7" or 7); none without the header.
service::Result<std::optional<int64_t>> if_match_of(const http::Request& request) {
    std::string header = request.header("if-match");
    if (header.empty())
        return std::optional<int64_t>{};
    if (header.size() >= 2 && header.front() == '"' && header.back() == '"')
        header = header.substr(1, header.size() - 2);
    char* end = nullptr;
    const long long value = std::strtoll(header.c_str(), &end, 10);
    if (header.empty() || *end)
        return ServiceError::invalid_field("If-Match", "not_a_version");
    return std::optional<int64_t>{value};
}

Response act(ApiContext& ctx, const ApiCall& call) {
    if (!call.body->is_object() || !call.body->contains("action") || !(*call.body)["action"].is_string())
        return error_response(call.request, ServiceError::missing_field("action"));
    service::ActionInput input;
    for (const auto& [key, value] : call.body->items()) {
        if (key == "action") {
            input.action = value.get<std::string>();
        } else if (key == "at") {
            if (!value.is_string())
                return error_response(call.request, ServiceError::invalid_field("at", "not_iso8601"));
            input.at = value.get<std::string>();
        } else if (value.is_string()) {
            input.fields[key] = value.get<std::string>();  // the service checks the text
        } else if (value.is_boolean()) {
            input.fields[key] = value.get<bool>() ? "true" : "false";
        } else if (value.is_array()) {
            std::string list;
            for (const auto& item : value) {
                if (!item.is_string())
                    return error_response(call.request, ServiceError::invalid_field(key, "not_text"));
                list += (list.empty() ? "" : ",") + item.get<std::string>();
            }
            input.fields[key] = list;
        } else {
            return error_response(call.request, ServiceError::invalid_field(key, "not_text"));
        }
    }
    const auto if_match = if_match_of(call.request);
    if (auto* e = if_match.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.act(*call.who, call.params.at("org"), call.params.at("reference"), input,
                                if_match.value(), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

Response upload(ApiContext& ctx, const ApiCall& call) {
    service::Upload upload;
    upload.content_type = call.request.header("content-type");
    if (const auto semicolon = upload.content_type.find(';'); semicolon != std::string::npos)
        upload.content_type.resize(semicolon);
    auto q = [&](const char* name) {
        auto it = call.request.query.find(name);
        return it == call.request.query.end() ? std::string() : it->second;
    };
    upload.name = q("name");
    upload.visibility = q("visibility").empty() ? "internal" : q("visibility");
    upload.content = call.request.body;
    auto result =
        ctx.cases.upload(*call.who, call.params.at("org"), call.params.at("reference"), upload, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return json_response(201, service::document_json(result.value()));
}

// Corrected details: {"subject"?, "description"?, "complainant"?: {"name"?, "email"?, "phone"?,
// "address"?}, "about_text"?, "unit"?, "about"?: [addresses]}; each member given is the new value.
Response correct(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object())
        return error_response(call.request, ServiceError::invalid_field("body", "not_an_object"));
    service::CorrectionInput input;
    std::optional<ServiceError> wrong;
    const auto text = [&](const nlohmann::json& object, const char* key, const std::string& path,
                          std::optional<std::string>& into) {
        const auto found = object.find(key);
        if (found == object.end())
            return;
        if (!found->is_string()) {
            wrong = wrong ? wrong : ServiceError::invalid_field(path, "not_text");
            return;
        }
        into = found->get<std::string>();
    };
    for (const auto& [key, value] : body.items())
        if (key != "subject" && key != "description" && key != "complainant" && key != "about_text" &&
            key != "unit" && key != "about")
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
    text(body, "subject", "subject", input.subject);
    text(body, "description", "description", input.description);
    text(body, "about_text", "about_text", input.reported_about);
    text(body, "unit", "unit", input.unit);
    if (const auto complainant = body.find("complainant"); complainant != body.end()) {
        if (!complainant->is_object())
            return error_response(call.request, ServiceError::invalid_field("complainant", "not_an_object"));
        for (const auto& [key, value] : complainant->items())
            if (key != "name" && key != "email" && key != "phone" && key != "address")
                return error_response(call.request,
                                      ServiceError::invalid_field("complainant." + key, "unknown_field"));
        text(*complainant, "name", "complainant.name", input.name);
        text(*complainant, "email", "complainant.email", input.email);
        text(*complainant, "phone", "complainant.phone", input.phone);
        text(*complainant, "address", "complainant.address", input.address);
    }
    if (const auto about = body.find("about"); about != body.end()) {
        if (!about->is_array())
            return error_response(call.request, ServiceError::invalid_field("about", "not_a_list"));
        input.about.emplace();
        for (const auto& person : *about) {
            if (!person.is_string())
                return error_response(call.request, ServiceError::invalid_field("about", "not_a_list"));
            input.about->push_back(person.get<std::string>());
        }
    }
    if (wrong)
        return error_response(call.request, *wrong);
    const auto if_match = if_match_of(call.request);
    if (auto* e = if_match.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.correct(*call.who, call.params.at("org"), call.params.at("reference"), input,
                                    if_match.value(), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

// The case, a duplicate, merged into another: {"into": "2026-000123"}. Answers the duplicate.
Response merge(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object())
        return error_response(call.request, ServiceError::invalid_field("body", "not_an_object"));
    for (const auto& [key, value] : body.items())
        if (key != "into")
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
    const auto into = body.find("into");
    if (into == body.end())
        return error_response(call.request, ServiceError::missing_field("into"));
    if (!into->is_string())
        return error_response(call.request, ServiceError::invalid_field("into", "not_text"));
    const auto if_match = if_match_of(call.request);
    if (auto* e = if_match.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.merge(*call.who, call.params.at("org"), call.params.at("reference"),
                                  into->get<std::string>(), if_match.value(), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

// What was agreed with the complainant: {"what": "...", "who": "karin@focus.nl", "due": "2027-03-20",
// "complainant_sees": true} (complainant_sees may be left out: true). Answers the case.
Response promise(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object())
        return error_response(call.request, ServiceError::invalid_field("body", "not_an_object"));
    service::CommitmentInput input;
    for (const auto& [key, value] : body.items()) {
        if (key == "complainant_sees") {
            if (!value.is_boolean())
                return error_response(call.request, ServiceError::invalid_field(key, "not_a_boolean"));
            input.complainant_sees = value.get<bool>();
        } else if (key == "what" || key == "who" || key == "due") {
            if (!value.is_string())
                return error_response(call.request, ServiceError::invalid_field(key, "not_text"));
            (key == "what" ? input.what : key == "who" ? input.who : input.due) = value.get<std::string>();
        } else {
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
        }
    }
    const auto if_match = if_match_of(call.request);
    if (auto* e = if_match.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.promise(*call.who, call.params.at("org"), call.params.at("reference"), input,
                                    if_match.value(), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 201);
}

// The case judged urgent or not: {"urgent": true, "note": "..."} (002 §B). Answers the case.
Response set_urgency(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object())
        return error_response(call.request, ServiceError::invalid_field("body", "not_an_object"));
    std::optional<bool> urgent;
    std::string note;
    for (const auto& [key, value] : body.items()) {
        if (key == "urgent" && value.is_boolean())
            urgent = value.get<bool>();
        else if (key == "note" && value.is_string())
            note = value.get<std::string>();
        else
            return error_response(call.request,
                                  ServiceError::invalid_field(key, key == "urgent" ? "not_a_boolean"
                                                                   : key == "note" ? "not_text"
                                                                                   : "unknown_field"));
    }
    if (!urgent)
        return error_response(call.request, ServiceError::missing_field("urgent"));
    const auto if_match = if_match_of(call.request);
    if (auto* e = if_match.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.set_urgency(*call.who, call.params.at("org"), call.params.at("reference"),
                                        *urgent, note, if_match.value(), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

// The case sent on: {"unit": "...", "to": "person@org.nl", "note": "..."}, a unit, a person or both
// (002 §B). Answers the case.
Response forward(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object())
        return error_response(call.request, ServiceError::invalid_field("body", "not_an_object"));
    service::ForwardInput input;
    for (const auto& [key, value] : body.items()) {
        if (key != "unit" && key != "to" && key != "note")
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
        if (!value.is_string())
            return error_response(call.request, ServiceError::invalid_field(key, "not_text"));
        (key == "unit" ? input.unit : key == "to" ? input.to : input.note) = value.get<std::string>();
    }
    const auto if_match = if_match_of(call.request);
    if (auto* e = if_match.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.forward(*call.who, call.params.at("org"), call.params.at("reference"), input,
                                    if_match.value(), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

// A commitment carried out or waived: {"outcome": "done" | "waived", "note": "..."} (a waiver's
// reason is required). Answers the case.
Response settle_commitment(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object())
        return error_response(call.request, ServiceError::invalid_field("body", "not_an_object"));
    std::string outcome, note;
    for (const auto& [key, value] : body.items()) {
        if (key != "outcome" && key != "note")
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
        if (!value.is_string())
            return error_response(call.request, ServiceError::invalid_field(key, "not_text"));
        (key == "outcome" ? outcome : note) = value.get<std::string>();
    }
    if (outcome.empty())
        return error_response(call.request, ServiceError::missing_field("outcome"));
    auto result = ctx.cases.settle_commitment(*call.who, call.params.at("org"), call.params.at("reference"),
                                              call.params.at("id"), outcome, note, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

// A message for the case's conversation: {"body": "...", "visibility": "shared" | "internal"}
// (default shared: a reply the complainant reads and is mailed). Files go to /documents.
Response send_message(ApiContext& ctx, const ApiCall& call) {
    if (!call.body->is_object())
        return error_response(call.request, ServiceError::missing_field("body"));
    service::MessageInput input;
    for (const auto& [key, value] : call.body->items()) {
        if (!value.is_string())
            return error_response(call.request, ServiceError::invalid_field(key, "not_text"));
        if (key == "body")
            input.body = value.get<std::string>();
        else if (key == "visibility")
            input.visibility = value.get<std::string>();
        else
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
    }
    auto result = ctx.cases.send_message(*call.who, call.params.at("org"), call.params.at("reference"), input,
                                         ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return json_response(201, service::message_json(result.value()));
}

Response list_documents(ApiContext& ctx, const ApiCall& call) {
    auto result = ctx.cases.get(*call.who, call.params.at("org"), call.params.at("reference"));
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    nlohmann::ordered_json docs = nlohmann::ordered_json::array();
    for (const auto& d : result.value().documents)
        docs.push_back(service::document_json(d));
    return json_response(200, {{"documents", docs}});
}

Response download(ApiContext& ctx, const ApiCall& call) {
    auto result = ctx.cases.download(*call.who, call.params.at("org"), call.params.at("reference"),
                                     call.params.at("id"));
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    auto& [document, content] = result.value();
    if (ctx.access)
        ctx.access->note(*call.who, service::kOpenedDocument, call.params.at("reference"), document.id,
                         call.request.remote, ctx.now());
    Response r{200, document.content_type, std::move(content), {}};
    r.headers.push_back({"Content-Disposition", "attachment"});
    r.headers.push_back({"X-Content-Type-Options", "nosniff"});
    return r;
}

using ApiHandler = Response (*)(ApiContext&, const ApiCall&);

Response storage_unavailable() {
    return Response{503,
                    "application/json",
                    R"({"error":{"code":"storage_unavailable","message":"storage unavailable, try again"}})",
                    {{"Retry-After", "1"}}};
}

// The route's handler behind what the route declares: one snapshot, the bearer token, the JSON
// body; a database that is unavailable answers 503.
Handler bind(ApiContext& ctx, const Route& route, ApiHandler handler) {
    return [&ctx, route, handler](const Request& request, const Params& params) {
        try {
            std::optional<storage::Store::SharedRead> snapshot;
            if (route.one_snapshot)
                snapshot.emplace(ctx.store);
            ApiCall call{request, params};
            std::optional<service::Principal> who;
            if (route.auth == Auth::api_token) {
                who = bearer(ctx, request);
                if (!who)
                    return error_response(request, ServiceError::of(ErrorKind::unauthorized, "unauthorized"));
                call.who = &*who;
            }
            std::optional<json> body;
            if (route.body == Body::json) {
                Response refused;
                body = json_body(request, refused);
                if (!body)
                    return refused;
                call.body = &*body;
            }
            return handler(ctx, call);
        } catch (const storage::StorageError&) {
            return storage_unavailable();
        }
    };
}

// The reporting periods of the organisation's procedure, newest first (docs/api.md).
Response list_reports(ApiContext& ctx, const ApiCall& call) {
    const auto& org = call.params.at("org");
    auto result = ctx.reports.periods(*call.who, org, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    nlohmann::ordered_json periods = nlohmann::ordered_json::array();
    for (const auto& entry : result.value())
        periods.push_back({{"key", entry.key},
                           {"cadence", entry.reporting.cadence},
                           {"first_day", calendar::format_day(entry.period.first)},
                           {"last_day", calendar::format_day(entry.period.last)},
                           {"complete", entry.complete},
                           {"href", "/api/v1/orgs/" + org + "/reports/" + entry.key}});
    return json_response(200, nlohmann::ordered_json{{"periods", std::move(periods)}});
}

// The report as counted now, and, once issued, when, by whom and the report as it was issued.
nlohmann::ordered_json report_with_issue(const service::MadeReport& made) {
    auto out = render::report_json(made.report, made.procedure->procedure);
    out["issued"] = nullptr;
    if (made.issued)
        out["issued"] = {
            {"at", calendar::format_instant(calendar::from_unix_seconds(made.issued->issued_at))},
            {"by", made.issued->issued_by},
            {"procedure_version", made.issued->procedure_version},
            {"report", nlohmann::ordered_json::parse(made.issued->report, nullptr, false)}};
    return out;
}

// One period's report with the previous period's figures beside it (docs/api.md).
Response get_report(ApiContext& ctx, const ApiCall& call) {
    auto result = ctx.reports.make(*call.who, call.params.at("org"), call.params.at("period"), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return json_response(200, report_with_issue(result.value()));
}

// Issues the report of an ended period: its figures are kept as they are (docs/api.md).
Response issue_report(ApiContext& ctx, const ApiCall& call) {
    auto result = ctx.reports.issue(*call.who, call.params.at("org"), call.params.at("period"), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return json_response(201, report_with_issue(result.value()));
}

// The period's report as it may be published: small numbers hidden (docs/api.md).
Response get_publication(ApiContext& ctx, const ApiCall& call) {
    auto result =
        ctx.reports.to_publish(*call.who, call.params.at("org"), call.params.at("period"), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    const auto& made = result.value();
    auto body = render::publication_json(made.report, made.procedure->procedure);
    body["issued_at"] = made.issued ? nlohmann::ordered_json(calendar::format_instant(
                                          calendar::from_unix_seconds(made.issued->issued_at)))
                                    : nlohmann::ordered_json(nullptr);
    return json_response(200, body);
}

// The cases closed in a period, for an ERP to import: ?format=csv (default json) (docs/webhooks.md).
Response closed_cases(ApiContext& ctx, const ApiCall& call) {
    const auto given = call.request.query.find("format");
    const std::string format = given == call.request.query.end() ? "json" : given->second;
    if (format != "json" && format != "csv")
        return error_response(call.request, ServiceError::invalid_field("format", "not_json_or_csv"));
    auto result = ctx.reports.closed_cases(*call.who, call.params.at("org"), call.params.at("period"));
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    if (format == "json")
        return json_response(200, service::export_json(result.value()));
    return {200,
            "text/csv; charset=utf-8",
            service::export_csv(result.value()),
            {{"Content-Disposition",
              "attachment; filename=\"afgesloten-" + call.params.at("period") + ".csv\""}}};
}

// The reference another system gives for the step held on a case: {"reference": "..."}
// (CaseService::acknowledge). Answers the case as it is then.
Response acknowledge(ApiContext& ctx, const ApiCall& call) {
    const auto& body = *call.body;
    if (!body.is_object() || !body.contains("reference") || !body["reference"].is_string())
        return error_response(call.request, ServiceError::missing_field("reference"));
    for (const auto& [key, value] : body.items())
        if (key != "reference")
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
    const auto& org = call.params.at("org");
    const auto& reference = call.params.at("reference");
    auto done =
        ctx.cases.acknowledge(org, reference, body["reference"].get<std::string>(), call.who, ctx.now());
    if (auto* e = done.failure())
        return error_response(call.request, *e);
    auto result = ctx.cases.get(*call.who, org, reference);
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return case_response(ctx, call.request, result.value(), 200);
}

// A measure's number from the path: digits, else no such measure.
std::optional<int64_t> measure_number(const ApiCall& call) {
    const std::string& text = call.params.at("number");
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

Response measure_response(int status, const std::string& org, const service::MeasureView& view) {
    return json_response(status, render::measure_json(org, view.stored.measure, view.stored.version,
                                                      view.overdue, view.steps));
}

// A list of strings from the body's field `key`.
std::optional<ServiceError> strings_of(const json& value, const std::string& key,
                                       std::vector<std::string>& out) {
    if (!value.is_array())
        return ServiceError::invalid_field(key, "not_a_list");
    for (const auto& item : value) {
        if (!item.is_string())
            return ServiceError::invalid_field(key, "not_text");
        out.push_back(item.get<std::string>());
    }
    return std::nullopt;
}

// What a measure says, from the body (docs/api.md); `version` when it names one.
std::optional<ServiceError> measure_draft(const json& body, measure::Draft& draft,
                                          std::optional<int64_t>& version) {
    if (!body.is_object())
        return ServiceError::of(ErrorKind::bad_request, "invalid_json");
    for (const auto& [key, value] : body.items()) {
        if (key == "version") {
            if (!value.is_number_integer())
                return ServiceError::invalid_field(key, "not_a_number");
            version = value.get<int64_t>();
        } else if (key == "cases" || key == "causes") {
            if (auto e = strings_of(value, key, key == "cases" ? draft.cases : draft.causes))
                return e;
        } else if (key == "due") {
            if (value.is_null())
                continue;
            draft.due = value.is_string() ? calendar::parse_day(value.get<std::string>()) : std::nullopt;
            if (!draft.due)
                return ServiceError::invalid_field(key, "not_a_date");
        } else if (key == "title" || key == "reason" || key == "unit" || key == "owner") {
            if (value.is_null())
                continue;
            if (!value.is_string())
                return ServiceError::invalid_field(key, "not_text");
            std::string& field = key == "title"    ? draft.title
                                 : key == "reason" ? draft.reason
                                 : key == "unit"   ? draft.unit
                                                   : draft.owner;
            field = value.get<std::string>();
        } else {
            return ServiceError::invalid_field(key, "unknown_field");
        }
    }
    return std::nullopt;
}

// The organisation's improvement measures, newest first (docs/api.md).
Response list_measures(ApiContext& ctx, const ApiCall& call) {
    const auto& org = call.params.at("org");
    auto result = ctx.measures.list(*call.who, org, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& view : result.value().measures)
        out.push_back(
            render::measure_json(org, view.stored.measure, view.stored.version, view.overdue, view.steps));
    return json_response(200, nlohmann::ordered_json{{"measures", std::move(out)}});
}

Response get_measure(ApiContext& ctx, const ApiCall& call) {
    const auto number = measure_number(call);
    if (!number)
        return error_response(call.request, ServiceError::not_found("measure"));
    auto result = ctx.measures.get(*call.who, call.params.at("org"), *number, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return measure_response(200, call.params.at("org"), result.value());
}

Response propose_measure(ApiContext& ctx, const ApiCall& call) {
    measure::Draft draft;
    std::optional<int64_t> version;
    if (auto e = measure_draft(*call.body, draft, version))
        return error_response(call.request, *e);
    auto result = ctx.measures.propose(*call.who, call.params.at("org"), std::move(draft), ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return measure_response(201, call.params.at("org"), result.value());
}

// Replaces what the measure says with the body (every field; those left out become empty).
Response edit_measure(ApiContext& ctx, const ApiCall& call) {
    const auto number = measure_number(call);
    if (!number)
        return error_response(call.request, ServiceError::not_found("measure"));
    measure::Draft draft;
    std::optional<int64_t> version;
    if (auto e = measure_draft(*call.body, draft, version))
        return error_response(call.request, *e);
    auto result =
        ctx.measures.edit(*call.who, call.params.at("org"), *number, std::move(draft), version, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return measure_response(200, call.params.at("org"), result.value());
}

// Takes a step: {"step": "decide" | "start" | "complete" | "drop", "note": "...", "version": 3}.
Response measure_step(ApiContext& ctx, const ApiCall& call) {
    const auto number = measure_number(call);
    if (!number)
        return error_response(call.request, ServiceError::not_found("measure"));
    const json& body = *call.body;
    if (!body.is_object() || !body.contains("step") || !body["step"].is_string())
        return error_response(call.request, ServiceError::missing_field("step"));
    const auto step = measure::parse_step(body["step"].get<std::string>());
    if (!step)
        return error_response(call.request, ServiceError::invalid_field("step", "unknown_step"));
    std::string note;
    std::optional<int64_t> version;
    for (const auto& [key, value] : body.items()) {
        if (key == "note" && value.is_string())
            note = value.get<std::string>();
        else if (key == "version" && value.is_number_integer())
            version = value.get<int64_t>();
        else if (key != "step")
            return error_response(call.request, ServiceError::invalid_field(key, "unknown_field"));
    }
    auto result =
        ctx.measures.step(*call.who, call.params.at("org"), *number, *step, note, version, ctx.now());
    if (auto* e = result.failure())
        return error_response(call.request, *e);
    return measure_response(200, call.params.at("org"), result.value());
}

Response health(ApiContext& ctx, const ApiCall&) {
    if (ctx.store.ping())
        return Response{200, "application/json", R"({"status":"ok"})", {}};
    return Response{503, "application/json", R"({"status":"unavailable"})", {}};
}

// The counters are the server's, across organisations: for this machine's own scraper (a request
// straight from loopback, not passed on by a proxy) or one that shows the metrics token. Tokens are
// compared by their hashes, so that the time a comparison takes says nothing about the token.
bool may_scrape(const ApiContext& ctx, const Request& request) {
    const std::string& from = request.remote;
    const bool loopback = from == "::1" || from.rfind("127.", 0) == 0 || from.rfind("::ffff:127.", 0) == 0;
    if (loopback && !ctx.behind_proxy && request.header("x-forwarded-for").empty() &&
        request.header("forwarded").empty())
        return true;
    return !ctx.metrics_token.empty() && service::sha256_hex(request.header("authorization")) ==
                                             service::sha256_hex("Bearer " + ctx.metrics_token);
}

Response metrics(ApiContext& ctx, const ApiCall& call) {
    if (!may_scrape(ctx, call.request))
        return error_response(call.request, ServiceError::of(ErrorKind::unauthorized, "unauthorized"));
    std::string text = ctx.metrics.prometheus_text();
    // The request counters answer even while the database does not; the outbox's gauges then
    // are left out (a gap in the series, not a false zero).
    try {
        storage::OutboxCounts counts;
        storage::WebhookCounts webhooks;
        ctx.store.read([&](storage::Tx& tx) {
            counts = tx.outbox.counts();
            webhooks = tx.webhooks.counts();
        });
        text += outbox_prometheus_text(counts, calendar::unix_seconds(ctx.now()));
        text += webhook_prometheus_text(webhooks, calendar::unix_seconds(ctx.now()));
    } catch (const storage::StorageError&) {
    }
    return Response{200, "text/plain; version=0.0.4", text, {}};
}

}  // namespace

void add_api_routes(Router& router, ApiContext& ctx) {
    const std::string cases = "/api/v1/orgs/{org}/cases";
    const std::string one = cases + "/{reference}";
    struct ApiRoute {
        Route route;
        ApiHandler handler;
    };
    const ApiRoute table[] = {
        {{"GET", "/healthz"}, health},
        {{"GET", "/metrics"}, metrics},
        {{"POST", cases, Auth::api_token, Body::json}, intake},
        {{"GET", cases, Auth::api_token, Body::none, true}, list_cases},
        {{"GET", one, Auth::api_token, Body::none, true}, get_case},
        {{"POST", one + "/actions", Auth::api_token, Body::json}, act},
        {{"PATCH", one, Auth::api_token, Body::json}, correct},
        {{"POST", one + "/documents", Auth::api_token, Body::files}, upload},
        {{"POST", one + "/messages", Auth::api_token, Body::json}, send_message},
        {{"POST", one + "/merge", Auth::api_token, Body::json}, merge},
        {{"POST", one + "/commitments", Auth::api_token, Body::json}, promise},
        {{"POST", one + "/urgency", Auth::api_token, Body::json}, set_urgency},
        {{"POST", one + "/forward", Auth::api_token, Body::json}, forward},
        {{"POST", one + "/acknowledgement", Auth::api_token, Body::json}, acknowledge},
        {{"POST", one + "/commitments/{id}", Auth::api_token, Body::json}, settle_commitment},
        {{"GET", one + "/documents", Auth::api_token, Body::none, true}, list_documents},
        {{"GET", one + "/documents/{id}", Auth::api_token, Body::none, true}, download},
        {{"GET", "/api/v1/orgs/{org}/reports", Auth::api_token}, list_reports},
        {{"GET", "/api/v1/orgs/{org}/reports/{period}", Auth::api_token}, get_report},
        {{"GET", "/api/v1/orgs/{org}/reports/{period}/publication", Auth::api_token}, get_publication},
        {{"GET", "/api/v1/orgs/{org}/exports/closed-cases/{period}", Auth::api_token}, closed_cases},
        {{"POST", "/api/v1/orgs/{org}/reports/{period}/issue", Auth::api_token}, issue_report},
        {{"GET", "/api/v1/orgs/{org}/measures", Auth::api_token}, list_measures},
        {{"POST", "/api/v1/orgs/{org}/measures", Auth::api_token, Body::json}, propose_measure},
        {{"GET", "/api/v1/orgs/{org}/measures/{number}", Auth::api_token}, get_measure},
        {{"PATCH", "/api/v1/orgs/{org}/measures/{number}", Auth::api_token, Body::json}, edit_measure},
        {{"POST", "/api/v1/orgs/{org}/measures/{number}/steps", Auth::api_token, Body::json}, measure_step},
    };
    for (const auto& entry : table)
        router.add(entry.route, bind(ctx, entry.route, entry.handler));
}

}  // namespace meldpunt::http
