#include "service/data_subject.hpp"

#include <algorithm>
#include <cctype>
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

bool letter_or_digit(char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80;
}

// Whether the name stands in the text as words of its own ("Jan" is not in "januari" or "Janssen").
bool mentions(const std::string& text, const std::string& folded_name) {
    if (folded_name.empty())
        return false;
    const std::string haystack = folded(text);
    for (auto at = haystack.find(folded_name); at != std::string::npos;
         at = haystack.find(folded_name, at + 1)) {
        const auto end = at + folded_name.size();
        if ((at == 0 || !letter_or_digit(haystack[at - 1])) &&
            (end == haystack.size() || !letter_or_digit(haystack[end])))
            return true;
    }
    return false;
}

// One party of a case is the person: by address where both the request and the case have one (a
// namesake with another address is someone else), else by name.
bool same_person(const std::string& name, const std::string& address, const std::string& folded_name,
                 const std::string& lower_email) {
    if (!lower_email.empty() && !support::trimmed(address).empty())
        return same_address(address, lower_email);
    return same_address(address, lower_email) || same_name(name, folded_name);
}

ServiceError refused(const char* code) {
    return ServiceError::with_message(ErrorKind::bad_request, code, std::string("api.") + code);
}

// `field` of the request, the decision or the extension does not do; the message says how it should.
ServiceError invalid(const char* field) {
    return ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                      std::string("api.subject_") + field, {}, field);
}

