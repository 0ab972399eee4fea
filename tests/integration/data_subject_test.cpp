// Data subjects' requests (issue 15; GDPR art. 12, 15, 17, 18) at Focus, on both backends: Piët
// Bakker mailed a complaint that was handled and closed, is the representative on a second, open
// case, and an auto-reply from his address became no case; Piet the employee is the one a third case
// is about. The coordinator finds each person's cases (and only theirs), exports them as a ZIP that
// `unzip` and `pdftotext` read, extends the deadline once, erases what may be erased (the closed
// case, not the open one), restricts a case so that no step can be taken on it, lifts that again;
// the audit log records every step by the request's number and never the person's name.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/data_subject.hpp"
#include "service/directory.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/command_output.hpp"
#include "support/focus_complaint.hpp"
#include "support/mail_corpus.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

const auto at = meldpunt::testing::amsterdam_instant;
const auto corpus = meldpunt::testing::mail_corpus;

const auto output_of = meldpunt::testing::command_output;

// The archive read by Info-ZIP's unzip, an independent reader: its entries, and one entry's bytes.
struct Unzipped {
    std::string path;
    explicit Unzipped(const std::string& bytes)
        : path(::testing::TempDir() + "meldpunt-subject-" + std::to_string(getpid()) + ".zip") {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~Unzipped() { std::remove(path.c_str()); }
    std::string entries() const { return output_of("unzip -Z1 " + path); }
    std::string entry(const std::string& name) const {
        return output_of("unzip -p " + path + " '" + name + "'");
    }
    std::string pdf_text(const std::string& name) const {
        return output_of("unzip -p " + path + " '" + name + "' | pdftotext -layout - -");
    }
};

class DataSubjectTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        database_ = meldpunt::testing::fresh_database(GetParam());
        server_ = std::make_unique<meldpunt::testing::TestServer>(database_);
        server_->create_org("focus", "focus");
        const std::string anna = server_->create_user("focus", "anna@focus.nl", "manager");
        const std::string piet = server_->create_user("focus", "piet@focus.nl", "employee");
        server_->store().transact([](storage::Tx& tx) {
            tx.connection().query("UPDATE users SET name = 'Piet Smit' WHERE email = 'piet@focus.nl'");
        });
        const std::string els = server_->create_user("focus", "els@focus.nl", "quality_manager");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        service::Directory directory(server_->store());
        manager_ = *directory.authenticate(anna, server_->now());
        piet_ = *directory.authenticate(piet, server_->now());
        els_ = *directory.authenticate(els, server_->now());
    }

    service::DataSubjectDesk& desk() { return server_->subjects(); }

    void act(const service::Principal& who, const std::string& reference, const std::string& action,
             const std::string& when, std::map<std::string, std::string> fields) {
        server_->set_now(when);
        const auto r = cases_->act(who, "focus", reference, {action, when, std::move(fields)}, std::nullopt,
                                   server_->now());
        ASSERT_TRUE(r.ok()) << action << ": " << r.error().code;
    }

    // Piët Bakker's mailed complaint, with a reply and a document, closed on 4 January 2027.
    std::string closed_mailed_complaint() {
        const auto receipt = cases_->receive_mail("focus", corpus("outlook-windows-1252.eml"),
                                                  at("2026-12-02T09:05:00+01:00"));
        EXPECT_EQ(receipt.outcome, service::MailOutcome::new_case) << receipt.reason;
        const std::string reference = receipt.reference;
        act(manager_, reference, "assign", "2026-12-02T10:00:00+01:00", {{"handler", "piet@focus.nl"}});
        server_->set_now("2026-12-03T09:00:00+01:00");
        service::MessageInput reply;
        reply.body = "Beste heer Bakker, wij zoeken uit wat er met uw factuur is misgegaan.";
        reply.attachments.push_back(
            {"factuur-correctie.txt", "text/plain", "shared", "Correctie voor Bakker"});
        EXPECT_TRUE(cases_->send_message(piet_, "focus", reference, reply, server_->now()).ok());
        act(piet_, reference, "offer", "2026-12-07T10:00:00+01:00",
            {{"verdict", "gegrond"}, {"compensation", "genoegdoening"}, {"offer", "Wij crediteren € 125."}});
        act(piet_, reference, "accept", "2026-12-08T10:00:00+01:00", {{"satisfaction", "tevreden"}});
        act(piet_, reference, "record", "2026-12-09T10:00:00+01:00",
            {{"summary", "Factuur gecorrigeerd."},
             {"cause", "administratie of facturen"},
             {"cause_detail", "Dubbel gefactureerd."},
             {"nature", "incident"}});
        act(els_, reference, "close", "2027-01-04T10:00:00+01:00", {{"erp_reference", "ES-2026-991"}});
        return reference;
    }

    // A phone complaint taken in by Anna on `when`.
    std::string phone_complaint(const std::string& when, const std::string& name,
                                std::optional<std::string> representative, std::vector<std::string> about) {
        server_->set_now(when);
        service::IntakeInput input;
        input.kind = "complaint";
        input.channel = "phone";
        input.subject = "Afspraak gemist";
        input.description = "De coach kwam niet opdagen.";
        input.complainant.name = name;
        input.complainant.phone = "06 12345678";
        if (representative) {
            input.representative_name = *representative;
            input.representative_relation = "mantelzorger";
        }
        input.about = std::move(about);
        const auto r = cases_->intake(manager_, "focus", input, "", server_->now());
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
        return r.ok() ? r.value().stored.state.reference : "";
    }

    std::vector<std::string> found_references(int64_t id) {
        auto found = desk().find(manager_, "focus", id);
        EXPECT_TRUE(found.ok());
        std::vector<std::string> out;
        if (found.ok())
            for (const auto& c : found.value().cases)
                out.push_back(c.reference);
        return out;
    }

    std::string audit_text() {
        std::string all;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& e : tx.audit.entries(0, 10000))
                all += e.action + " " + e.subject + " " + e.detail + "\n";
        });
        return all;
    }

    std::string database_;
    std::unique_ptr<meldpunt::testing::TestServer> server_;
    service::Principal manager_, piet_, els_;
    service::ProcedureRegistry procedures_;
    const messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
};

