#include "service/data_subject.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "archive/zip_archive.hpp"
#include "domain/calendar/instant.hpp"
#include "pdf/letter_pdf.hpp"
#include "pdf/table_pdf.hpp"
#include "render/due_date_text.hpp"
#include "service/audit_log.hpp"
#include "service/case_json.hpp"
#include "service/case_view.hpp"
#include "service/letter_document.hpp"
#include "service/retention.hpp"
#include "support/mail_address.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

using std::chrono::sys_seconds;

// Names compared as people write them: letters in lower case (ASCII), runs of spaces as one, no
// spaces at the ends.
std::string folded(const std::string& text) {
    std::string out;
    bool space = false;
    for (char ch : support::ascii_lowercase(support::trimmed(text))) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty())
            out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

bool same_name(const std::string& a, const std::string& folded_name) {
    return !folded_name.empty() && folded(a) == folded_name;
}

bool same_address(const std::string& a, const std::string& lower_email) {
    return !lower_email.empty() && support::ascii_lowercase(support::trimmed(a)) == lower_email;
}

bool mentions(const std::string& text, const std::string& folded_name) {
    return !folded_name.empty() && folded(text).find(folded_name) != std::string::npos;
}

ServiceError refused(const char* code) {
    return ServiceError::with_message(ErrorKind::bad_request, code, std::string("api.") + code);
}

std::optional<ServiceError> check_text(const std::string& text, size_t limit, const char* field) {
    if (text.empty() || text.size() > limit || !support::valid_text(text, true))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                          std::string("api.subject_") + field, {}, field);
    return std::nullopt;
}

// A file name that is one name inside the archive: no folders, no leading dot, not empty.
std::string archive_name(const std::string& name) {
    std::string out;
    for (char ch : name)
        out += (ch == '/' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) ? '_' : ch;
    while (!out.empty() && out.front() == '.')
        out.erase(out.begin());
    return out.empty() ? "bestand" : support::utf8_prefix(out, 150);
}

// Reads the request and the organisation's procedure for a coordinator, in `tx`.
struct Loaded {
    std::shared_ptr<const loading::LoadedProcedure> procedure;
    storage::SubjectRequest request;
};

Result<Loaded> load_request(storage::Tx& tx, ProcedureRegistry& procedures, const Principal& who,
                            const std::string& org, int64_t id) {
    auto procedure = procedure_for_keeper(tx, procedures, who, org);
    if (auto* e = procedure.failure())
        return *e;
    auto request = tx.subject_requests.get(org, id);
    if (!request)
        return ServiceError::not_found("subject_request");
    return Loaded{procedure.value(), std::move(*request)};
}

// The cases a text search finds for `text` (names and addresses are in the register's index).
void add_searched(storage::Tx& tx, const std::string& org, const std::string& text,
                  std::map<std::string, storage::StoredCase>& found) {
    if (text.empty())
        return;
    storage::CaseQuery query;
    query.text = text;
    query.limit = 100;
    for (;;) {
        const auto page = tx.cases.list(org, query);
        for (const auto& stored : page)
            found.emplace(stored.state.reference, stored);
        if (static_cast<int>(page.size()) < query.limit ||
            static_cast<int>(found.size()) > 4 * kMaxSubjectCases)
            return;
        query.after_reference = page.back().state.reference;
        query.after_received = calendar::unix_seconds(page.back().state.received_at);
    }
}