// What `work` answers in a transaction of `store` (a write when `write`), as of its last run (a
// transaction may run again): a refusal writes nothing.
template <typename T, typename Work>
Result<T> in_transaction(storage::Store& store, bool write, Work work) {
    std::optional<Result<T>> result;
    auto run = [&](storage::Tx& tx) {
        result.reset();
        result.emplace(work(tx));
    };
    if (write)
        store.transact(run);
    else
        store.read(run);
    return std::move(*result);
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
Result<RequestInForce> load_request(storage::Tx& tx, ProcedureRegistry& procedures, const Principal& who,
                                    const std::string& org, int64_t id) {
    auto procedure = procedure_for_keeper(tx, procedures, who, org);
    if (auto* e = procedure.failure())
        return *e;
    auto request = tx.subject_requests.get(org, id);
    if (!request)
        return ServiceError::not_found("subject_request");
    return RequestInForce{procedure.value(), std::move(*request)};
}

// At most this many candidates are read per way of finding them (4 x kMaxSubjectCases).
constexpr int kMaxCandidates = 4 * kMaxSubjectCases;
// At most this many e-mails that became no case are listed and exported.
constexpr int kMaxLooseMail = 1000;

// The cases a text search finds for `text` (names and addresses are in the register's index);
// false when it stopped at kMaxCandidates.
bool add_searched(storage::Tx& tx, const std::string& org, const std::string& text,
                  std::map<std::string, storage::StoredCase>& found) {
    if (text.empty())
        return true;
    storage::CaseQuery query;
    query.text = text;
    query.limit = 100;
    for (;;) {
        const auto page = tx.cases.list(org, query);
        for (const auto& stored : page)
            found.emplace(stored.state.reference, stored);
        if (static_cast<int>(page.size()) < query.limit)
            return true;
        if (static_cast<int>(found.size()) > kMaxCandidates)
            return false;
        query.after_reference = page.back().state.reference;
        query.after_received = calendar::unix_seconds(page.back().state.received_at);
    }
}

SubjectFindings find_in(storage::Tx& tx, const std::string& org, const storage::SubjectRequest& request) {
    const std::string name = folded(request.person_name);
    const std::string email = support::ascii_lowercase(request.person_email);
    std::map<std::string, storage::StoredCase> candidates;
    SubjectFindings findings;
    findings.more = !add_searched(tx, org, request.person_email, candidates);
    findings.more = !add_searched(tx, org, request.person_name, candidates) || findings.more;
    // The accounts that are the person: by address, or by name when the request gives no address
    // (a namesake among staff is someone else when it does).
    std::set<std::string> accounts;
    if (!email.empty())
        accounts.insert(email);
    else if (!name.empty())
        for (const auto& user : tx.accounts.users_of(org))
            if (same_name(user.name, name))
                accounts.insert(user.email);
    for (const auto& account : accounts) {
        const auto about = tx.cases.about_person(org, account, kMaxCandidates + 1);
        findings.more = findings.more || static_cast<int>(about.size()) > kMaxCandidates;
        for (const auto& reference : about)
            if (!candidates.contains(reference))
                if (auto stored = tx.cases.get(org, reference))
                    candidates.emplace(reference, std::move(*stored));
    }
    std::map<std::string, std::string> account_names;  // the accounts cases are about, by address
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
    if (!email.empty()) {
        findings.mail = tx.incoming_mail.loose_from(org, email, kMaxLooseMail + 1);
        if (static_cast<int>(findings.mail.size()) > kMaxLooseMail) {
            findings.mail.resize(kMaxLooseMail);
            findings.more = true;
        }
    }
    return findings;
}

std::string role_text(const messages::Catalogue& t, const std::vector<std::string>& roles) {
    std::string out;
    for (const auto& role : roles)
        out += (out.empty() ? "" : ", ") + t.text("subject.role." + role);
    return out;
}

// Whether the case is the person's own: they complained, or complained for someone.
bool own_case(const SubjectCase& found) {
    return std::any_of(found.roles.begin(), found.roles.end(), [](const std::string& role) {
        return role == "complainant" || role == "representative";
    });
}

// What the archive holds of one case. Of their own case: the case as staff see it, the
// conversation, the letters (as text in the JSON, as the PDF its reader got in the archive) and the
// documents (their bytes in the archive). Of a case that is about them or names them: what it says
// about them (the kind, the dates, whom it is about, the subject and description), not the
// complainant's contact details, conversation or files: those are someone else's (art. 15(4)); the
// coordinator adds what else applies.
nlohmann::ordered_json export_case(storage::Tx& tx, const CaseRecord& record, const SubjectCase& found,
                                   const messages::Catalogue& t, calendar::Day today,
                                   archive::ZipArchive& zip, int64_t& bytes) {
    const std::string& org = record.stored.org;
    const std::string& reference = found.reference;
    const std::string folder = "zaken/" + reference + "/";
    nlohmann::ordered_json out;
    out["roles"] = found.roles;
    out["subject"] = record.stored.subject;
    out["description"] = record.stored.description;
    if (!own_case(found)) {
        const auto& c = record.stored.state;
        out["case"] = {{"reference", reference},
                       {"kind", c.kind},
                       {"stage", c.stage},
                       {"received_on", calendar::format_day(c.received_on)},
                       {"closed_on", c.closed_on ? calendar::format_day(*c.closed_on) : ""},
                       {"reported_about", c.reported_about}};
        return out;
    }
    out["case"] = case_json(view_case(record, today), t);
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
    if (!c.complainant.anonymous && own_case(found)) {
        add("complainant_name", c.complainant.name);
        add("complainant_email", c.complainant.email);
        add("complainant_phone", c.complainant.phone);
        add("complainant_address", c.complainant.address);
    }
    if (c.representative && own_case(found)) {
        add("representative_name", c.representative->name);
        add("representative_email", c.representative->email);
    }
    add("reported_about", c.reported_about);
    table.rows.push_back({t.text("subject.export.closed"),
                          c.closed_on ? render::short_date(*c.closed_on, t) : t.text("subject.export.open")});
    return table;
}

ServiceError too_large() {
    return ServiceError::with_message(ErrorKind::conflict, "export_too_large",
                                      "api.subject_export_too_large");
}

// The archive of a request's findings, written a case at a time in one read transaction: the
// summary's tables and the JSON grow with it, the files go into the ZIP, and the size is checked
// before each file goes in.
class ExportWriter {
  public:
    ExportWriter(storage::Tx& tx, ProcedureRegistry& procedures, const messages::Catalogue& t,
                 const RequestInForce& loaded, sys_seconds now)
        : tx_(tx),
          procedures_(procedures),
          t_(t),
          request_(loaded.request),
          calendar_(loaded.procedure->calendar),
          today_(calendar_.local_day(now)),
          zip_(static_cast<std::time_t>(calendar::unix_seconds(now))) {}

    // The ZIP's bytes, or export_too_large.
    Result<std::string> write(const SubjectFindings& findings) {
        start_summary(findings);
        for (const auto& found : findings.cases)
            if (!add_case(found))
                return too_large();
        if (!add_mail(findings.mail))
            return too_large();
        zip_.add(t_.text("subject.export.summary_file"), pdf::render_tables(summary_));
        zip_.add(t_.text("subject.export.data_file"), data_.dump(2));
        return zip_.finish();
    }
    int64_t cases() const { return cases_; }

  private:
    void start_summary(const SubjectFindings& findings) {
        const auto& r = request_;
        const auto org = tx_.orgs.get(r.org);
        summary_.title =
            t_.text("subject.export.title", {r.person_name.empty() ? r.person_email : r.person_name});
        summary_.author = org ? org->name : r.org;
        summary_.lines = {
            t_.text("subject.export.request", {std::to_string(r.id), render::long_date(r.received_on, t_)}),
            t_.text("subject.export.made", {render::long_date(today_, t_)}),
            t_.text("subject.export.contents")};
        summary_.page_format = t_.text("pdf.page", {"{0}", "{1}"});  // filled in per page by the PDF
        summary_.tables.push_back(cases_table(findings, t_));
        data_ = {{"request",
                  {{"id", r.id},
                   {"right", r.right},
                   {"received_on", calendar::format_day(r.received_on)},
                   {"name", r.person_name},
                   {"email", r.person_email}}},
                 {"cases", nlohmann::ordered_json::array()},
                 {"mail", nlohmann::ordered_json::array()}};
    }

    // False when its files would make the archive too large.
    bool add_case(const SubjectCase& found) {
        const std::string& org = request_.org;
        auto stored = tx_.cases.get(org, found.reference);
        CaseRecord record;
        record.procedure = stored ? procedures_.get(tx_, org, stored->state.procedure_version) : nullptr;
        if (!record.procedure)
            return true;  // gone meanwhile, or of a version that no longer loads: nothing to add
        record.stored = std::move(*stored);
        record.letters = tx_.dossier.letters(org, found.reference);
        record.documents = tx_.dossier.documents(org, found.reference);
        record.messages = tx_.dossier.messages(org, found.reference);
        int64_t size = 0;
        if (own_case(found))
            for (const auto& document : record.documents)
                size += document.size;
        if (bytes_ + size > kMaxSubjectExportBytes)
            return false;
        data_["cases"].push_back(export_case(tx_, record, found, t_, today_, zip_, bytes_));
        summary_.tables.push_back(case_details(record, found, t_));
        ++cases_;
        return true;
    }

    // The e-mails as they arrived; false when they would make the archive too large.
    bool add_mail(const std::vector<storage::IncomingMailRecord>& mail) {
        if (mail.empty())
            return true;
        pdf::PdfTable table{t_.text("subject.export.mail"),
                            {t_.text("subject.export.received"), t_.text("subject.export.subject")}};
        int n = 0;
        for (const auto& m : mail) {
            if (bytes_ + m.size > kMaxSubjectExportBytes)
                return false;
            const sys_seconds received{std::chrono::seconds{m.received_at}};
            nlohmann::ordered_json json{{"received_at", calendar::format_instant(received)},
                                        {"subject", m.subject},
                                        {"outcome", m.outcome}};
            if (auto raw = m.raw_hash.empty() ? std::nullopt : tx_.incoming_mail.raw(m.raw_hash)) {
                const std::string file = "e-mail/" + std::to_string(++n) + ".eml";
                bytes_ += static_cast<int64_t>(raw->size());
                zip_.add(file, std::move(*raw));
                json["file"] = file;
            }
            data_["mail"].push_back(std::move(json));
            table.rows.push_back(
                {render::short_date(calendar_.local_day(received), t_), support::utf8_prefix(m.subject, 90)});
        }
        summary_.tables.push_back(std::move(table));
        return true;
    }

    storage::Tx& tx_;
    ProcedureRegistry& procedures_;
    const messages::Catalogue& t_;
    const storage::SubjectRequest& request_;
    const calendar::WorkingCalendar& calendar_;
    const calendar::Day today_;
    archive::ZipArchive zip_;
    pdf::TableDocument summary_;
    nlohmann::ordered_json data_;
    int64_t bytes_ = 0;
    int64_t cases_ = 0;
};

}  // namespace