TEST_P(DataSubjectTest, EveryCaseAboutAPersonIsFoundAndExportedAsOneArchive) {
    const std::string closed = closed_mailed_complaint();
    const std::string represented =
        phone_complaint("2027-01-11T10:00:00+01:00", "Marie Jansen", "Piët  bakker", {});
    const std::string about_piet =
        phone_complaint("2027-01-12T10:00:00+01:00", "Karel Visser", {}, {"piet@focus.nl"});
    const std::string unrelated = phone_complaint("2027-01-13T10:00:00+01:00", "Jan de Vries", {}, {});
    std::string auto_reply = corpus("auto-reply-rfc3834.eml");
    auto_reply.replace(auto_reply.find("Jan Klaassen <jan@example.com>"), 30,
                       "P. Bakker <piet.bakker@example.nl>");
    EXPECT_EQ(cases_->receive_mail("focus", auto_reply, at("2027-01-14T09:00:00+01:00")).outcome,
              service::MailOutcome::automatic);

    server_->set_now("2027-01-30T11:00:00+01:00");
    auto request = desk().register_request(
        manager_, "focus", {"Piët Bakker", "Piet.Bakker@Example.NL", "access", ""}, server_->now());
    ASSERT_TRUE(request.ok()) << request.error().code;
    const int64_t id = request.value().request.id;
    EXPECT_EQ(id, 1);
    EXPECT_EQ(request.value().request.person_email, "piet.bakker@example.nl");
    // One month from 30 January is Sunday 28 February: the answer is due on Monday 1 March.
    EXPECT_EQ(request.value().due.due, calendar::make_day(2027, 3, 1));
    EXPECT_FALSE(request.value().overdue);

    auto found = desk().find(manager_, "focus", id);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found.value().cases.size(), 2u);
    EXPECT_EQ(found.value().cases[0].reference, closed);
    EXPECT_EQ(found.value().cases[0].roles, (std::vector<std::string>{"complainant"}));
    EXPECT_GE(found.value().cases[0].documents, 2);  // the mail as received, the reply's file
    EXPECT_EQ(found.value().cases[1].reference, represented);
    EXPECT_EQ(found.value().cases[1].roles, (std::vector<std::string>{"representative"}));
    ASSERT_EQ(found.value().mail.size(), 1u);

    // The employee is found by the account the case is about, under his own request.
    auto employee = desk().register_request(manager_, "focus", {"", "piet@focus.nl", "access", "2027-01-29"},
                                            server_->now());
    ASSERT_TRUE(employee.ok());
    EXPECT_EQ(found_references(employee.value().request.id), (std::vector<std::string>{about_piet}));
    auto by_name =
        desk().register_request(manager_, "focus", {"piet smit", "", "access", ""}, server_->now());
    ASSERT_TRUE(by_name.ok());
    EXPECT_EQ(found_references(by_name.value().request.id), (std::vector<std::string>{about_piet}));

    // The export: a summary, the data and the files, read by unzip and pdftotext.
    auto exported = desk().export_archive(manager_, "focus", id, language_, server_->now());
    ASSERT_TRUE(exported.ok()) << exported.error().code;
    EXPECT_EQ(exported.value().file_name, "gegevens-verzoek-1.zip");
    const Unzipped zip(exported.value().bytes);
    const std::string entries = zip.entries();
    EXPECT_NE(entries.find("overzicht.pdf"), std::string::npos) << entries;
    EXPECT_NE(entries.find("gegevens.json"), std::string::npos) << entries;
    EXPECT_NE(entries.find("zaken/" + closed + "/documenten/"), std::string::npos) << entries;
    EXPECT_NE(entries.find("factuur-correctie.txt"), std::string::npos) << entries;
    EXPECT_NE(entries.find("zaken/" + closed + "/brieven/"), std::string::npos) << entries;
    EXPECT_NE(entries.find("e-mail/1.eml"), std::string::npos) << entries;
    EXPECT_EQ(entries.find(unrelated), std::string::npos);
    const auto file = entries.find("zaken/" + closed + "/documenten/");
    const auto file_end = entries.find('\n', file);
    ASSERT_NE(file, std::string::npos);
    const std::string first_document = entries.substr(file, file_end - file);
    const auto reply_file = entries.rfind('\n', entries.find("factuur-correctie.txt")) + 1;
    EXPECT_EQ(zip.entry(entries.substr(reply_file, entries.find('\n', reply_file) - reply_file)),
              "Correctie voor Bakker");
    // The e-mail's attachment, decoded, is the case's first document; the e-mail as it arrived is
    // kept byte for byte as well.
    EXPECT_EQ(first_document, "zaken/" + closed + "/documenten/d1 Factuur november €.pdf");
    EXPECT_EQ(zip.entry(first_document).rfind("%PDF-1.4", 0), 0u);
    const auto eml = entries.find(".eml", file);
    ASSERT_NE(eml, std::string::npos) << entries;
    const auto eml_start = entries.rfind('\n', eml) + 1;
    EXPECT_EQ(zip.entry(entries.substr(eml_start, eml + 4 - eml_start)), corpus("outlook-windows-1252.eml"));
    const std::string summary = zip.pdf_text("overzicht.pdf");
    EXPECT_NE(summary.find("Gegevens over Piët Bakker"), std::string::npos) << summary;
    EXPECT_NE(summary.find(closed), std::string::npos) << summary;
    EXPECT_NE(summary.find(represented), std::string::npos) << summary;
    EXPECT_NE(summary.find("piet.bakker@example.nl"), std::string::npos) << summary;
    const json data = json::parse(zip.entry("gegevens.json"), nullptr, false);
    ASSERT_TRUE(data.is_object());
    ASSERT_EQ(data["cases"].size(), 2u);
    EXPECT_EQ(data["cases"][0]["case"]["reference"], closed);
    EXPECT_EQ(data["cases"][0]["roles"][0], "complainant");
    EXPECT_FALSE(data["cases"][0]["messages"].empty());
    EXPECT_FALSE(data["cases"][0]["letters"].empty());
    EXPECT_EQ(data["mail"].size(), 1u);
    EXPECT_EQ(zip.entry("e-mail/1.eml").find("From: P. Bakker <piet.bakker@example.nl>"), 0u);

    // The deadline once extended by two months: 1 March + 2 months is Saturday 1 May, so Monday 3 May.
    auto extended = desk().extend(manager_, "focus", id, "Veel zaken en veel documenten.", server_->now());
    ASSERT_TRUE(extended.ok());
    EXPECT_EQ(extended.value().due.due, calendar::make_day(2027, 5, 3));
    auto again = desk().extend(manager_, "focus", id, "Nog eens.", server_->now());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().kind, service::ErrorKind::conflict);
    server_->set_now("2027-05-04T09:00:00+02:00");
    auto late = desk().request(manager_, "focus", id, server_->now());
    ASSERT_TRUE(late.ok());
    EXPECT_TRUE(late.value().overdue);
    EXPECT_EQ(late.value().days_left, -1);
    ASSERT_TRUE(
        desk()
            .decide(manager_, "focus", id, "granted", "Gegevens op 4 mei verstrekt.", {}, server_->now())
            .ok());
    late = desk().request(manager_, "focus", id, server_->now());
    EXPECT_FALSE(late.value().overdue);  // decided, so no longer waiting
    EXPECT_FALSE(desk().decide(manager_, "focus", id, "refused", "Toch niet.", {}, server_->now()).ok());

    // Every step audited by the request's number, never by name or address.
    const std::string audit = audit_text();
    for (const char* step : {"subject_request.register", "subject_request.export", "subject_request.extend",
                             "subject_request.decide"})
        EXPECT_NE(audit.find(step), std::string::npos) << step;
    for (const char* word : {"Bakker", "example.nl", "Smit", "Veel zaken"})
        EXPECT_EQ(audit.find(word), std::string::npos) << word;

    // Only whoever sees every case handles requests.
    auto refused = desk().register_request(piet_, "focus", {"Piët Bakker", "", "access", ""}, server_->now());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, service::ErrorKind::forbidden);
    EXPECT_FALSE(desk().find(piet_, "focus", id).ok());
}