SubjectFindings find_in(storage::Tx& tx, const std::string& org, const storage::SubjectRequest& request) {
    const std::string name = folded(request.person_name);
    const std::string email = support::ascii_lowercase(request.person_email);
    std::map<std::string, storage::StoredCase> candidates;
    add_searched(tx, org, request.person_email, candidates);
    add_searched(tx, org, request.person_name, candidates);
    // The accounts that are the person (by address, or by name): the cases about them.
    std::set<std::string> accounts;
    if (!email.empty())
        accounts.insert(email);
    if (!name.empty())
        for (const auto& user : tx.accounts.users_of(org))
            if (same_name(user.name, name))
                accounts.insert(user.email);
    for (const auto& account : accounts)
        for (const auto& reference : tx.cases.about_person(org, account, 4 * kMaxSubjectCases))
            if (!candidates.contains(reference))
                if (auto stored = tx.cases.get(org, reference))
                    candidates.emplace(reference, std::move(*stored));
    std::map<std::string, std::string> account_names;  // the accounts cases are about, by address
    SubjectFindings findings;
    for (const auto& [reference, stored] : candidates) {
        if (stored.state.anonymised_on)
            continue;  // nothing about anyone is left in it
        std::vector<std::string> about_names;
        for (const auto& account : stored.state.about) {
            auto known = account_names.find(account);
            if (known == account_names.end()) {
                const auto user = tx.accounts.user_by_email(org, account);
                known = account_names.emplace(account, user ? user->name : "").first;
            }
            about_names.push_back(known->second);
        }
        auto roles = subject_roles(stored, request.person_name, request.person_email, about_names);
        if (roles.empty())
            continue;
        if (static_cast<int>(findings.cases.size()) == kMaxSubjectCases) {
            findings.more = true;
            break;
        }
        const auto& c = stored.state;
        SubjectCase found{reference,     c.kind,      c.stage,         stored.subject,
                          c.received_on, c.closed_on, std::move(roles)};
        found.documents = static_cast<int64_t>(tx.dossier.documents(org, reference).size());
        found.messages = static_cast<int64_t>(tx.dossier.messages(org, reference).size());
        found.letters = static_cast<int64_t>(tx.dossier.letters(org, reference).size());
        found.held = tx.retention.hold(org, reference).has_value();
        found.restricted = tx.subject_requests.restriction_of(org, reference).has_value();
        findings.cases.push_back(std::move(found));
    }
    if (!email.empty())
        findings.mail = tx.incoming_mail.loose_from(org, email, 1000);
    return findings;
}

std::string role_text(const messages::Catalogue& t, const std::vector<std::string>& roles) {
    std::string out;
    for (const auto& role : roles)
        out += (out.empty() ? "" : ", ") + t.text("subject.role." + role);
    return out;
}

// What the archive holds of one case: the case as staff see it, the person's roles, the
// conversation, the letters (as text in the JSON, as the PDF its reader got in the archive) and the
// documents (their bytes in the archive).
nlohmann::ordered_json export_case(storage::Tx& tx, const CaseRecord& record, const SubjectCase& found,
                                   const messages::Catalogue& t, calendar::Day today,
                                   archive::ZipArchive& zip, int64_t& bytes) {
    const std::string& org = record.stored.org;
    const std::string& reference = found.reference;
    const std::string folder = "zaken/" + reference + "/";
    nlohmann::ordered_json out;
    out["roles"] = found.roles;
    out["case"] = case_json(view_case(record, today), t);
    out["subject"] = record.stored.subject;
    out["description"] = record.stored.description;
    auto& messages = out["messages"] = nlohmann::ordered_json::array();
    for (const auto& message : record.messages)
        messages.push_back(message_json(message));
    auto& letters = out["letters"] = nlohmann::ordered_json::array();
    for (const auto& letter : record.letters) {
        const std::string file = folder + "brieven/" + archive_name(letter_file_name(letter));
        std::string pdf = pdf::render_letter(letter_document(record, letter, t));
        bytes += static_cast<int64_t>(pdf.size());
        zip.add(file, std::move(pdf));
        letters.push_back(
            {{"seq", letter.seq},
             {"letter", letter.letter},
             {"name", letter.name},
             {"created_at", calendar::format_instant(sys_seconds{std::chrono::seconds{letter.created_at}})},
             {"body", letter.body},
             {"file", file}});
    }
    auto& documents = out["documents"] = nlohmann::ordered_json::array();
    for (const auto& document : record.documents) {
        auto json = document_json(document);
        if (auto content = tx.dossier.document(org, reference, document.id)) {
            const std::string file = folder + "documenten/" + document.id + " " + archive_name(document.name);
            bytes += static_cast<int64_t>(content->second.size());
            zip.add(file, std::move(content->second));
            json["file"] = file;
        }
        documents.push_back(std::move(json));
    }
    return out;
}