std::vector<std::string> subject_roles(const storage::StoredCase& stored, const std::string& name,
                                       const std::string& email,
                                       const std::vector<std::string>& about_names) {
    const auto& c = stored.state;
    const std::string folded_name = folded(name);
    const std::string lower_email = support::ascii_lowercase(support::trimmed(email));
    std::vector<std::string> roles;
    if (!c.complainant.anonymous &&
        same_person(c.complainant.name, c.complainant.email, folded_name, lower_email))
        roles.push_back("complainant");
    if (c.representative &&
        same_person(c.representative->name, c.representative->email, folded_name, lower_email))
        roles.push_back("representative");
    // An account is the person by its address (every account has one).
    bool about = false;
    for (size_t i = 0; i < c.about.size(); ++i)
        about = about || same_person(i < about_names.size() ? about_names[i] : "", c.about[i], folded_name,
                                     lower_email);
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
        return invalid("name");
    if (!email.empty() && !support::is_mail_address(email))
        return invalid("email");
    if (std::find(std::begin(kSubjectRights), std::end(kSubjectRights), input.right) ==
        std::end(kSubjectRights))
        return invalid("right");
    std::optional<calendar::Day> received;
    if (!input.received.empty() && !(received = calendar::parse_day(support::trimmed(input.received))))
        return invalid("received");
    return in_transaction<SubjectRequestView>(
        store_, true, [&](storage::Tx& tx) -> Result<SubjectRequestView> {
            auto procedure = procedure_for_keeper(tx, procedures_, who, org);
            if (auto* e = procedure.failure())
                return *e;
            const auto& calendar = procedure.value()->calendar;
            const calendar::Day today = calendar.local_day(now);
            if (received && (*received > today || *received < today - std::chrono::days{366}))
                return invalid("received");
            storage::SubjectRequest request{org,         0,
                                            name,        email,
                                            input.right, received.value_or(today),
                                            who.email,   calendar::unix_seconds(now)};
            request.id = tx.subject_requests.insert(request);
            // The request's number and the right, never the person (the audit log outlives the request).
            append_audit(tx, request.registered_at, org, who.email, "subject_request.register", "",
                         nlohmann::json{{"request", request.id}, {"right", request.right}}.dump());
            return subject_request_view(request, calendar, today);
        });
}