TEST_P(DataSubjectTest, AnErasureAnonymisesTheClosedCasesAndARestrictionStopsEveryStep) {
    const std::string closed = closed_mailed_complaint();
    const std::string represented =
        phone_complaint("2027-01-11T10:00:00+01:00", "Marie Jansen", "Piët Bakker", {});
    std::string auto_reply = corpus("auto-reply-rfc3834.eml");
    auto_reply.replace(auto_reply.find("Jan Klaassen <jan@example.com>"), 30,
                       "P. Bakker <piet.bakker@example.nl>");
    cases_->receive_mail("focus", auto_reply, at("2027-01-14T09:00:00+01:00"));

    server_->set_now("2027-02-01T11:00:00+01:00");
    auto erasure = desk().register_request(
        manager_, "focus", {"Piët Bakker", "piet.bakker@example.nl", "erasure", ""}, server_->now());
    ASSERT_TRUE(erasure.ok());
    // A decision needs its words; an unknown outcome is refused; neither changes anything.
    EXPECT_EQ(
        desk()
            .decide(manager_, "focus", erasure.value().request.id, "granted", " ", {closed}, server_->now())
            .error()
            .field,
        "decision");
    EXPECT_EQ(
        desk()
            .decide(manager_, "focus", erasure.value().request.id, "maybe", "x", {closed}, server_->now())
            .error()
            .field,
        "outcome");
    auto done = desk().decide(manager_, "focus", erasure.value().request.id, "granted",
                              "Verwijderd waar dat kan; de lopende zaak loopt door.",
                              {closed, represented, "2099-000001"}, server_->now());
    ASSERT_TRUE(done.ok()) << done.error().code;
    EXPECT_EQ(done.value().erased, (std::vector<std::string>{closed}));
    EXPECT_EQ(done.value().skipped, (std::vector<std::string>{represented, "2099-000001"}));
    EXPECT_EQ(done.value().mail_destroyed, 1);
    std::optional<storage::StoredCase> gone, kept;
    int64_t mail_left = 0;
    server_->store().read([&](storage::Tx& tx) {
        gone = tx.cases.get("focus", closed);
        kept = tx.cases.get("focus", represented);
        mail_left =
            static_cast<int64_t>(tx.incoming_mail.loose_from("focus", "piet.bakker@example.nl", 10).size());
    });
    ASSERT_TRUE(gone && kept);
    EXPECT_TRUE(gone->state.anonymised_on);
    EXPECT_TRUE(gone->state.complainant.name.empty());
    EXPECT_EQ(gone->state.facts.at("verdict"), "gegrond");  // what the reports count stays
    EXPECT_FALSE(kept->state.anonymised_on);
    EXPECT_EQ(mail_left, 0);
    // On SQLite what was erased is overwritten in the file too (secure_delete), not left in free
    // pages: the document's bytes and the reply's words are nowhere in it.
    if (GetParam() == "sqlite") {
        // Everything written so far into the file, and the write-ahead log emptied (its old frames
        // are history, not what the register keeps).
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(database_.c_str(), &db), SQLITE_OK);
        sqlite3_busy_timeout(db, 10000);
        EXPECT_EQ(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        std::stringstream file;
        file << std::ifstream(database_, std::ios::binary).rdbuf();
        std::ifstream wal(database_ + "-wal", std::ios::binary);
        file << wal.rdbuf();
        ASSERT_GT(file.str().size(), 10000u);
        EXPECT_EQ(file.str().find("Correctie voor Bakker"), std::string::npos);
        EXPECT_EQ(file.str().find("wij zoeken uit wat er met uw factuur"), std::string::npos);
        EXPECT_NE(file.str().find("Marie Jansen"), std::string::npos);  // the case that stays
    }
    // What was erased is not found again.
    auto again = desk().register_request(
        manager_, "focus", {"Piët Bakker", "piet.bakker@example.nl", "restriction", ""}, server_->now());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(found_references(again.value().request.id), (std::vector<std::string>{represented}));

    // A restriction: no step can be taken on the case, by anyone of staff, until it is lifted.
    auto restricted =
        desk().decide(manager_, "focus", again.value().request.id, "granted",
                      "Beperkt zolang de juistheid wordt betwist.", {represented}, server_->now());
    ASSERT_TRUE(restricted.ok());
    EXPECT_EQ(restricted.value().restricted, (std::vector<std::string>{represented}));
    auto step =
        cases_->act(manager_, "focus", represented, {"assign", std::nullopt, {{"handler", "piet@focus.nl"}}},
                    std::nullopt, server_->now());
    ASSERT_FALSE(step.ok());
    EXPECT_EQ(step.error().code, "case_restricted");
    service::MessageInput note;
    note.body = "Even noteren.";
    note.visibility = "internal";
    EXPECT_EQ(cases_->send_message(manager_, "focus", represented, note, server_->now()).error().code,
              "case_restricted");
    EXPECT_EQ(cases_
                  ->upload(manager_, "focus", represented, {"notitie.txt", "text/plain", "internal", "x"},
                           server_->now())
                  .error()
                  .code,
              "case_restricted");
    service::CorrectionInput correction;
    correction.subject = "Ander onderwerp";
    EXPECT_EQ(cases_->correct(manager_, "focus", represented, correction, std::nullopt, server_->now())
                  .error()
                  .code,
              "case_restricted");
    // Nor can another case be merged into it: that would add to it what the duplicate held.
    const std::string duplicate = phone_complaint("2027-02-01T12:00:00+01:00", "Marie Jansen", {}, {});
    EXPECT_EQ(
        cases_->merge(manager_, "focus", duplicate, represented, std::nullopt, server_->now()).error().code,
        "case_restricted");
    auto found = desk().find(manager_, "focus", again.value().request.id);
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found.value().cases.at(0).restricted);
    const int64_t restricting = again.value().request.id;
    EXPECT_FALSE(desk().lift_restriction(manager_, "focus", restricting, closed, server_->now()).ok());
    // Only the request that restricted the case lifts it.
    EXPECT_FALSE(
        desk()
            .lift_restriction(manager_, "focus", erasure.value().request.id, represented, server_->now())
            .ok());
    ASSERT_TRUE(desk().lift_restriction(manager_, "focus", restricting, represented, server_->now()).ok());
    EXPECT_TRUE(cases_
                    ->act(manager_, "focus", represented,
                          {"assign", std::nullopt, {{"handler", "piet@focus.nl"}}}, std::nullopt,
                          server_->now())
                    .ok());

    const std::string audit = audit_text();
    EXPECT_NE(audit.find("case.anonymised " + closed + " {"), std::string::npos) << audit;
    EXPECT_NE(audit.find("case.restricted " + represented), std::string::npos);
    EXPECT_NE(audit.find("case.restriction_lifted " + represented), std::string::npos);
    for (const char* word : {"Bakker", "example.nl", "betwist"})
        EXPECT_EQ(audit.find(word), std::string::npos) << word;
}