pdf::PdfTable cases_table(const SubjectFindings& findings, const messages::Catalogue& t) {
    pdf::PdfTable table{t.text("subject.export.cases"),
                        {t.text("subject.export.reference"), t.text("subject.export.received"),
                         t.text("subject.export.roles"), t.text("subject.export.documents"),
                         t.text("subject.export.messages"), t.text("subject.export.letters")}};
    for (const auto& c : findings.cases)
        table.rows.push_back({c.reference, render::short_date(c.received_on, t), role_text(t, c.roles),
                              std::to_string(c.documents), std::to_string(c.messages),
                              std::to_string(c.letters)});
    return table;
}

// What the case says about the person, field by field, as the summary shows it.
pdf::PdfTable case_details(const CaseRecord& record, const SubjectCase& found, const messages::Catalogue& t) {
    const auto& c = record.stored.state;
    pdf::PdfTable table{t.text("subject.export.case_heading", {found.reference, role_text(t, found.roles)}),
                        {t.text("subject.export.item"), t.text("subject.export.value")}};
    auto add = [&](const char* key, const std::string& value) {
        if (!value.empty())
            table.rows.push_back(
                {t.text(std::string("subject.export.") + key), support::utf8_prefix(value, 90)});
    };
    add("subject", record.stored.subject);
    add("kind",
        record.procedure->procedure.kind(c.kind) ? record.procedure->procedure.kind(c.kind)->name : c.kind);
    add("stage", record.procedure->procedure.stage(c.stage) ? record.procedure->procedure.stage(c.stage)->name
                                                            : c.stage);
    if (!c.complainant.anonymous) {
        add("complainant_name", c.complainant.name);
        add("complainant_email", c.complainant.email);
        add("complainant_phone", c.complainant.phone);
        add("complainant_address", c.complainant.address);
    }
    if (c.representative) {
        add("representative_name", c.representative->name);
        add("representative_email", c.representative->email);
    }
    add("reported_about", c.reported_about);
    table.rows.push_back({t.text("subject.export.closed"),
                          c.closed_on ? render::short_date(*c.closed_on, t) : t.text("subject.export.open")});
    return table;
}

}  // namespace

std::vector<std::string> subject_roles(const storage::StoredCase& stored, const std::string& name,
                                       const std::string& email,
                                       const std::vector<std::string>& about_names) {
    const auto& c = stored.state;
    const std::string folded_name = folded(name);
    const std::string lower_email = support::ascii_lowercase(support::trimmed(email));
    std::vector<std::string> roles;
    if (!c.complainant.anonymous &&
        (same_address(c.complainant.email, lower_email) || same_name(c.complainant.name, folded_name)))
        roles.push_back("complainant");
    if (c.representative && (same_address(c.representative->email, lower_email) ||
                             same_name(c.representative->name, folded_name)))
        roles.push_back("representative");
    bool about = false;
    for (size_t i = 0; i < c.about.size(); ++i)
        about = about || same_address(c.about[i], lower_email) ||
                (i < about_names.size() && same_name(about_names[i], folded_name));
    if (about)
        roles.push_back("about");
    // Named in what was written, when the case is not theirs in another way (a complainant's own
    // name under their own letter tells nothing new).
    if (roles.empty() && (mentions(c.reported_about, folded_name) || mentions(stored.subject, folded_name) ||
                          mentions(stored.description, folded_name)))
        roles.push_back("mentioned");
    return roles;
}

SubjectRequestView subject_request_view(const storage::SubjectRequest& request,
                                        const calendar::WorkingCalendar& calendar, calendar::Day today) {
    using calendar::Period;
    using calendar::PeriodUnit;
    SubjectRequestView view{request};
    std::vector<Period> extensions;
    if (!request.extended_by.empty())
        extensions.push_back(Period{PeriodUnit::months, 2});  // art. 12(3): by two further months
    view.due =
        calendar::compute_due(calendar, request.received_on, Period{PeriodUnit::months, 1}, {}, extensions);
    if (view.due.due) {
        view.days_left = static_cast<int>((*view.due.due - today).count());
        view.overdue = request.outcome.empty() && today > *view.due.due;
    }
    return view;
}