Result<std::vector<SubjectRequestView>> DataSubjectDesk::requests(const Principal& who,
                                                                  const std::string& org, sys_seconds now) {
    using Views = std::vector<SubjectRequestView>;
    return in_transaction<Views>(store_, false, [&](storage::Tx& tx) -> Result<Views> {
        auto procedure = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = procedure.failure())
            return *e;
        const auto& calendar = procedure.value()->calendar;
        Views out;
        for (const auto& request : tx.subject_requests.all(org, 500))
            out.push_back(subject_request_view(request, calendar, calendar.local_day(now)));
        return out;
    });
}

Result<SubjectRequestView> DataSubjectDesk::request(const Principal& who, const std::string& org, int64_t id,
                                                    sys_seconds now) {
    return in_transaction<SubjectRequestView>(
        store_, false, [&](storage::Tx& tx) -> Result<SubjectRequestView> {
            auto loaded = load_request(tx, procedures_, who, org, id);
            if (auto* e = loaded.failure())
                return *e;
            const auto& calendar = loaded.value().procedure->calendar;
            return subject_request_view(loaded.value().request, calendar, calendar.local_day(now));
        });
}

Result<SubjectFindings> DataSubjectDesk::find(const Principal& who, const std::string& org, int64_t id) {
    return in_transaction<SubjectFindings>(store_, false, [&](storage::Tx& tx) -> Result<SubjectFindings> {
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure())
            return *e;
        return find_in(tx, org, loaded.value().request);
    });
}

Result<SubjectExport> DataSubjectDesk::export_archive(const Principal& who, const std::string& org,
                                                      int64_t id, const messages::Catalogue& t,
                                                      sys_seconds now) {
    int64_t cases = 0;
    auto made = in_transaction<SubjectExport>(store_, false, [&](storage::Tx& tx) -> Result<SubjectExport> {
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure())
            return *e;
        ExportWriter writer(tx, procedures_, t, loaded.value(), now);
        auto bytes = writer.write(find_in(tx, org, loaded.value().request));
        if (auto* e = bytes.failure())
            return *e;
        cases = writer.cases();
        return SubjectExport{t.text("subject.export.file_name", {std::to_string(id)}),
                             std::move(bytes.value())};
    });
    if (made.ok())
        store_.transact([&](storage::Tx& tx) {
            append_audit(tx, calendar::unix_seconds(now), org, who.email, "subject_request.export", "",
                         nlohmann::json{{"request", id}, {"cases", cases}}.dump());
        });
    return made;
}

Result<SubjectRequestView> DataSubjectDesk::extend(const Principal& who, const std::string& org, int64_t id,
                                                   const std::string& reason, sys_seconds now) {
    const std::string why = support::trimmed(reason);
    if (why.empty() || why.size() > kMaxSubjectText || !support::valid_text(why, true))
        return invalid("reason");
    return in_transaction<SubjectRequestView>(
        store_, true, [&](storage::Tx& tx) -> Result<SubjectRequestView> {
            auto loaded = load_request(tx, procedures_, who, org, id);
            if (auto* e = loaded.failure())
                return *e;
            auto request = loaded.value().request;
            if (!request.outcome.empty() || !request.extended_by.empty())
                return ServiceError::with_message(
                    ErrorKind::conflict, "subject_request_closed",
                    request.outcome.empty() ? "api.subject_extended_already" : "api.subject_decided_already");
            tx.subject_requests.extend(org, id, who.email, why);
            append_audit(tx, calendar::unix_seconds(now), org, who.email, "subject_request.extend", "",
                         nlohmann::json{{"request", id}}.dump());
            request.extended_by = who.email;
            request.extension_reason = why;
            const auto& calendar = loaded.value().procedure->calendar;
            return subject_request_view(request, calendar, calendar.local_day(now));
        });
}