// A restriction keeps a case from the retention purge, as a legal hold does (art. 18(1)(c)), and from
// the sweep's notices, which come when it is lifted; a namesake with another address is someone else.
TEST_P(DataSubjectTest, ARestrictedCaseIsNeitherPurgedNorSweptUntilItIsLifted) {
    const std::string closed = closed_mailed_complaint();  // kept until 4 January 2029
    const std::string open = phone_complaint("2027-01-18T10:00:00+01:00", "Piët Bakker", {}, {});
    server_->set_now("2027-01-18T11:00:00+01:00");
    // The same name with another address on a case of its own is someone else; a case with no address
    // is his by his name.
    service::IntakeInput namesake;
    namesake.kind = "complaint";
    namesake.channel = "phone";
    namesake.subject = "Parkeren";
    namesake.description = "Geen plek.";
    namesake.complainant = {"Piët Bakker", "andere.piet@example.nl", "", ""};
    const auto other = cases_->intake(manager_, "focus", namesake, "", server_->now());
    ASSERT_TRUE(other.ok());
    auto request = desk().register_request(
        manager_, "focus", {"Piët Bakker", "piet.bakker@example.nl", "restriction", ""}, server_->now());
    ASSERT_TRUE(request.ok());
    const int64_t id = request.value().request.id;
    EXPECT_EQ(found_references(id), (std::vector<std::string>{closed, open}));
    auto decided = desk().decide(manager_, "focus", id, "granted", "Betwist; bewaard voor een procedure.",
                                 {closed, open}, server_->now());
    ASSERT_TRUE(decided.ok());
    EXPECT_EQ(decided.value().restricted, (std::vector<std::string>{closed, open}));

    service::Sweeper sweeper(server_->store(), procedures_, language_);
    auto effects_of = [&](const std::string& reference) {
        int64_t n = 0;
        server_->store().read([&](storage::Tx& tx) {
            n = std::stoll(*tx.connection().query(
                "SELECT COUNT(*) FROM effects WHERE org = 'focus' AND reference = $1", {reference})[0][0]);
        });
        return n;
    };
    // The phone complaint's first deadlines pass: nobody is told while it is restricted.
    sweeper.sweep(at("2027-01-25T07:00:00+01:00"));
    EXPECT_EQ(effects_of(open), 0);
    // Its retention over (4 January 2029), the closed case is kept, as a hold keeps it; and the
    // request, decided more than the two years of retention ago, stays while its restriction holds.
    auto swept = sweeper.sweep(at("2029-01-20T01:00:00+01:00"));
    EXPECT_EQ(swept.anonymised, 0);
    EXPECT_EQ(swept.held, 1);
    server_->set_now("2029-01-20T09:00:00+01:00");
    EXPECT_TRUE(desk().request(manager_, "focus", id, server_->now()).ok());

    ASSERT_TRUE(desk().lift_restriction(manager_, "focus", id, open, server_->now()).ok());
    ASSERT_TRUE(desk().lift_restriction(manager_, "focus", id, closed, server_->now()).ok());
    swept = sweeper.sweep(at("2029-01-21T01:00:00+01:00"));
    EXPECT_EQ(swept.anonymised, 1);
    EXPECT_GT(effects_of(open), 0);                                            // told now
    EXPECT_FALSE(desk().request(manager_, "focus", id, server_->now()).ok());  // and the request is gone
}

INSTANTIATE_TEST_SUITE_P(Backends, DataSubjectTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