Result<SubjectRequestView> DataSubjectDesk::register_request(const Principal& who, const std::string& org,
                                                             const SubjectRequestInput& input,
                                                             sys_seconds now) {
    const std::string name = support::trimmed(input.name);
    const std::string email = support::ascii_lowercase(support::trimmed(input.email));
    if (name.empty() && email.empty())
        return refused("subject_person");
    if (name.size() > kMaxSubjectName || !support::valid_text(name))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field", "api.subject_name", {},
                                          "name");
    if (!email.empty() && !support::is_mail_address(email))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field", "api.subject_email", {},
                                          "email");
    if (std::find(std::begin(kSubjectRights), std::end(kSubjectRights), input.right) ==
        std::end(kSubjectRights))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field", "api.subject_right", {},
                                          "right");
    std::optional<calendar::Day> received;
    if (!input.received.empty()) {
        received = calendar::parse_day(support::trimmed(input.received));
        if (!received)
            return ServiceError::with_message(ErrorKind::bad_request, "invalid_field", "api.subject_received",
                                              {}, "received");
    }
    std::optional<ServiceError> refusal;
    SubjectRequestView view;
    store_.transact([&](storage::Tx& tx) {
        refusal.reset();
        auto procedure = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = procedure.failure()) {
            refusal = *e;
            return;
        }
        const auto& calendar = procedure.value()->calendar;
        const calendar::Day today = calendar.local_day(now);
        if (received && (*received > today || *received < today - std::chrono::days{366})) {
            refusal = ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                                 "api.subject_received", {}, "received");
            return;
        }
        storage::SubjectRequest request{org,         0,
                                        name,        email,
                                        input.right, received.value_or(today),
                                        who.email,   calendar::unix_seconds(now)};
        request.id = tx.subject_requests.insert(request);
        // The request's number and the right, never the person (the audit log outlives the request).
        append_audit(tx, request.registered_at, org, who.email, "subject_request.register", "",
                     nlohmann::json{{"request", request.id}, {"right", request.right}}.dump());
        view = subject_request_view(request, calendar, today);
    });
    if (refusal)
        return *refusal;
    return view;
}

Result<std::vector<SubjectRequestView>> DataSubjectDesk::requests(const Principal& who,
                                                                  const std::string& org, sys_seconds now) {
    std::optional<ServiceError> refusal;
    std::vector<SubjectRequestView> out;
    store_.read([&](storage::Tx& tx) {
        auto procedure = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = procedure.failure()) {
            refusal = *e;
            return;
        }
        const auto& calendar = procedure.value()->calendar;
        const calendar::Day today = calendar.local_day(now);
        for (const auto& request : tx.subject_requests.all(org, 500))
            out.push_back(subject_request_view(request, calendar, today));
    });
    if (refusal)
        return *refusal;
    return out;
}

Result<SubjectRequestView> DataSubjectDesk::request(const Principal& who, const std::string& org, int64_t id,
                                                    sys_seconds now) {
    std::optional<ServiceError> refusal;
    SubjectRequestView view;
    store_.read([&](storage::Tx& tx) {
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        const auto& calendar = loaded.value().procedure->calendar;
        view = subject_request_view(loaded.value().request, calendar, calendar.local_day(now));
    });
    if (refusal)
        return *refusal;
    return view;
}

Result<SubjectFindings> DataSubjectDesk::find(const Principal& who, const std::string& org, int64_t id) {
    std::optional<ServiceError> refusal;
    SubjectFindings findings;
    store_.read([&](storage::Tx& tx) {
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        findings = find_in(tx, org, loaded.value().request);
    });
    if (refusal)
        return *refusal;
    return findings;
}