Result<SubjectDecision> DataSubjectDesk::decide(const Principal& who, const std::string& org, int64_t id,
                                                const std::string& outcome, const std::string& decision,
                                                const std::vector<std::string>& references, sys_seconds now) {
    if (outcome != "granted" && outcome != "refused")
        return invalid("outcome");
    const std::string text = support::trimmed(decision);
    if (text.empty() || text.size() > kMaxSubjectText || !support::valid_text(text, true))
        return invalid("decision");
    return in_transaction<SubjectDecision>(store_, true, [&](storage::Tx& tx) -> Result<SubjectDecision> {
        auto loaded = load_request(tx, procedures_, who, org, id);
        if (auto* e = loaded.failure())
            return *e;
        const auto& request = loaded.value().request;
        if (!request.outcome.empty())
            return ServiceError::with_message(ErrorKind::conflict, "subject_request_closed",
                                              "api.subject_decided_already");
        SubjectDecision done{outcome};
        const int64_t at = calendar::unix_seconds(now);
        if (outcome == "granted" && request.right != "access")
            carry_out(tx, loaded.value(), references, who, now, done);
        tx.subject_requests.decide(org, id, outcome, text, who.email, at);
        append_audit(tx, at, org, who.email, "subject_request.decide", "",
                     nlohmann::json{{"request", id},
                                    {"outcome", outcome},
                                    {"erased", done.erased.size()},
                                    {"restricted", done.restricted.size()},
                                    {"mail", done.mail_destroyed}}
                         .dump());
        return done;
    });
}

void DataSubjectDesk::carry_out(storage::Tx& tx, const RequestInForce& loaded,
                                const std::vector<std::string>& references, const Principal& who,
                                sys_seconds now, SubjectDecision& done) {
    const auto& request = loaded.request;
    const std::string& org = request.org;
    const int64_t at = calendar::unix_seconds(now);
    const calendar::Day today = loaded.procedure->calendar.local_day(now);
    std::set<std::string> found;
    for (const auto& c : find_in(tx, org, request).cases)
        found.insert(c.reference);
    for (const auto& reference : std::set<std::string>(references.begin(), references.end())) {
        if (!found.contains(reference)) {
            done.skipped.push_back(reference);
            continue;
        }
        if (request.right == "restriction") {
            if (tx.subject_requests.restriction_of(org, reference)) {  // restricted already
                done.skipped.push_back(reference);
                continue;
            }
            tx.subject_requests.restrict_case(org, reference, request.id, at);
            append_audit(tx, at, org, who.email, "case.restricted", reference,
                         nlohmann::json{{"request", request.id}}.dump());
            done.restricted.push_back(reference);
            continue;
        }
        tx.retention.lock_case(org, reference);  // a hold placed meanwhile is seen
        auto stored = tx.cases.get(org, reference);
        auto procedure = stored ? procedures_.get(tx, org, stored->state.procedure_version) : nullptr;
        const auto hold = tx.retention.hold(org, reference);
        // An open case is closed first (withdrawn, or decided): erasing it would leave its procedure
        // half done. A legal hold outweighs the erasure (art. 17(3)(e)).
        if (!stored || !procedure || !stored->state.closed_on || (hold && hold->until >= today) ||
            !anonymise_case(tx, *procedure, *stored, today, now, who.email, {{"request", request.id}})) {
            done.skipped.push_back(reference);
            continue;
        }
        if (hold)
            tx.retention.lift_hold(org, reference);  // ended: its reason goes with the case
        done.erased.push_back(reference);
    }
    if (request.right == "erasure" && !request.person_email.empty())
        done.mail_destroyed = tx.retention.destroy_mail_from(org, request.person_email);
}

Result<Done> DataSubjectDesk::lift_restriction(const Principal& who, const std::string& org, int64_t id,
                                               const std::string& reference, sys_seconds now) {
    return in_transaction<Done>(store_, true, [&](storage::Tx& tx) -> Result<Done> {
        auto procedure = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = procedure.failure())
            return *e;
        // Only the request that restricted the case lifts it.
        if (tx.subject_requests.restriction_of(org, reference) != id ||
            !tx.subject_requests.lift_restriction(org, reference))
            return ServiceError::not_found("restriction");
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "case.restriction_lifted", reference,
                     nlohmann::json{{"request", id}}.dump());
        return Done{};
    });
}

}  // namespace meldpunt::service