Result<SubjectExport> DataSubjectDesk::export_archive(const Principal& who, const std::string& org,
                                                      int64_t id, const messages::Catalogue& t,
                                                      sys_seconds now) {
    std::optional<ServiceError> refusal;
    SubjectExport out;
    int64_t case_count = 0;
    store_.read([&](storage::Tx& tx) {
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        const auto& request = loaded.value().request;
        const auto& calendar = loaded.value().procedure->calendar;
        const calendar::Day today = calendar.local_day(now);
        const SubjectFindings findings = find_in(tx, org, request);
        archive::ZipArchive zip(static_cast<std::time_t>(calendar::unix_seconds(now)));
        int64_t bytes = 0;
        const std::string person = request.person_name.empty() ? request.person_email : request.person_name;
        pdf::TableDocument summary{t.text("subject.export.title", {person}),
                                   tx.orgs.get(org) ? tx.orgs.get(org)->name : org};
        summary.lines = {t.text("subject.export.request",
                                {std::to_string(request.id), render::long_date(request.received_on, t)}),
                         t.text("subject.export.made", {render::long_date(today, t)}),
                         t.text("subject.export.contents")};
        summary.page_format = t.text("pdf.page", {"{0}", "{1}"});  // filled in per page by the PDF
        summary.tables.push_back(cases_table(findings, t));
        nlohmann::ordered_json data{{"request",
                                     {{"id", request.id},
                                      {"right", request.right},
                                      {"received_on", calendar::format_day(request.received_on)},
                                      {"name", request.person_name},
                                      {"email", request.person_email}}},
                                    {"cases", nlohmann::ordered_json::array()},
                                    {"mail", nlohmann::ordered_json::array()}};
        for (const auto& found : findings.cases) {
            CaseRecord record;
            auto stored = tx.cases.get(org, found.reference);
            if (!stored)
                continue;
            record.procedure = procedures_.get(tx, org, stored->state.procedure_version);
            if (!record.procedure)
                continue;
            record.stored = std::move(*stored);
            record.letters = tx.dossier.letters(org, found.reference);
            record.documents = tx.dossier.documents(org, found.reference);
            record.messages = tx.dossier.messages(org, found.reference);
            int64_t size = 0;
            for (const auto& document : record.documents)
                size += document.size;
            if (bytes + size > kMaxSubjectExportBytes) {
                refusal = ServiceError::with_message(ErrorKind::conflict, "export_too_large",
                                                     "api.subject_export_too_large");
                return;
            }
            data["cases"].push_back(export_case(tx, record, found, t, today, zip, bytes));
            summary.tables.push_back(case_details(record, found, t));
            ++case_count;
        }
        if (!findings.mail.empty()) {
            pdf::PdfTable mail_table{t.text("subject.export.mail"),
                                     {t.text("subject.export.received"), t.text("subject.export.subject")}};
            int n = 0;
            for (const auto& mail : findings.mail) {
                const std::string file = "e-mail/" + std::to_string(++n) + ".eml";
                nlohmann::ordered_json json{
                    {"received_at",
                     calendar::format_instant(sys_seconds{std::chrono::seconds{mail.received_at}})},
                    {"subject", mail.subject},
                    {"outcome", mail.outcome}};
                if (auto raw = mail.raw_hash.empty() ? std::nullopt : tx.incoming_mail.raw(mail.raw_hash)) {
                    bytes += static_cast<int64_t>(raw->size());
                    zip.add(file, std::move(*raw));
                    json["file"] = file;
                }
                data["mail"].push_back(std::move(json));
                mail_table.rows.push_back(
                    {render::short_date(
                         calendar.local_day(sys_seconds{std::chrono::seconds{mail.received_at}}), t),
                     support::utf8_prefix(mail.subject, 90)});
            }
            summary.tables.push_back(std::move(mail_table));
        }
        if (bytes > kMaxSubjectExportBytes) {
            refusal = ServiceError::with_message(ErrorKind::conflict, "export_too_large",
                                                 "api.subject_export_too_large");
            return;
        }
        zip.add(t.text("subject.export.summary_file"), pdf::render_tables(summary));
        zip.add(t.text("subject.export.data_file"), data.dump(2));
        out.file_name = t.text("subject.export.file_name", {std::to_string(request.id)});
        out.bytes = zip.finish();
    });
    if (refusal)
        return *refusal;
    store_.transact([&](storage::Tx& tx) {
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "subject_request.export", "",
                     nlohmann::json{{"request", id}, {"cases", case_count}}.dump());
    });
    return out;
}

Result<SubjectRequestView> DataSubjectDesk::extend(const Principal& who, const std::string& org, int64_t id,
                                                   const std::string& reason, sys_seconds now) {
    const std::string why = support::trimmed(reason);
    if (auto e = check_text(why, kMaxSubjectText, "reason"))
        return *e;
    std::optional<ServiceError> refusal;
    SubjectRequestView view;
    store_.transact([&](storage::Tx& tx) {
        refusal.reset();
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        auto request = loaded.value().request;
        if (!request.outcome.empty() || !request.extended_by.empty()) {
            refusal = ServiceError::with_message(
                ErrorKind::conflict, "subject_request_closed",
                request.outcome.empty() ? "api.subject_extended_already" : "api.subject_decided_already");
            return;
        }
        tx.subject_requests.extend(org, id, who.email, why);
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "subject_request.extend", "",
                     nlohmann::json{{"request", id}}.dump());
        request.extended_by = who.email;
        request.extension_reason = why;
        const auto& calendar = loaded.value().procedure->calendar;
        view = subject_request_view(request, calendar, calendar.local_day(now));
    });
    if (refusal)
        return *refusal;
    return view;
}

Result<SubjectDecision> DataSubjectDesk::decide(const Principal& who, const std::string& org, int64_t id,
                                                const std::string& outcome, const std::string& decision,
                                                const std::vector<std::string>& references, sys_seconds now) {
    if (outcome != "granted" && outcome != "refused")
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field", "api.subject_outcome", {},
                                          "outcome");
    const std::string text = support::trimmed(decision);
    if (auto e = check_text(text, kMaxSubjectText, "decision"))
        return *e;
    std::optional<ServiceError> refusal;
    SubjectDecision done;
    store_.transact([&](storage::Tx& tx) {
        refusal.reset();
        done = SubjectDecision{outcome};
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        const auto& request = loaded.value().request;
        if (!request.outcome.empty()) {
            refusal = ServiceError::with_message(ErrorKind::conflict, "subject_request_closed",
                                                 "api.subject_decided_already");
            return;
        }
        const int64_t at = calendar::unix_seconds(now);
        if (outcome == "granted" && request.right != "access") {
            std::set<std::string> found;
            for (const auto& c : find_in(tx, org, request).cases)
                found.insert(c.reference);
            const std::set<std::string> chosen(references.begin(), references.end());
            for (const auto& reference : chosen) {
                if (!found.contains(reference)) {
                    done.skipped.push_back(reference);
                    continue;
                }
                if (request.right == "restriction") {
                    tx.subject_requests.restrict_case(org, reference, id, at);
                    append_audit(tx, at, org, who.email, "case.restricted", reference,
                                 nlohmann::json{{"request", id}}.dump());
                    done.restricted.push_back(reference);
                    continue;
                }
                tx.retention.lock_case(org, reference);  // a hold placed meanwhile is seen
                auto stored = tx.cases.get(org, reference);
                auto procedure = stored ? procedures_.get(tx, org, stored->state.procedure_version) : nullptr;
                const calendar::Day today = loaded.value().procedure->calendar.local_day(now);
                const auto hold = tx.retention.hold(org, reference);
                // An open case is closed first (withdrawn, or decided): erasing it would leave its
                // procedure half done. A legal hold outweighs the erasure (art. 17(3)(e)).
                if (!stored || !procedure || !stored->state.closed_on || (hold && hold->until >= today) ||
                    !anonymise_case(tx, *procedure, *stored, today, now, who.email, {{"request", id}})) {
                    done.skipped.push_back(reference);
                    continue;
                }
                done.erased.push_back(reference);
            }
            if (request.right == "erasure" && !request.person_email.empty())
                done.mail_destroyed = tx.retention.destroy_mail_from(org, request.person_email);
        }
        tx.subject_requests.decide(org, id, outcome, text, who.email, at);
        append_audit(tx, at, org, who.email, "subject_request.decide", "",
                     nlohmann::json{{"request", id},
                                    {"outcome", outcome},
                                    {"erased", done.erased.size()},
                                    {"restricted", done.restricted.size()},
                                    {"mail", done.mail_destroyed}}
                         .dump());
    });
    if (refusal)
        return *refusal;
    return done;
}

Result<Done> DataSubjectDesk::lift_restriction(const Principal& who, const std::string& org,
                                               const std::string& reference, sys_seconds now) {
    std::optional<ServiceError> refusal;
    store_.transact([&](storage::Tx& tx) {
        refusal.reset();
        auto procedure = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = procedure.failure()) {
            refusal = *e;
            return;
        }
        if (!tx.subject_requests.lift_restriction(org, reference)) {
            refusal = ServiceError::not_found("restriction");
            return;
        }
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "case.restriction_lifted", reference,
                     "{}");
    });
    if (refusal)
        return *refusal;
    return Done{};
}

}  // namespace meldpunt::service
