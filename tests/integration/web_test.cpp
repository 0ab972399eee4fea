// The web pages over real HTTP, on both backends: CSRF protection, the public form and the portal
// link, login throttling and its audit trail, session end and expiry, what a complainant may see of
// the dossier, and the security headers. (Whole journeys in a browser: tests/e2e/run.mjs.)
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>
#include <tuple>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "service/account_links.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/dossier_files.hpp"
#include "service/mail_settings.hpp"
#include "service/retention.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/smtp_server.hpp"
#include "support/test_server.hpp"
#include "support/webhook_receiver.hpp"
#include "web/web_request.hpp"
#include "workers/delivery.hpp"
#include "workers/webhook_delivery.hpp"

namespace {

using meldpunt::testing::http_request;
using meldpunt::testing::HttpResult;

const std::string kPassword = "correct horse battery staple";

// A browser's cookie jar over the test client.
class Browser {
  public:
    explicit Browser(int port) : port_(port) {}

    HttpResult get(const std::string& target) { return send("GET", target, "", ""); }
    HttpResult post_form(const std::string& target, const std::string& body) {
        return send("POST", target, "application/x-www-form-urlencoded", body);
    }
    // A form with files: each part is (name, value), or (name, value, file name) for a file.
    HttpResult post_multipart(const std::string& target,
                              const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
        std::string body;
        for (const auto& [name, value, filename] : parts) {
            body += "--MeldpuntGrens\r\nContent-Disposition: form-data; name=\"" + name + "\"";
            if (!filename.empty())
                body += "; filename=\"" + filename + "\"\r\nContent-Type: text/plain";
            body += "\r\n\r\n" + value + "\r\n";
        }
        body += "--MeldpuntGrens--\r\n";
        return send("POST", target, "multipart/form-data; boundary=MeldpuntGrens", body);
    }
    const std::string& cookie(const std::string& name) { return cookies_[name]; }
    void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }

  private:
    HttpResult send(const std::string& method, const std::string& target, const std::string& type,
                    const std::string& body) {
        std::vector<std::pair<std::string, std::string>> headers;
        std::string jar;
        for (const auto& [name, value] : cookies_)
            if (!value.empty())
                jar += (jar.empty() ? "" : "; ") + name + "=" + value;
        if (!jar.empty())
            headers.push_back({"Cookie", jar});
        if (!type.empty())
            headers.push_back({"Content-Type", type});
        auto result = http_request(port_, method, target, headers, body);
        for (const auto& header : result.set_cookies) {
            const auto eq = header.find('=');
            const auto end = header.find(';');
            cookies_[header.substr(0, eq)] = header.substr(eq + 1, end - eq - 1);
        }
        return result;
    }

    int port_;
    std::map<std::string, std::string> cookies_;
};

// A page's text as a reader sees it: tags dropped, the escapes the templates write undone,
// runs of white space one space.
std::string html_text(const std::string& html) {
    std::string text;
    bool in_tag = false;
    for (char ch : html) {
        if (ch == '<')
            in_tag = true;
        else if (ch == '>')
            in_tag = false;
        else if (!in_tag)
            text += ch;
    }
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
        for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
            text.replace(at, from.size(), to);
    return std::regex_replace(text, std::regex("\\s+"), " ");
}

std::string complaint_form(const std::string& csrf) {
    return "csrf=" + csrf +
           "&kind=complaint&subject=Coach+kwam+niet&description=Twee+keer+niet+op+de+afspraak"
           "&name=Jan+de+Vries&email=jan%40example.nl";
}

std::string replace_kind(std::string form, const std::string& kind) {
    const auto at = form.find("kind=complaint");
    return form.replace(at, 14, "kind=" + kind);
}

// The named parts of an XLSX workbook (a ZIP), read with Python's zipfile: an independent reader.
std::vector<std::string> xlsx_parts(const std::string& bytes, const std::vector<std::string>& names) {
    const std::string path = ::testing::TempDir() + "meldpunt-workbook-" + std::to_string(getpid()) + ".xlsx";
    std::ofstream(path, std::ios::binary) << bytes;
    std::vector<std::string> out;
    for (const auto& name : names) {
        const std::string command =
            "python3 -c \"import sys, zipfile; "
            "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())\" " +
            path + " " + name;
        std::string text;
        if (FILE* pipe = popen(command.c_str(), "r")) {
            char buffer[4096];
            for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
                text.append(buffer, n);
            pclose(pipe);
        }
        out.push_back(text);
    }
    std::remove(path.c_str());
    return out;
}

// The text of a PDF as pdftotext (poppler) reads it: an independent reader.
std::string pdf_text(const std::string& bytes) {
    const std::string path = ::testing::TempDir() + "meldpunt-report-" + std::to_string(getpid()) + ".pdf";
    std::ofstream(path, std::ios::binary) << bytes;
    std::string text;
    if (FILE* pipe = popen(("pdftotext -layout " + path + " -").c_str(), "r")) {
        char buffer[4096];
        for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
            text.append(buffer, n);
        pclose(pipe);
    }
    std::remove(path.c_str());
    return text;
}

class WebTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        server_->create_org("mos", "mos");
        token_ = server_->create_user("focus", "anna@focus.nl", "manager", "", kPassword);
    }

    int64_t cases() {
        int64_t n = 0;
        server_->store().read([&](meldpunt::storage::Tx& tx) { n = tx.cases.count(); });
        return n;
    }

    // Files a complaint on the public form; returns the portal path.
    std::string file_complaint(Browser& browser) {
        browser.get("/focus/klacht");
        auto r = browser.post_form("/focus/klacht", complaint_form(browser.cookie("mp_csrf")));
        EXPECT_EQ(r.status, 303) << r.body;
        const std::string location = r.headers["location"];
        return location.substr(0, location.rfind("/bevestiging"));
    }

    HttpResult login(Browser& browser, const std::string& password,
                     const std::string& email = "anna@focus.nl") {
        browser.get("/login");
        return browser.post_form("/login",
                                 "csrf=" + browser.cookie("mp_csrf") +
                                     "&org=focus&email=" + std::regex_replace(email, std::regex("@"), "%40") +
                                     "&password=" + std::regex_replace(password, std::regex(" "), "+"));
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string token_;
};

TEST_P(WebTest, PagesCarrySecurityHeadersAndAStrictCsrfCookie) {
    Browser browser(server_->port());
    auto r = browser.get("/focus/klacht");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
    EXPECT_NE(r.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(r.headers["x-frame-options"], "DENY");
    EXPECT_EQ(r.headers["cache-control"], "no-store");
    ASSERT_EQ(r.set_cookies.size(), 1u);
    EXPECT_NE(r.set_cookies[0].find("HttpOnly; SameSite=Strict"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"" + browser.cookie("mp_csrf") + "\""), std::string::npos);
    EXPECT_EQ(browser.get("/nergens/klacht").status, 404);
}

TEST_P(WebTest, AFormWithoutItsCsrfTokenIsRefusedAndFilesNothing) {
    Browser browser(server_->port());
    browser.get("/focus/klacht");
    EXPECT_EQ(browser.post_form("/focus/klacht", complaint_form("").substr(5)).status, 403);
    EXPECT_EQ(browser.post_form("/focus/klacht", complaint_form(std::string(64, 'a'))).status, 403);
    Browser stranger(server_->port());  // a cross-site form post: no cookie of ours at all
    EXPECT_EQ(stranger.post_form("/focus/klacht", complaint_form(browser.cookie("mp_csrf"))).status, 403);
    EXPECT_EQ(cases(), 0);
}

// Every form post of the web pages, whatever it does, is refused without its CSRF token: the list
// comes from the router, so a new route is checked the day it is added.
TEST_P(WebTest, EveryFormPostIsRefusedWithoutItsCsrfToken) {
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    std::string admin_id;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        admin_id = tx.accounts.user_by_email("focus", "beheer@focus.nl")->id;
    });
    Browser browser(server_->port());
    const std::string portal = file_complaint(browser);
    const std::string token = portal.substr(portal.rfind('/') + 1);
    ASSERT_EQ(login(browser, kPassword, "beheer@focus.nl").status, 303);
    auto audit_entries = [&] {
        int64_t n = 0;
        server_->store().read([&](meldpunt::storage::Tx& tx) { n = tx.audit.entries(0, 100000).size(); });
        return n;
    };
    const int64_t before = audit_entries();
    const std::map<std::string, std::string> values{
        {"{org}", "focus"}, {"{reference}", "2027-000001"}, {"{token}", token}, {"{id}", admin_id},
        {"{version}", "1"}, {"{period}", "2026"},           {"{number}", "1"}};
    int checked = 0;
    for (std::string path : server_->router().patterns("POST")) {
        if (path.rfind("/api/", 0) == 0)
            continue;  // the API takes bearer tokens, never cookies
        for (const auto& [placeholder, value] : values)
            if (auto at = path.find(placeholder); at != std::string::npos)
                path.replace(at, placeholder.size(), value);
        ASSERT_EQ(path.find('{'), std::string::npos) << path;
        const std::string fields =
            "&action=withdraw&how=written&op=grant&role=manager&active=false&password=lang+genoeg+wachtwoord"
            "&message=Hallo&org=focus&email=anna%40focus.nl&kind=complaint&subject=S&description=D&name=N";
        EXPECT_EQ(browser.post_form(path, "csrf=" + std::string(64, 'a') + fields).status, 403) << path;
        EXPECT_EQ(browser.post_form(path, fields.substr(1)).status, 403) << path;
        ++checked;
    }
    EXPECT_GE(checked, 13);
    EXPECT_EQ(audit_entries(), before);
    EXPECT_EQ(cases(), 1);
    EXPECT_EQ(browser.get("/werk").status, 200);  // still logged in: not even logout went through
}

// The routes declare which of them take files; only those may send a body over the small limit,
// whatever their path looks like.
TEST_P(WebTest, OnlyRoutesThatTakeFilesMayBeLarge) {
    const auto& router = server_->router();
    for (const char* target :
         {"/api/v1/orgs/focus/cases/2027-000001/documents?name=a.pdf", "/focus/klacht",
          "/focus/portaal/abc/bericht", "/werk/zaken/2027-000001/berichten", "/werk/beheer/procedure"})
        EXPECT_TRUE(router.accepts_files("POST", target)) << target;
    for (const char* target : {"/api/v1/orgs/focus/cases", "/api/v1/orgs/focus/cases/2027-000001/actions",
                               "/werk/zaken/2027-000001/actie", "/focus/portaal/abc/actie", "/login",
                               "/api/v1/documents", "/nergens/bestaat/niet", "/focus/klacht%ZZ"})
        EXPECT_FALSE(router.accepts_files("POST", target)) << target;
    EXPECT_FALSE(router.accepts_files("GET", "/werk/zaken/2027-000001/documents/d1"));
    EXPECT_FALSE(router.accepts_files("PUT", "/focus/klacht"));
}

// A page a member of staff may see sends anyone else to the login page; an administrator's page
// refuses other staff; a portal page answers 404 without a valid link. Declared per route, done by
// the binder before any handler runs.
TEST_P(WebTest, RoutesLetInOnlyWhomTheyDeclare) {
    Browser stranger(server_->port());
    for (const char* path :
         {"/werk", "/werk/zaken", "/werk/nieuw", "/werk/beheer", "/werk/zaken/2027-000001"}) {
        auto r = stranger.get(path);
        EXPECT_EQ(r.status, 303) << path;
        EXPECT_EQ(r.headers["location"], "/login") << path;
    }
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_EQ(anna.get("/werk").status, 200);
    EXPECT_EQ(anna.get("/werk/beheer").status, 403);
    EXPECT_EQ(anna.get("/focus/portaal/" + std::string(64, '0')).status, 404);
}

TEST_P(WebTest, AnIncompleteFormIsShownAgainWithEverythingTyped) {
    Browser browser(server_->port());
    browser.get("/focus/klacht");
    auto r = browser.post_form("/focus/klacht", "csrf=" + browser.cookie("mp_csrf") +
                                                    "&kind=complaint&subject=Coach+kwam+niet&name=Jan");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("value=\"Coach kwam niet\""), std::string::npos);
    EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(r.body.find("Beschrijf wat er is gebeurd."), std::string::npos);
    EXPECT_EQ(cases(), 0);
}

TEST_P(WebTest, APortalLinkOpensItsOwnCaseOnly) {
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    ASSERT_EQ(portal.rfind("/focus/portaal/", 0), 0u);
    auto page = complainant.get(portal);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("2027-000001"), std::string::npos);
    EXPECT_NE(complainant.get(portal + "/bevestiging").body.find("2027-000001"), std::string::npos);
    const std::string token = portal.substr(portal.rfind('/') + 1);
    EXPECT_EQ(complainant.get("/mos/portaal/" + token).status, 404);
    EXPECT_EQ(complainant.get("/focus/portaal/" + std::string(64, '0')).status, 404);
    EXPECT_EQ(complainant.get("/focus/portaal/kort").status, 404);
}

// The portal's message form: a message becomes a shared document; an empty one is refused and
// the portal shown again.
// Staff are told of what the complainant adds after filing, once per post; the files of the
// filing itself are part of the filing and tell nobody.
TEST_P(WebTest, OnePortalPostIsOneNoticeAndTheFilesOfAFilingAreNone) {
    Browser complainant(server_->port());
    complainant.get("/focus/klacht");
    const std::string csrf = complainant.cookie("mp_csrf");
    auto filed =
        complainant.post_multipart("/focus/klacht", {{"csrf", csrf, ""},
                                                     {"kind", "complaint", ""},
                                                     {"subject", "Coach kwam niet", ""},
                                                     {"description", "Twee keer niet op de afspraak", ""},
                                                     {"name", "Jan de Vries", ""},
                                                     {"email", "jan@example.nl", ""},
                                                     {"attachments", "Mijn agenda", "agenda.txt"},
                                                     {"attachments", "De mail", "mail.txt"}});
    ASSERT_EQ(filed.status, 303) << filed.body;
    const std::string location = filed.headers["location"];
    const std::string portal = location.substr(0, location.rfind("/bevestiging"));
    auto notices = [&] {
        int n = 0;
        server_->store().read([&](meldpunt::storage::Tx& tx) {
            for (const auto& d : tx.outbox.of_case("focus", "2027-000001"))
                n += d.cause.rfind("from_complainant:", 0) == 0;
        });
        return n;
    };
    EXPECT_EQ(notices(), 0);
    auto sent = complainant.post_multipart(
        portal + "/bericht",
        {{"csrf", csrf, ""}, {"message", "Hier nog een foto", ""}, {"file", "foto", "foto.txt"}});
    EXPECT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(notices(), 1);  // to the manager, whom Focus's running deadlines tell
}

// Staff read the timeline in sentences with people by name and recorded values in words; the
// complainant reads "u" and "wij" and no names of staff (issue 12, plain language).
TEST_P(WebTest, TheTimelineTellsWhatHappenedInSentences) {
    server_->create_user("focus", "karin@focus.nl", "employee");  // named "karin"
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    ASSERT_EQ(complainant
                  .post_form(portal + "/bericht",
                             "csrf=" + complainant.cookie("mp_csrf") + "&message=Ik+ben+bereikbaar")
                  .status,
              303);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";
    ASSERT_EQ(anna.post_form(case_path + "/actie",
                             "csrf=" + anna.cookie("mp_csrf") + "&action=assign&handler=karin%40focus.nl")
                  .status,
              303);
    // An internal note: staff read of it, the complainant does not.
    ASSERT_EQ(anna.post_multipart(case_path + "/berichten", {{"csrf", anna.cookie("mp_csrf"), ""},
                                                             {"message", "Klager belt liever na vijven", ""},
                                                             {"visibility", "internal", ""}})
                  .status,
              303);
    const auto body = anna.get(case_path).body;
    const auto page = html_text(body);
    EXPECT_NE(page.find("De klager diende de zaak in (Webformulier)."), std::string::npos) << page;
    EXPECT_NE(page.find("anna schreef een interne notitie."), std::string::npos) << page;
    EXPECT_NE(page.find("De klager stuurde een bericht."), std::string::npos) << page;
    EXPECT_NE(page.find("Afhandelaar aanwijzen, door anna. De zaak is nu: In behandeling."),
              std::string::npos)
        << page;
    EXPECT_NE(body.find("<li>Afhandelaar: karin</li>"), std::string::npos) << body;  // the value by name
    EXPECT_NE(body.find("<dd id=\"handler\">karin</dd>"), std::string::npos);
    EXPECT_EQ(page.find("visibility"), std::string::npos);
    EXPECT_EQ(page.find("→"), std::string::npos);
    // A choice the engine knows is offered in words: "mondeling", not "oral".
    EXPECT_NE(body.find("<option value=\"oral\">mondeling</option>"), std::string::npos) << body;
    const auto own = html_text(complainant.get(portal).body);
    EXPECT_NE(own.find("U diende uw zaak in (Webformulier)."), std::string::npos) << own;
    EXPECT_NE(own.find("U stuurde ons een bericht."), std::string::npos) << own;
    EXPECT_NE(own.find("Uw zaak is nu: In behandeling."), std::string::npos) << own;
    EXPECT_EQ(own.find(", door "), std::string::npos);  // no member of staff named
    EXPECT_EQ(own.find("notitie"), std::string::npos) << own;
    EXPECT_EQ(own.find("na vijven"), std::string::npos) << own;
    EXPECT_EQ(own.find("d2"), std::string::npos);
    EXPECT_EQ(own.find("een document"), std::string::npos);
}

// The portal speaks to the complainant: what they wrote, only the deadlines promised to them, the
// offer above the buttons that answer it, buttons in their voice, and only the steps that still
// apply (issue 12).
TEST_P(WebTest, ThePortalShowsTheOfferAboveTheAnswersInTheComplainantsWords) {
    server_->create_user("focus", "karin@focus.nl", "employee", "", kPassword);
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    auto own = complainant.get(portal).body;
    EXPECT_NE(html_text(own).find("Wat u ons schreefTwee keer niet op de afspraak"), std::string::npos)
        << own;
    EXPECT_EQ(own.find("Melding aan de leidinggevende"), std::string::npos);  // the organisation's own work
    EXPECT_NE(own.find("Contact met de klager"), std::string::npos);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";
    EXPECT_NE(anna.get(case_path).body.find("Melding aan de leidinggevende"),
              std::string::npos);  // staff see it
    auto act = [&](Browser& who, const std::string& fields) {
        return who.post_form(case_path + "/actie", "csrf=" + who.cookie("mp_csrf") + "&" + fields).status;
    };
    ASSERT_EQ(act(anna, "action=assign&handler=karin%40focus.nl"), 303);
    Browser karin(server_->port());
    ASSERT_EQ(login(karin, kPassword, "karin@focus.nl").status, 303);
    ASSERT_EQ(act(karin, "action=contact&contact_method=telefonisch"), 303);
    ASSERT_EQ(
        act(karin,
            "action=offer&verdict=gegrond&compensation=genoegdoening&offer=Een+nieuwe+afspraak+deze+week"),
        303);
    own = complainant.get(portal).body;
    const auto response = own.find("Onze reactie aan u");
    const auto answers = own.find("id=\"actions-heading\"");
    ASSERT_NE(response, std::string::npos) << own;
    ASSERT_NE(answers, std::string::npos);
    EXPECT_LT(response, answers);  // the offer above the buttons
    const auto offer = html_text(own.substr(response, answers - response));
    EXPECT_NE(offer.find("Oordeelgegrond"), std::string::npos) << offer;
    EXPECT_NE(offer.find("AanbodEen nieuwe afspraak deze week"), std::string::npos) << offer;
    EXPECT_NE(own.find(">Ik ga akkoord met het voorstel</button>"), std::string::npos) << own;
    EXPECT_NE(own.find(">Ik ga niet akkoord met het voorstel</button>"), std::string::npos);
    EXPECT_NE(own.find(">Ik trek mijn klacht in</button>"), std::string::npos);
    EXPECT_NE(own.find("<input type=\"hidden\" name=\"how\" value=\"written\">"), std::string::npos);
    EXPECT_EQ(own.find(">oral<"), std::string::npos);
    // Once the offer is accepted, withdrawing is no longer a step that applies.
    ASSERT_EQ(complainant
                  .post_form(portal + "/actie",
                             "csrf=" + complainant.cookie("mp_csrf") + "&action=accept&satisfaction=tevreden")
                  .status,
              303);
    own = complainant.get(portal).body;
    EXPECT_EQ(own.find("Ik trek mijn klacht in"), std::string::npos) << own;
    EXPECT_NE(own.find("Onze reactie aan u"), std::string::npos);  // what was agreed stays in view
}

// The dashboard puts first what needs doing today: deadlines passed or near (within the
// procedure's reminder period), and the cases that wait for a step of this person's role; each list
// is short and links to the register for all of it.
TEST_P(WebTest, TheDashboardPutsFirstWhatNeedsDoingToday) {
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    for (int i = 0; i < 11; ++i)
        ASSERT_EQ(
            anna.post_form("/werk/nieuw", "csrf=" + anna.cookie("mp_csrf") +
                                              "&kind=complaint&channel=phone&subject=Gebeld+" +
                                              std::to_string(i) + "&description=Zie+notitie&name=Bakker")
                .status,
            303);
    auto page = anna.get("/werk").body;
    const auto today = page.find("Vandaag te doen");
    const auto mine = page.find("Mijn zaken");
    ASSERT_NE(today, std::string::npos) << page;
    EXPECT_LT(today, mine);
    // A manager assigns each new complaint: all eleven wait for her, ten are listed. Once assigned,
    // a case waits for its handler, not for her (that she may still withdraw it is no step waiting).
    EXPECT_NE(page.find("Wacht op een stap van u (11)"), std::string::npos) << page;
    ASSERT_EQ(anna.post_form("/werk/zaken/2027-000001/actie",
                             "csrf=" + anna.cookie("mp_csrf") + "&action=assign&handler=anna%40focus.nl")
                  .status,
              303);
    page = anna.get("/werk").body;
    EXPECT_NE(page.find("Wacht op een stap van u (10)"), std::string::npos) << page;
    server_->set_now("2027-03-01T09:00:00+01:00");  // every deadline has passed
    ASSERT_EQ(login(anna, kPassword).status, 303);
    page = anna.get("/werk").body;
    EXPECT_NE(page.find("Termijn verlopen (11)"), std::string::npos) << page;
    const auto overdue = page.find("id=\"list-overdue\"");
    const auto listed = page.substr(overdue, page.find("</section>", overdue) - overdue);
    size_t items = 0;
    for (auto at = listed.find("<li>"); at != std::string::npos; at = listed.find("<li>", at + 1))
        ++items;
    EXPECT_EQ(items, 10u);
    EXPECT_NE(listed.find("zaken?overdue=true&amp;sort=due\">Alle zaken van deze lijst in het register"),
              std::string::npos)
        << listed;
}

TEST_P(WebTest, AComplainantSendsAMessageInThePortal) {
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    auto empty = complainant.post_form(portal + "/bericht",
                                       "csrf=" + complainant.cookie("mp_csrf") + "&message=+%0D%0A");
    EXPECT_EQ(empty.status, 422);
    EXPECT_NE(empty.body.find("Er was niets om te versturen"), std::string::npos);
    auto sent = complainant.post_form(portal + "/bericht",
                                      "csrf=" + complainant.cookie("mp_csrf") + "&message=Ik+ben+bereikbaar");
    EXPECT_EQ(sent.status, 303);
    std::vector<meldpunt::storage::MessageRecord> messages;
    server_->store().read(
        [&](meldpunt::storage::Tx& tx) { messages = tx.dossier.messages("focus", "2027-000001"); });
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].author, "complainant");
    EXPECT_EQ(messages[0].visibility, "shared");
    EXPECT_EQ(messages[0].body, "Ik ben bereikbaar");
}

// What complainants send from one address is held to a daily quota (issue 15): the public form
// refuses files beyond it before it files a case, and so does the portal. The bytes sent earlier
// today are recorded as the service records them.
TEST_P(WebTest, FilesFromOneAddressAreHeldToADailyQuota) {
    const int64_t at = meldpunt::calendar::unix_seconds(server_->now());
    server_->store().transact([&](meldpunt::storage::Tx& tx) {
        tx.throttling.record_public_upload("127.0.0.1", meldpunt::service::kMaxPublicUploadBytes - 3, at);
    });
    Browser complainant(server_->port());
    complainant.get("/focus/klacht");
    auto r = complainant.post_multipart("/focus/klacht", {{"csrf", complainant.cookie("mp_csrf"), ""},
                                                          {"kind", "complaint", ""},
                                                          {"subject", "Coach kwam niet", ""},
                                                          {"description", "Twee keer niet", ""},
                                                          {"name", "Jan de Vries", ""},
                                                          {"email", "jan@example.nl", ""},
                                                          {"file", "foto", "foto.txt"}});
    EXPECT_NE(r.status, 303);
    EXPECT_NE(r.body.find("het meeste dat wij per dag aannemen"), std::string::npos) << r.body;
    server_->store().read(
        [&](meldpunt::storage::Tx& tx) { EXPECT_FALSE(tx.cases.get("focus", "2027-000001")); });
    // Without the file the complaint is filed; the portal then refuses the file as well.
    const std::string portal = file_complaint(complainant);
    r = complainant.post_multipart(portal + "/bericht", {{"csrf", complainant.cookie("mp_csrf"), ""},
                                                         {"message", "Hier de foto", ""},
                                                         {"file", "foto", "foto.txt"}});
    EXPECT_EQ(r.status, 429);
    EXPECT_NE(r.body.find("het meeste dat wij per dag aannemen"), std::string::npos) << r.body;
    // Three bytes still fit.
    EXPECT_EQ(complainant
                  .post_multipart(portal + "/bericht", {{"csrf", complainant.cookie("mp_csrf"), ""},
                                                        {"message", "Hier de foto", ""},
                                                        {"file", "abc", "foto.txt"}})
                  .status,
              303);
}

// The conversation is one thread on the case page and in the portal (issue 12): the complainant's
// message with its attachment beside it, marked new for staff until they open the case and listed
// on the dashboard until then; a reply reaches the complainant in the portal and by e-mail; an
// internal note stays among staff; letters sit in the same thread.
TEST_P(WebTest, TheConversationIsOneThreadWithUnreadMarkers) {
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    ASSERT_EQ(
        complainant
            .post_multipart(portal + "/bericht", {{"csrf", complainant.cookie("mp_csrf"), ""},
                                                  {"message", "Hierbij de <b>foto</b> van de brief", ""},
                                                  {"file", "inhoud", "brief-foto.txt"}})
            .status,
        303);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";

    auto dashboard = anna.get("/werk").body;
    const auto new_list = dashboard.substr(dashboard.find("id=\"list-new-messages\""));
    EXPECT_NE(new_list.find("href=\"/werk/zaken/2027-000001#gesprek\""), std::string::npos) << new_list;
    EXPECT_NE(new_list.find("1 nieuw"), std::string::npos);

    auto body = anna.get(case_path).body;
    const auto thread = body.substr(body.find("id=\"gesprek\""));
    EXPECT_NE(thread.find("<strong>De klager</strong>"), std::string::npos) << thread;
    EXPECT_NE(thread.find("Hierbij de &lt;b&gt;foto&lt;&#x2F;b&gt; van de brief"), std::string::npos)
        << thread;
    EXPECT_NE(thread.find("<span class=\"badge new\">nieuw</span>"), std::string::npos);
    EXPECT_NE(thread.find("Bijlagen: <a href=\"/werk/zaken/2027-000001/documents/d1\">brief-foto.txt</a>"),
              std::string::npos)
        << thread;
    // Seen once: no longer new, and off the dashboard.
    body = anna.get(case_path).body;
    EXPECT_EQ(body.find("badge new"), std::string::npos);
    dashboard = anna.get("/werk").body;
    EXPECT_EQ(dashboard.find("2027-000001#gesprek"), std::string::npos);

    // A reply to the complainant and an internal note.
    ASSERT_EQ(anna.post_multipart(case_path + "/berichten", {{"csrf", anna.cookie("mp_csrf"), ""},
                                                             {"message", "Dank u, wij bellen u morgen.", ""},
                                                             {"visibility", "shared", ""}})
                  .status,
              303);
    ASSERT_EQ(anna.post_multipart(case_path + "/berichten", {{"csrf", anna.cookie("mp_csrf"), ""},
                                                             {"message", "Eerst de planning nakijken.", ""},
                                                             {"visibility", "internal", ""},
                                                             {"file", "rooster", "rooster.txt"}})
                  .status,
              303);
    body = anna.get(case_path).body;
    EXPECT_NE(body.find("Interne notitie"), std::string::npos);
    EXPECT_EQ(body.find("badge new"), std::string::npos);  // one's own messages are never new to one

    const auto own = complainant.get(portal).body;
    const auto own_thread = own.substr(own.find("id=\"berichten\""));
    EXPECT_NE(own_thread.find("<strong>U</strong>"), std::string::npos) << own_thread;
    EXPECT_NE(own_thread.find("<strong>Wij</strong>"), std::string::npos);
    EXPECT_NE(own_thread.find("Dank u, wij bellen u morgen."), std::string::npos);
    EXPECT_EQ(own.find("planning nakijken"), std::string::npos);
    EXPECT_EQ(own.find("anna"), std::string::npos);
    // The note's attachment stays with staff: not listed for the complainant, nor opened by its link.
    EXPECT_EQ(own.find("rooster.txt"), std::string::npos);
    EXPECT_EQ(complainant.get(portal + "/documents/d2").status, 404);
    EXPECT_EQ(anna.get(case_path + "/documents/d2").body, "rooster");
    EXPECT_NE(own_thread.find(portal.substr(portal.rfind('/') + 1) + "/documents/d1\">brief-foto.txt"),
              std::string::npos)
        << own_thread;

    // The reply is mailed to the complainant with their portal link; the note is mailed to nobody.
    std::vector<meldpunt::storage::Delivery> replies;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", "2027-000001"))
            if (d.cause.rfind("message:", 0) == 0)
                replies.push_back(d);
    });
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].cause, "message:2");
    EXPECT_EQ(replies[0].recipient, "jan@example.nl");
    EXPECT_NE(replies[0].body.find("Beste Jan de Vries,"), std::string::npos) << replies[0].body;
    EXPECT_NE(replies[0].body.find("Dank u, wij bellen u morgen."), std::string::npos);

    // Through the API too, with the thread in the case's JSON; a message of nothing is refused.
    const auto api = [&](const std::string& method, const std::string& path, const std::string& json_text) {
        return http_request(server_->port(), method, "/api/v1/orgs/focus/cases/2027-000001" + path,
                            {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                            json_text);
    };
    const auto nothing = api("POST", "/messages", R"({"body":"  "})");
    EXPECT_EQ(nothing.status, 422) << nothing.body;
    EXPECT_EQ(api("POST", "/messages", R"({"body":"x","visibility":"all"})").status, 400);
    EXPECT_EQ(api("POST", "/messages", R"({"body":3})").status, 400);
    EXPECT_EQ(api("POST", "/messages", R"(["body"])").status, 400);
    auto posted = api("POST", "/messages", R"({"body":"Via de API","visibility":"internal"})");
    ASSERT_EQ(posted.status, 201) << posted.body;
    const auto json = nlohmann::json::parse(api("GET", "", "").body);
    ASSERT_EQ(json["messages"].size(), 4u);
    EXPECT_EQ(json["messages"][0]["author"], "complainant");
    EXPECT_EQ(json["messages"][0]["documents"], nlohmann::json::array({"d1"}));
    EXPECT_EQ(json["messages"][3]["id"], "m4");
    EXPECT_EQ(json["messages"][3]["visibility"], "internal");
}

// The dashboard's new messages are those on cases the reader may see: an employee who handles one
// of two cases with unread messages finds only that one (003 §Werkwijze 3: the rights come with
// the assignment).
// The reports (issue 13): the periods of the procedure's cadence, one period's figures in tables
// with charts drawn as SVG images that name what they show, each figure beside the previous
// period's; no script. Only those who see every case read them.
TEST_P(WebTest, AMeasureIsProposedFromACaseDecidedAndShownOnTheCase) {
    Browser complainant(server_->port());
    file_complaint(complainant);
    std::string reference;
    server_->store().read(
        [&](meldpunt::storage::Tx& tx) { reference = tx.cases.list("focus", {}).front().state.reference; });
    server_->create_user("focus", "els@focus.nl", "quality_manager", "", kPassword);
    server_->create_user("focus", "otto@focus.nl", "employee", "", kPassword);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const auto flattened = [](const std::string& html) {
        return std::regex_replace(html, std::regex("\\s+"), " ");
    };
    auto case_page = anna.get("/werk/zaken/" + reference);
    ASSERT_EQ(case_page.status, 200);
    EXPECT_NE(case_page.body.find("Deze zaak heeft (nog) niet tot een verbetermaatregel geleid."),
              std::string::npos);
    EXPECT_NE(case_page.body.find("Een verbetermaatregel voorstellen naar aanleiding van deze zaak"),
              std::string::npos);
    auto form = anna.get("/werk/maatregelen/nieuw?zaak=" + reference);
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_NE(form.body.find("value=\"" + reference + "\""), std::string::npos);
    const std::string csrf = "csrf=" + anna.cookie("mp_csrf");
    const std::string fields =
        "&title=Gedeelde+agenda+voor+coaches&reason=Afspraak+gemist&cases=" + reference +
        "&causes=planning+of+agenda&unit=&owner=&due=";
    // A due day that is no date, and a missing title: refused in words, what was typed kept.
    auto bad_due = anna.post_form("/werk/maatregelen/nieuw", csrf + fields + "morgen");
    EXPECT_EQ(bad_due.status, 400);
    EXPECT_NE(bad_due.body.find("geen geldige datum"), std::string::npos) << bad_due.body;
    EXPECT_NE(bad_due.body.find("value=\"Gedeelde agenda voor coaches\""), std::string::npos);
    auto untitled = anna.post_form("/werk/maatregelen/nieuw", csrf + "&title=&cases=" + reference);
    EXPECT_EQ(untitled.status, 422);
    EXPECT_NE(untitled.body.find("beschrijf wat er verandert"), std::string::npos) << untitled.body;
    auto proposed = anna.post_form("/werk/maatregelen/nieuw", csrf + fields);
    ASSERT_EQ(proposed.status, 303) << proposed.body;
    EXPECT_EQ(proposed.headers["location"], "/werk/maatregelen/1?voorgesteld=1");
    auto page = anna.get("/werk/maatregelen/1?voorgesteld=1");
    ASSERT_EQ(page.status, 200);
    std::string text = flattened(page.body);
    EXPECT_NE(text.find("<h1>Maatregel 1: Gedeelde agenda voor coaches</h1>"), std::string::npos) << text;
    EXPECT_NE(text.find("De maatregel is voorgesteld."), std::string::npos);
    EXPECT_NE(text.find(">" + reference + "</a>"), std::string::npos);
    EXPECT_NE(text.find("<li>planning of agenda</li>"), std::string::npos);
    EXPECT_EQ(text.find("Besluiten tot deze maatregel"),
              std::string::npos);                                   // a manager of Focus proposes only
    EXPECT_NE(text.find("Maatregel wijzigen"), std::string::npos);  // and corrects their proposal
    auto list = flattened(anna.get("/werk/maatregelen").body);
    EXPECT_NE(list.find("Gedeelde agenda voor coaches</td>"), std::string::npos) << list;
    EXPECT_NE(list.find("Er zijn nog geen afgeronde verbetermaatregelen."), std::string::npos);
    EXPECT_EQ(list.find(">Onderdeel<"), std::string::npos);  // Focus has no units to name
    EXPECT_NE(anna.get("/werk/zaken/" + reference).body.find("Maatregel 1</a>: Gedeelde agenda voor coaches"),
              std::string::npos);

    // The quality manager decides once an owner and a due day are chosen.
    Browser els(server_->port());
    ASSERT_EQ(login(els, kPassword, "els@focus.nl").status, 303);
    const std::string els_csrf = "csrf=" + els.cookie("mp_csrf");
    const auto waiting = flattened(els.get("/werk").body);  // on the dashboard, for a decision
    EXPECT_NE(waiting.find(
                  "Maatregel 1</a> Gedeelde agenda voor coaches <span class=\"hint\">wacht op een besluit"),
              std::string::npos)
        << waiting;
    auto early = els.post_form("/werk/maatregelen/1/stap", els_csrf + "&step=decide&version=1");
    EXPECT_EQ(early.status, 422);
    EXPECT_NE(early.body.find("kies wie de maatregel uitvoert"), std::string::npos) << early.body;
    auto edited = els.post_form("/werk/maatregelen/1",
                                els_csrf +
                                    "&version=1&title=Gedeelde+agenda+voor+coaches"
                                    "&reason=Afspraak+gemist&cases=" +
                                    reference +
                                    "&causes=planning+of+agenda&unit=&owner=otto%40focus.nl&due=2027-04-29");
    ASSERT_EQ(edited.status, 303) << edited.body;
    auto stale = els.post_form("/werk/maatregelen/1/stap", els_csrf + "&step=decide&version=1");
    EXPECT_EQ(stale.status, 412);
    ASSERT_EQ(els.post_form("/werk/maatregelen/1/stap", els_csrf + "&step=decide&version=2").status, 303);
    text = flattened(els.get("/werk/maatregelen/1").body);
    EXPECT_NE(text.find("<dd id=\"measure-status\">besloten</dd>"), std::string::npos) << text;
    EXPECT_NE(text.find("donderdag 29 april 2027"), std::string::npos);
    EXPECT_NE(text.find("Niet uitvoeren"), std::string::npos);

    // The owner sees their measure and its steps; an employee proposes nothing.
    Browser otto(server_->port());
    ASSERT_EQ(login(otto, kPassword, "otto@focus.nl").status, 303);
    EXPECT_NE(otto.get("/werk/maatregelen/1").body.find("Uitgevoerd"), std::string::npos);
    EXPECT_NE(flattened(otto.get("/werk").body)
                  .find("Gedeelde agenda voor coaches <span class=\"hint\">klaar op donderdag 29 april 2027"),
              std::string::npos);
    EXPECT_EQ(otto.get("/werk/maatregelen/nieuw").status, 403);
    auto english = otto.get("/werk/maatregelen?lang=en");
    EXPECT_NE(english.body.find("Improvement measures"), std::string::npos);
    for (const char* path : {"/werk/maatregelen/abc", "/werk/maatregelen/2", "/werk/maatregelen/0",
                             "/werk/maatregelen/99999999999999999999"})
        EXPECT_EQ(anna.get(path).status, 404) << path;
    EXPECT_EQ(els.post_form("/werk/maatregelen/1/stap", els_csrf + "&step=fly").status, 400);
}

TEST_P(WebTest, AReportShowsThePeriodsFiguresInTablesAndChartsToThoseWhoSeeEveryCase) {
    Browser complainant(server_->port());
    file_complaint(complainant);
    file_complaint(complainant);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    auto list = anna.get("/werk/rapportages");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find("Per jaar"), std::string::npos);
    EXPECT_NE(list.body.find("href=\"&#x2F;werk&#x2F;rapportages&#x2F;2027\""), std::string::npos)
        << list.body;
    EXPECT_NE(list.body.find("loopt nog"), std::string::npos);  // 2027 is running on 20 January
    auto page = anna.get("/werk/rapportages/2027");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto flattened = [](const std::string& html) {
        return std::regex_replace(html, std::regex("\\s+"), " ");
    };
    const std::string text = flattened(page.body);
    EXPECT_NE(text.find("<h1>Rapportage 2027</h1>"), std::string::npos);
    EXPECT_NE(text.find("1 januari 2027 tot en met vrijdag 31 december 2027"), std::string::npos) << text;
    EXPECT_NE(text.find("voorlopig"), std::string::npos);
    EXPECT_NE(
        text.find("<th scope=\"row\">Ontvangen</th><td class=\"number\">2</td><td class=\"number\">0</td>"),
        std::string::npos);
    EXPECT_NE(text.find("<th scope=\"row\">januari</th><td class=\"number\">2</td>"), std::string::npos);
    EXPECT_NE(text.find("<th scope=\"row\">waarvan te laat ingediend (recht op klagen verlopen)</th><td "
                        "class=\"number\">0</td>"),
              std::string::npos);
    EXPECT_NE(text.find("<th scope=\"row\">Verbetermaatregelen besloten</th><td class=\"number\">0</td>"),
              std::string::npos);
    EXPECT_NE(text.find("<th scope=\"row\">Webformulier</th><td class=\"number\">2</td>"), std::string::npos);
    EXPECT_NE(text.find("role=\"img\" viewBox"), std::string::npos);
    EXPECT_NE(text.find("<title id=\"per-month-chart-title\">Ontvangen per maand</title>"),
              std::string::npos);
    EXPECT_NE(text.find("<title id=\"timeliness-chart-title\">"), std::string::npos);
    EXPECT_EQ(page.body.find("<script"), std::string::npos);
    // The version to publish hides the two complaints (×): fewer than 5, wherever they are counted.
    EXPECT_NE(text.find("href=\"&#x2F;werk&#x2F;rapportages&#x2F;2027&#x2F;publicatie\""), std::string::npos);
    auto published = anna.get("/werk/rapportages/2027/publicatie");
    ASSERT_EQ(published.status, 200) << published.body;
    const std::string shown = flattened(published.body);
    EXPECT_NE(shown.find("<th scope=\"row\">Ontvangen</th><td class=\"number\">×</td>"), std::string::npos)
        << shown;
    EXPECT_NE(shown.find("<th scope=\"row\">Webformulier</th><td class=\"number\">×</td>"),
              std::string::npos);
    EXPECT_NE(shown.find("<th scope=\"row\">januari</th><td class=\"number\">×</td>"), std::string::npos);
    EXPECT_EQ(shown.find("class=\"number\">2<"), std::string::npos);
    EXPECT_EQ(shown.find("Jan de Vries"), std::string::npos);
    // The same report as an Excel workbook: a sheet per table, numbers as numbers, dates as dates.
    auto workbook = anna.get("/werk/rapportages/2027/rapportage.xlsx");
    ASSERT_EQ(workbook.status, 200);
    EXPECT_EQ(workbook.headers["content-type"],
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(workbook.headers["content-disposition"].find("rapportage-2027.xlsx"), std::string::npos);
    const auto parts = xlsx_parts(workbook.body, {"xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                                  "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"});
    for (const char* sheet :
         {"Periode", "Kerncijfers", "Termijnen", "Ontvangen per maand", "Binnengekomen via", "Oordeel"})
        EXPECT_NE(parts[0].find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
    // Ontvangen: 2 (a number, not text), beside 0 for 2026.
    EXPECT_NE(parts[2].find("<c r=\"B2\"><v>2</v></c><c r=\"C2\"><v>0</v></c>"), std::string::npos)
        << parts[2];
    // The first day, 1 January 2027, as Excel's day number 46388 with a date format.
    EXPECT_TRUE(std::regex_search(parts[1], std::regex("<c r=\"B2\" s=\"[0-9]+\"><v>46388</v></c>")))
        << parts[1];
    EXPECT_NE(parts[3].find("Ontvangen"), std::string::npos);
    // And as a PDF with the same tables.
    auto pdf = anna.get("/werk/rapportages/2027/rapportage.pdf");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    EXPECT_NE(pdf.headers["content-disposition"].find("rapportage-2027.pdf"), std::string::npos);
    const std::string printed = pdf_text(pdf.body);
    EXPECT_NE(printed.find("Rapportage 2027"), std::string::npos) << printed;
    EXPECT_TRUE(std::regex_search(printed, std::regex("Ontvangen +2 +0"))) << printed;
    EXPECT_TRUE(std::regex_search(printed, std::regex("Webformulier +2 +0"))) << printed;
    EXPECT_NE(printed.find("Pagina 1 van"), std::string::npos) << printed;
    auto unknown = anna.get("/werk/rapportages/2027-Q1");  // Focus reports yearly
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body.find("geen rapportage"), std::string::npos) << unknown.body;
    auto english = anna.get("/werk/rapportages/2027?lang=en");
    EXPECT_NE(flattened(english.body).find("<th scope=\"row\">Received</th>"), std::string::npos);
    server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    Browser piet(server_->port());
    ASSERT_EQ(login(piet, kPassword, "piet@focus.nl").status, 303);
    auto refused = piet.get("/werk/rapportages/2027");
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("alle zaken van de organisatie"), std::string::npos);
    EXPECT_EQ(piet.get("/werk/rapportages").status, 403);
    EXPECT_EQ(piet.get("/werk/rapportages/2027/publicatie").status, 403);
    EXPECT_EQ(piet.get("/werk/rapportages/2027/rapportage.xlsx").status, 403);
    EXPECT_EQ(piet.get("/werk/rapportages/2027/rapportage.pdf").status, 403);
    EXPECT_EQ(piet.post_form("/werk/rapportages/2026/uitbrengen", "csrf=" + piet.cookie("mp_csrf")).status,
              403);
    // A period that is none, however it is written, is a page that says so (a NUL in an address is
    // refused before any page: 400).
    EXPECT_EQ(anna.get("/werk/rapportages/2027%00").status, 400);
    const std::vector<std::string> wrongs{"..%2F..%2Fetc", "2027-Q1%3Cscript%3E", std::string(3000, '9')};
    for (const auto& wrong : wrongs) {
        auto r = anna.get("/werk/rapportages/" + wrong);
        EXPECT_EQ(r.status, 404) << wrong;
        EXPECT_EQ(r.body.find("<script"), std::string::npos);
        EXPECT_EQ(anna.get("/werk/rapportages/" + wrong + "/rapportage.xlsx").status, 404) << wrong;
    }
}

// Once the year has ended its report is issued from the page; a later change (a complaint merged
// into the other as a duplicate) shows as a difference from what was issued.
TEST_P(WebTest, AnIssuedReportShowsWhatChangedSince) {
    Browser complainant(server_->port());
    file_complaint(complainant);
    file_complaint(complainant);
    server_->set_now("2028-01-10T10:00:00+01:00");
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    auto page = anna.get("/werk/rapportages/2027");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Rapportage uitbrengen"), std::string::npos);
    auto issued = anna.post_form("/werk/rapportages/2027/uitbrengen", "csrf=" + anna.cookie("mp_csrf"));
    ASSERT_EQ(issued.status, 303) << issued.body;
    page = anna.get("/werk/rapportages/2027");
    EXPECT_NE(page.body.find("id=\"issued\""), std::string::npos);
    EXPECT_NE(page.body.find("geen cijfer veranderd"), std::string::npos);
    EXPECT_EQ(page.body.find("Rapportage uitbrengen"), std::string::npos);  // once
    EXPECT_EQ(http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/2027-000002/merge",
                           {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                           R"({"into":"2027-000001"})")
                  .status,
              200);
    page = anna.get("/werk/rapportages/2027");
    EXPECT_NE(page.body.find("<li>Ontvangen: 2 → 1</li>"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("<li>Dubbel gemeld en samengevoegd: 0 → 1</li>"), std::string::npos);
    // Without the form's token nothing is issued (and a second issue changes nothing).
    EXPECT_EQ(anna.post_form("/werk/rapportages/2027/uitbrengen", "csrf=wrong").status, 403);
}

TEST_P(WebTest, TheDashboardListsNewMessagesOnlyOnCasesOneSees) {
    server_->create_user("focus", "karin@focus.nl", "employee", "", kPassword);
    Browser complainant(server_->port());
    const std::string first = file_complaint(complainant);
    const std::string second = file_complaint(complainant);
    for (const auto& portal : {first, second})
        ASSERT_EQ(complainant
                      .post_multipart(portal + "/bericht", {{"csrf", complainant.cookie("mp_csrf"), ""},
                                                            {"message", "Wanneer hoor ik iets?", ""}})
                      .status,
                  303);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    ASSERT_EQ(anna.post_form("/werk/zaken/2027-000001/actie",
                             "csrf=" + anna.cookie("mp_csrf") + "&action=assign&handler=karin%40focus.nl")
                  .status,
              303);
    // Anna, who sees all, has both; Karin only the one she handles.
    auto list_of = [](const std::string& page) {
        const auto at = page.find("id=\"list-new-messages\"");
        return at == std::string::npos ? std::string() : page.substr(at, page.find("</section>", at) - at);
    };
    const auto annas = list_of(anna.get("/werk").body);
    EXPECT_NE(annas.find("2027-000001#gesprek"), std::string::npos) << annas;
    EXPECT_NE(annas.find("2027-000002#gesprek"), std::string::npos);
    Browser karin(server_->port());
    ASSERT_EQ(login(karin, kPassword, "karin@focus.nl").status, 303);
    const auto karins = list_of(karin.get("/werk").body);
    EXPECT_NE(karins.find("2027-000001#gesprek"), std::string::npos) << karins;
    EXPECT_EQ(karins.find("2027-000002"), std::string::npos);
    EXPECT_EQ(karin.get("/werk/zaken/2027-000002").status, 404);
}

// Staff correct what was registered wrongly (issue 12): the change is on the timeline and in the
// audit log by the names of the fields, the register finds the case by the new address and no
// longer by the old one, and the procedure's rules still hold (the handler is never whom it is about).
TEST_P(WebTest, StaffCorrectTheDetailsOfACase) {
    server_->create_user("focus", "karin@focus.nl", "employee");
    Browser complainant(server_->port());
    file_complaint(complainant);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";
    const auto csrf = [&] { return "csrf=" + anna.cookie("mp_csrf"); };
    ASSERT_EQ(anna.post_form(case_path + "/actie", csrf() + "&action=assign&handler=karin%40focus.nl").status,
              303);
    auto page = anna.get(case_path).body;
    EXPECT_NE(page.find("id=\"fix-name\" name=\"name\" value=\"Jan de Vries\""), std::string::npos) << page;
    const auto version = [&] {
        const auto body = anna.get(case_path).body;
        const auto at = body.find("name=\"version\" value=\"", body.find("id=\"gegevens\""));
        return body.substr(at + 22, body.find('"', at + 22) - at - 22);
    };
    const auto form = [&](const std::string& email, const std::string& about) {
        return csrf() + "&version=" + version() +
               "&subject=Coach+kwam+twee+keer+niet&description=Twee+keer+niet+op+de+afspraak&name=Jan+de+"
               "Vries"
               "&email=" +
               email + "&phone=&address=Dorpsstraat+1%0D%0A1234+AB+Ergens&reported_about=&about_shown=1" +
               about;
    };
    auto saved = anna.post_form(case_path + "/gegevens", form("j.devries%40example.nl", ""));
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.headers["location"], case_path + "?gecorrigeerd=1");
    page = html_text(anna.get(case_path + "?gecorrigeerd=1").body);
    EXPECT_NE(page.find("De gegevens zijn gecorrigeerd."), std::string::npos);
    EXPECT_NE(
        page.find(
            "anna corrigeerde de gegevens: onderwerp, e-mailadres van de klager, postadres van de klager."),
        std::string::npos)
        << page;
    EXPECT_NE(page.find("Coach kwam twee keer niet"), std::string::npos);
    // The register's search follows.
    EXPECT_NE(anna.get("/werk/zaken?q=j.devries%40example.nl").body.find(">2027-000001</a></td>"),
              std::string::npos);
    EXPECT_EQ(anna.get("/werk/zaken?q=jan%40example.nl").body.find(">2027-000001</a></td>"),
              std::string::npos);
    // The audit log names the fields, not the new address.
    std::string detail;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& entry : tx.audit.entries(0, 100000))
            if (entry.action == "case.correct")
                detail = entry.detail;
    });
    EXPECT_NE(detail.find("subject,email,address"), std::string::npos) << detail;
    EXPECT_EQ(detail.find("devries"), std::string::npos) << detail;

    // Nothing changed; the handler as whom it is about (003 §Werkwijze 1); a stale form; a bad address.
    auto same = anna.post_form(case_path + "/gegevens", form("j.devries%40example.nl", ""));
    EXPECT_EQ(same.status, 422);
    EXPECT_NE(same.body.find("s niets gewijzigd: de gegevens waren al zo"), std::string::npos);
    auto about_handler =
        anna.post_form(case_path + "/gegevens", form("j.devries%40example.nl", "&about=karin%40focus.nl"));
    EXPECT_EQ(about_handler.status, 422);
    EXPECT_NE(html_text(about_handler.body).find("Dit kan niet volgens de klachtenregeling"),
              std::string::npos);
    auto stale =
        anna.post_form(case_path + "/gegevens", csrf() + "&version=1&subject=Ander+onderwerp&about_shown=1");
    EXPECT_EQ(stale.status, 412);
    EXPECT_NE(html_text(stale.body).find("Iemand anders heeft deze zaak intussen gewijzigd"),
              std::string::npos);
    EXPECT_EQ(anna.post_form(case_path + "/gegevens", form("geen-adres", "")).status, 400);

    // Through the API: only what is given changes.
    auto patched = http_request(server_->port(), "PATCH", "/api/v1/orgs/focus/cases/2027-000001",
                                {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                                R"({"complainant":{"phone":"06-12345678"}})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    const auto json = nlohmann::json::parse(patched.body);
    EXPECT_EQ(json["complainant"]["phone"], "06-12345678");
    EXPECT_EQ(json["complainant"]["email"], "j.devries@example.nl");
    EXPECT_EQ(json["subject"], "Coach kwam twee keer niet");
    EXPECT_EQ(http_request(server_->port(), "PATCH", "/api/v1/orgs/focus/cases/2027-000001",
                           {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                           R"({"complainant":{"phone":6}})")
                  .status,
              400);
}

// A complaint that came in twice is handled once (issue 12, case housekeeping): the duplicate is
// merged into the first, closes and points there; the first keeps what the duplicate said and its
// documents, for staff only; the duplicate's complainant is told in the portal and by e-mail.
TEST_P(WebTest, ADuplicateIsMergedIntoItsCase) {
    Browser complainant(server_->port());
    const std::string first_portal = file_complaint(complainant);
    const std::string portal = file_complaint(complainant);  // the same complaint again
    ASSERT_EQ(complainant
                  .post_multipart(portal + "/bericht", {{"csrf", complainant.cookie("mp_csrf"), ""},
                                                        {"message", "Nog een foto van de afspraakkaart", ""},
                                                        {"file", "kaart-inhoud", "afspraakkaart.txt"}})
                  .status,
              303);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string first = "/werk/zaken/2027-000001";
    const std::string duplicate = "/werk/zaken/2027-000002";
    const auto csrf = [&] { return "csrf=" + anna.cookie("mp_csrf"); };

    // The same complainant's other open case is offered; the case itself is not.
    auto page = anna.get(duplicate).body;
    const auto form = page.substr(page.find("id=\"samenvoegen\""));
    EXPECT_NE(form.find("id=\"merge-2027-000001\" name=\"into\" value=\"2027-000001\""), std::string::npos)
        << form;
    EXPECT_EQ(form.find("merge-2027-000002"), std::string::npos);
    const auto at = form.find("name=\"version\" value=\"");
    const std::string version = form.substr(at + 22, form.find('"', at + 22) - at - 22);

    // Not without the tick that says the case closes; then merged.
    auto unticked =
        anna.post_form(duplicate + "/samenvoegen", csrf() + "&version=" + version + "&into=2027-000001");
    EXPECT_EQ(unticked.status, 422);
    EXPECT_NE(html_text(unticked.body).find("Vink aan dat u begrijpt"), std::string::npos);
    auto merged = anna.post_form(duplicate + "/samenvoegen",
                                 csrf() + "&version=" + version + "&into=2027-000001&into_typed=&confirm=1");
    ASSERT_EQ(merged.status, 303) << html_text(merged.body);
    EXPECT_EQ(merged.headers["location"], duplicate + "?samengevoegd=1");

    // The duplicate: closed, pointing to the first, nothing more to do with it.
    page = anna.get(duplicate + "?samengevoegd=1").body;
    auto text = html_text(page);
    EXPECT_NE(text.find("De zaak is samengevoegd."), std::string::npos);
    EXPECT_NE(page.find("Deze zaak is samengevoegd met zaak <a href=\"/werk/zaken/2027-000001\">"),
              std::string::npos);
    EXPECT_NE(text.find("anna voegde deze zaak samen met zaak 2027-000001: de behandeling gaat daar verder."),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("U kunt in deze fase niets doen met deze zaak."), std::string::npos);
    EXPECT_EQ(page.find("id=\"samenvoegen\""), std::string::npos);
    EXPECT_EQ(page.find("id=\"gegevens\""), std::string::npos);
    EXPECT_EQ(page.find("/berichten\""), std::string::npos);
    EXPECT_NE(html_text(anna.get("/werk/zaken").body).find("Samengevoegd met 2027-000001"),
              std::string::npos);
    std::optional<meldpunt::storage::StoredCase> stored;
    server_->store().read([&](meldpunt::storage::Tx& tx) { stored = tx.cases.get("focus", "2027-000002"); });
    ASSERT_TRUE(stored);
    EXPECT_FALSE(stored->next_due);   // off the overdue lists
    EXPECT_FALSE(stored->review_on);  // the sweep has nothing more to do with it
    EXPECT_TRUE(stored->state.closed_on);

    // The first: the duplicate named, what it said as an internal note, its file copied.
    page = anna.get(first).body;
    text = html_text(page);
    EXPECT_NE(page.find("id=\"merged-from\"><a href=\"/werk/zaken/2027-000002\">2027-000002</a>"),
              std::string::npos);
    EXPECT_NE(text.find("anna voegde zaak 2027-000002 hierbij (dubbele melding)"), std::string::npos) << text;
    const auto thread = text.substr(text.find("Gesprek en brieven"));
    EXPECT_NE(
        thread.find("Interne notitie Samengevoegd uit zaak 2027-000002 (dubbele melding), ontvangen op"),
        std::string::npos)
        << thread;
    EXPECT_NE(thread.find("Onderwerp: Coach kwam niet"), std::string::npos);
    EXPECT_NE(thread.find("Bericht van de klager,"), std::string::npos);
    EXPECT_NE(thread.find("Nog een foto van de afspraakkaart"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"/werk/zaken/2027-000001/documents/d1\">afspraakkaart.txt</a>"),
              std::string::npos);
    const auto copy = anna.get(first + "/documents/d1");
    EXPECT_EQ(copy.status, 200);
    EXPECT_EQ(copy.body, "kaart-inhoud");

    // The complainant of the duplicate reads why, in the portal and by e-mail, and writes there no more.
    auto own = complainant.get(portal).body;
    text = html_text(own);
    EXPECT_NE(text.find("Wij behandelen deze melding samen met melding 2027-000001"), std::string::npos)
        << text;
    EXPECT_NE(text.find("Wij behandelen ze daarom samen, onder nummer 2027-000001."), std::string::npos);
    EXPECT_NE(text.find("Wij voegden uw melding samen met melding 2027-000001."), std::string::npos);
    EXPECT_EQ(own.find("action=\"" + portal + "/bericht\""), std::string::npos);
    auto late = complainant.post_multipart(
        portal + "/bericht", {{"csrf", complainant.cookie("mp_csrf"), ""}, {"message", "Nog iets", ""}});
    EXPECT_EQ(late.status, 409);
    EXPECT_NE(html_text(late.body).find("samengevoegd met zaak 2027-000001"), std::string::npos);
    std::vector<meldpunt::storage::Delivery> told;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", "2027-000002"))
            if (d.cause.rfind("message:", 0) == 0)
                told.push_back(d);
    });
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].recipient, "jan@example.nl");
    EXPECT_NE(told[0].body.find("onder nummer 2027-000001"), std::string::npos) << told[0].body;
    // The first case's portal says nothing of another case: it might have been someone else's.
    EXPECT_EQ(complainant.get(first_portal).body.find("2027-000002"), std::string::npos);

    // Through the API: refused with a reason, the JSON names both ends.
    const auto api = [&](const std::string& reference, const std::string& json_text) {
        return http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/merge",
                            {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                            json_text);
    };
    EXPECT_EQ(api("2027-000002", R"({"into":"2027-000001"})").status, 409);
    const auto into_merged = api("2027-000001", R"({"into":"2027-000002"})");
    EXPECT_EQ(into_merged.status, 422);
    EXPECT_NE(into_merged.body.find("zelf al samengevoegd met zaak 2027-000001"), std::string::npos)
        << into_merged.body;
    EXPECT_EQ(api("2027-000001", R"({"into":"2027-000001"})").status, 422);
    EXPECT_EQ(api("2027-000001", R"({"into":"2027-009999"})").status, 422);
    EXPECT_EQ(api("2027-000001", R"({"into":3})").status, 400);
    EXPECT_EQ(api("2027-000001", R"({"naar":"2027-000002"})").status, 400);
    const auto get = [&](const std::string& reference) {
        return nlohmann::json::parse(http_request(server_->port(), "GET",
                                                  "/api/v1/orgs/focus/cases/" + reference,
                                                  {{"Authorization", "Bearer " + token_}}, "")
                                         .body);
    };
    EXPECT_EQ(get("2027-000002")["merged_into"], "2027-000001");
    EXPECT_EQ(get("2027-000001")["merged_from"], nlohmann::json::array({"2027-000002"}));
    EXPECT_TRUE(get("2027-000001")["merged_into"].is_null());
    int audited = 0;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& entry : tx.audit.entries(0, 100000))
            audited += entry.action == "case.merge" || entry.action == "case.merged";
    });
    EXPECT_EQ(audited, 2);

    // Another complainant's case is neither offered nor taken: its complainant would hear no more.
    Browser piet(server_->port());
    piet.get("/focus/klacht");
    const auto piets_form = std::regex_replace(
        std::regex_replace(complaint_form(piet.cookie("mp_csrf")), std::regex("jan%40"), "piet%40"),
        std::regex("Jan\\+de\\+Vries"), "Piet+Jansen");
    ASSERT_EQ(piet.post_form("/focus/klacht", piets_form).status, 303);
    ASSERT_EQ(piet.post_form("/focus/klacht", piets_form).status, 303);  // 2027-000004
    EXPECT_EQ(anna.get("/werk/zaken/2027-000003").body.find("merge-2027-000001"), std::string::npos);
    EXPECT_NE(anna.get("/werk/zaken/2027-000004").body.find("merge-2027-000003"), std::string::npos);
    const auto others = api("2027-000003", R"({"into":"2027-000001"})");
    EXPECT_EQ(others.status, 422);
    EXPECT_NE(others.body.find("van een andere klager"), std::string::npos) << others.body;
    // Nor into a case that has ended.
    ASSERT_EQ(http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/2027-000003/actions",
                           {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                           R"({"action":"withdraw","how":"written"})")
                  .status,
              200);
    // A merge on a version the caller did not see is refused, as any change is.
    EXPECT_EQ(http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/2027-000004/merge",
                           {{"Authorization", "Bearer " + token_},
                            {"Content-Type", "application/json"},
                            {"If-Match", "\"999\""}},
                           R"({"into":"2027-000003"})")
                  .status,
              412);
    const auto ended = api("2027-000004", R"({"into":"2027-000003"})");
    EXPECT_EQ(ended.status, 422);
    EXPECT_NE(ended.body.find("al afgesloten"), std::string::npos) << ended.body;
    // Only someone the procedure lets end a case merges it: an employee who registered a call may
    // report it to the manager, not end it (003 §Werkwijze 1).
    const std::string karin = server_->create_user("focus", "karin@focus.nl", "employee");
    const auto registered = nlohmann::json::parse(
        http_request(
            server_->port(), "POST", "/api/v1/orgs/focus/cases",
            {{"Authorization", "Bearer " + karin}, {"Content-Type", "application/json"}},
            R"({"kind":"complaint","channel":"phone","subject":"Gebeld","description":"Weer niet gekomen",)"
            R"("complainant":{"name":"Jan de Vries","email":"jan@example.nl"}})")
            .body);
    const auto by_karin = http_request(
        server_->port(), "POST", "/api/v1/orgs/focus/cases/" + registered.value("reference", "") + "/merge",
        {{"Authorization", "Bearer " + karin}, {"Content-Type", "application/json"}},
        R"({"into":"2027-000001"})");
    EXPECT_EQ(by_karin.status, 403) << by_karin.body;
}

// The portal asks nothing the complainant cannot answer otherwise: a withdrawal in the portal is
// written, so "how" is not asked (002 §Uitgangspunten 6 is about oral withdrawals); its history
// names each day once (issue 12).
TEST_P(WebTest, ThePortalAsksNotHowAndNamesEachDayOnce) {
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    for (const char* text : {"Eerste+bericht", "Tweede+bericht"})
        ASSERT_EQ(
            complainant
                .post_form(portal + "/bericht", "csrf=" + complainant.cookie("mp_csrf") + "&message=" + text)
                .status,
            303);
    const auto page = complainant.get(portal).body;
    EXPECT_EQ(page.find("Wijze van intrekken"), std::string::npos) << page;
    EXPECT_NE(page.find("<input type=\"hidden\" name=\"how\" value=\"written\">"), std::string::npos) << page;
    const auto history = page.substr(page.find("id=\"history-heading\""));
    size_t days = 0;
    for (auto at = history.find("<h3 class=\"day\">"); at != std::string::npos;
         at = history.find("<h3 class=\"day\">", at + 1))
        ++days;
    EXPECT_EQ(days, 1u) << history;
    EXPECT_NE(history.find("<li>U stuurde ons een bericht.</li><li>U stuurde ons een bericht.</li>"),
              std::string::npos)
        << history;
    auto withdrawn = complainant.post_form(
        portal + "/actie", "csrf=" + complainant.cookie("mp_csrf") + "&action=withdraw&how=written");
    EXPECT_EQ(withdrawn.status, 303) << withdrawn.body;
    EXPECT_NE(complainant.get(portal).body.find("Ingetrokken"), std::string::npos);
}

// Account life (issue 12): an administrator adds a person without a password and they get an
// invitation; the link (made as the mail leaves, kept by its hash) sets the password once; a
// forgotten password is reset the same way, without telling a stranger whether an account exists;
// links expire, are single-use, and requests are throttled.
TEST_P(WebTest, PeopleChooseTheirOwnPasswordWithALinkByEMail) {
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    auto added = admin.post_form("/werk/beheer/mensen",
                                 "csrf=" + admin.cookie("mp_csrf") +
                                     "&email=nieuw%40focus.nl&name=Nina+Nieuw&role=employee&password=");
    ASSERT_EQ(added.status, 200) << added.body;
    EXPECT_NE(added.body.find("krijgt een e-mail met een link"), std::string::npos);
    // The mail as it leaves, with its link; the outbox holds only the marker.
    const auto sent_link = [&](const std::string& to, const std::string& purpose) {
        std::optional<meldpunt::storage::Delivery> found;
        server_->store().read([&](meldpunt::storage::Tx& tx) {
            for (const auto& d : tx.outbox.of_case("focus", ""))
                if (d.recipient == to && d.cause.rfind("account:" + purpose, 0) == 0)
                    found = d;
        });
        EXPECT_TRUE(found) << to;
        if (!found)
            return std::string();
        EXPECT_EQ(found->body.find("/wachtwoord/"), std::string::npos);  // not in the database
        const auto text =
            meldpunt::service::body_with_password_link(server_->store(), *found, "https://klachten.test",
                                                       meldpunt::calendar::unix_seconds(server_->now()));
        const auto at = text.find("https://klachten.test/wachtwoord/");
        EXPECT_NE(at, std::string::npos) << text;
        const auto path = at + std::string("https://klachten.test").size();
        return text.substr(path, text.find('\n', path) - path);
    };
    const std::string invitation = sent_link("nieuw@focus.nl", "invite");
    ASSERT_FALSE(invitation.empty());

    Browser nina(server_->port());
    auto form = nina.get(invitation);
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_NE(form.body.find("value=\"nieuw@focus.nl\""), std::string::npos);
    const auto csrf = [&] { return "csrf=" + nina.cookie("mp_csrf"); };
    EXPECT_EQ(nina.post_form(invitation, csrf() + "&password=kort&confirm=kort").status, 422);
    EXPECT_EQ(
        nina.post_form(invitation, csrf() + "&password=een+lange+zin+als+wachtwoord&confirm=anders").status,
        422);
    auto set = nina.post_form(
        invitation, csrf() + "&password=een+lange+zin+als+wachtwoord&confirm=een+lange+zin+als+wachtwoord");
    ASSERT_EQ(set.status, 303);
    EXPECT_EQ(set.headers["location"], "/login?wachtwoord=1");
    EXPECT_NE(nina.get("/login?wachtwoord=1").body.find("Uw wachtwoord is opgeslagen"), std::string::npos);
    EXPECT_EQ(login(nina, "een lange zin als wachtwoord", "nieuw@focus.nl").status, 303);
    // Once only.
    EXPECT_EQ(nina.get(invitation).status, 404);
    EXPECT_EQ(nina.post_form(invitation,
                             csrf() + "&password=nog+een+ander+wachtwoord&confirm=nog+een+ander+wachtwoord")
                  .status,
              404);

    // One link used twice at once (two tabs, or two servers): one password is set, the other
    // request finds the link used.
    ASSERT_EQ(
        admin
            .post_form("/werk/beheer/mensen", "csrf=" + admin.cookie("mp_csrf") +
                                                  "&email=twee%40focus.nl&name=Twee&role=employee&password=")
            .status,
        200);
    const std::string twice = sent_link("twee@focus.nl", "invite");
    ASSERT_FALSE(twice.empty());
    Browser tab_a(server_->port()), tab_b(server_->port());
    ASSERT_EQ(tab_a.get(twice).status, 200);
    ASSERT_EQ(tab_b.get(twice).status, 200);
    const std::string passwords[] = {"eerste+lange+zin+als+wachtwoord", "tweede+lange+zin+als+wachtwoord"};
    int statuses[2] = {};
    std::thread post_a([&] {
        statuses[0] = tab_a
                          .post_form(twice, "csrf=" + tab_a.cookie("mp_csrf") + "&password=" + passwords[0] +
                                                "&confirm=" + passwords[0])
                          .status;
    });
    std::thread post_b([&] {
        statuses[1] = tab_b
                          .post_form(twice, "csrf=" + tab_b.cookie("mp_csrf") + "&password=" + passwords[1] +
                                                "&confirm=" + passwords[1])
                          .status;
    });
    post_a.join();
    post_b.join();
    EXPECT_EQ(std::count(std::begin(statuses), std::end(statuses), 303), 1)
        << statuses[0] << " " << statuses[1];
    EXPECT_EQ(std::count(std::begin(statuses), std::end(statuses), 404), 1);
    const int winner = statuses[0] == 303 ? 0 : 1;
    Browser twee(server_->port());
    const auto spaced = [](std::string text) { return std::regex_replace(text, std::regex("\\+"), " "); };
    EXPECT_EQ(login(twee, spaced(passwords[winner]), "twee@focus.nl").status, 303);
    Browser loser(server_->port());
    EXPECT_NE(login(loser, spaced(passwords[1 - winner]), "twee@focus.nl").status, 303);

    // Forgotten: a stranger's address gets the same answer and no mail.
    Browser someone(server_->port());
    someone.get("/wachtwoord-vergeten");
    const auto ask = [&](const std::string& email) {
        return someone.post_form("/wachtwoord-vergeten",
                                 "csrf=" + someone.cookie("mp_csrf") + "&email=" + email);
    };
    auto known = ask("anna%40focus.nl");
    auto unknown = ask("niemand%40focus.nl");
    ASSERT_EQ(known.status, 200);
    ASSERT_EQ(unknown.status, 200);
    EXPECT_NE(known.body.find("Als er een account is met het adres anna@focus.nl"), std::string::npos);
    EXPECT_NE(unknown.body.find("Als er een account is met het adres niemand@focus.nl"), std::string::npos);
    const std::string reset = sent_link("anna@focus.nl", "reset");
    ASSERT_FALSE(reset.empty());
    bool mailed_a_stranger = false;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", ""))
            mailed_a_stranger = mailed_a_stranger || d.recipient == "niemand@focus.nl";
    });
    EXPECT_FALSE(mailed_a_stranger);
    EXPECT_EQ(ask("geen-adres").status, 400);
    EXPECT_EQ(someone.get(reset).status, 200);
    // An hour later the link no longer works.
    server_->set_now("2030-01-01T00:00:00+01:00");
    EXPECT_EQ(someone.get(reset).status, 404);
    EXPECT_NE(someone.get(reset).body.find("verlopen of al gebruikt"), std::string::npos);
    // Three requests an hour per address; the fourth is refused and mails nothing.
    ask("anna%40focus.nl");
    ask("anna%40focus.nl");
    ask("anna%40focus.nl");
    EXPECT_EQ(ask("anna%40focus.nl").status, 429);

    // An administrator sends an invitation again from the person's page.
    std::string id;
    server_->store().read(
        [&](meldpunt::storage::Tx& tx) { id = tx.accounts.user_by_email("focus", "nieuw@focus.nl")->id; });
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    auto again =
        admin.post_form("/werk/beheer/mensen/" + id + "/uitnodigen", "csrf=" + admin.cookie("mp_csrf"));
    EXPECT_EQ(again.status, 200);
    EXPECT_NE(again.body.find("De uitnodiging is verstuurd."), std::string::npos);
    // A password the administrator sets uses up the links sent before.
    const std::string resent = sent_link("nieuw@focus.nl", "invite");
    EXPECT_EQ(nina.get(resent).status, 200);
    ASSERT_EQ(admin
                  .post_form("/werk/beheer/mensen/" + id + "/wachtwoord",
                             "csrf=" + admin.cookie("mp_csrf") + "&password=door+de+beheerder+gezet")
                  .status,
              200);
    EXPECT_EQ(nina.get(resent).status, 404);
    // Someone invited who never chose a password can still ask for a link.
    ASSERT_EQ(admin
                  .post_form("/werk/beheer/mensen",
                             "csrf=" + admin.cookie("mp_csrf") +
                                 "&email=later%40focus.nl&name=Lex+Later&role=employee&password=")
                  .status,
              200);
    Browser lex(server_->port());
    lex.get("/wachtwoord-vergeten");
    ASSERT_EQ(
        lex.post_form("/wachtwoord-vergeten", "csrf=" + lex.cookie("mp_csrf") + "&email=later%40focus.nl")
            .status,
        200);
    EXPECT_FALSE(sent_link("later@focus.nl", "reset").empty());
}

// A message's time is the clock on the wall in Amsterdam, also on the day the clock moves
// (summer time began at 02:00 on 28 March 2027).
TEST_P(WebTest, AMessageShowsTheLocalTimeOnTheDayTheClockMoves) {
    server_->set_now("2027-03-28T14:30:00+02:00");
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    ASSERT_EQ(
        complainant.post_form(portal + "/bericht", "csrf=" + complainant.cookie("mp_csrf") + "&message=Hallo")
            .status,
        303);
    const auto page = complainant.get(portal).body;
    EXPECT_NE(page.find("zondag 28 maart 2027 om 14:30"), std::string::npos) << page;
}

// Each person chooses how they are told of their cases: at once, or one overview a day; the choice
// is theirs alone, audited, and anything but the two choices is refused.
TEST_P(WebTest, StaffChooseOneOverviewADayOnTheirSettingsPage) {
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    auto page = anna.get("/werk/instellingen");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("id=\"notices-immediate\" name=\"notices\" value=\"immediate\" checked"),
              std::string::npos)
        << page.body;
    EXPECT_NE(page.body.find("href=\"/werk/instellingen\""), std::string::npos);  // in the menu
    auto saved = anna.post_form("/werk/instellingen", "csrf=" + anna.cookie("mp_csrf") + "&notices=daily");
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(saved.headers["location"], "/werk/instellingen?opgeslagen=1");
    page = anna.get("/werk/instellingen?opgeslagen=1");
    EXPECT_NE(page.body.find("id=\"notices-daily\" name=\"notices\" value=\"daily\" checked"),
              std::string::npos)
        << page.body;
    EXPECT_NE(page.body.find("Uw instellingen zijn opgeslagen."), std::string::npos);
    EXPECT_EQ(
        anna.post_form("/werk/instellingen", "csrf=" + anna.cookie("mp_csrf") + "&notices=hourly").status,
        400);
    bool daily = false;
    std::vector<std::string> actions;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        daily = tx.accounts.user_by_email("focus", "anna@focus.nl")->daily_digest;
        for (const auto& entry : tx.audit.entries(0, 100000))
            actions.push_back(entry.action);
    });
    EXPECT_TRUE(daily);
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.notices"), 1);
    EXPECT_EQ(Browser(server_->port()).get("/werk/instellingen").status, 303);  // to the login page
}

TEST_P(WebTest, AComplainantSeesTheSharedPartOfTheDossierOnly) {
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    auto upload = [&](const std::string& visibility) {
        return http_request(server_->port(), "POST",
                            "/api/v1/orgs/focus/cases/2027-000001/documents?name=" + visibility +
                                ".txt&visibility=" + visibility,
                            {{"Authorization", "Bearer " + token_}, {"Content-Type", "text/plain"}},
                            "inhoud");
    };
    ASSERT_EQ(upload("internal").status, 201);
    ASSERT_EQ(upload("shared").status, 201);
    ASSERT_EQ(upload("internal").status, 201);
    ASSERT_EQ(upload("shared").status, 201);
    // Staff number the whole dossier: d1 and d3 internal, d2 and d4 shared.
    EXPECT_EQ(http_request(server_->port(), "GET", "/api/v1/orgs/focus/cases/2027-000001/documents/d3",
                           {{"Authorization", "Bearer " + token_}})
                  .status,
              200);
    // The complainant's numbering has no gaps that tell of what is kept from them: their first
    // document is d1, their second d2, and there is no third.
    const auto first = complainant.get(portal + "/documents/d1");
    EXPECT_EQ(first.status, 200);
    EXPECT_NE(first.headers.at("content-disposition").find("shared.txt"), std::string::npos);
    EXPECT_EQ(complainant.get(portal + "/documents/d2").status, 200);
    EXPECT_EQ(complainant.get(portal + "/documents/d3").status, 404);
    EXPECT_EQ(complainant.get(portal + "/documents/d4").status, 404);
    auto page = complainant.get(portal).body;
    EXPECT_EQ(page.find("internal.txt"), std::string::npos);
    EXPECT_NE(page.find("shared.txt"), std::string::npos);
    EXPECT_NE(page.find("/documents/d2\""), std::string::npos);
    EXPECT_EQ(page.find("/documents/d3"), std::string::npos);
    EXPECT_EQ(page.find("/documents/d4"), std::string::npos);
    EXPECT_EQ(page.find("anna@focus.nl"), std::string::npos);  // no staff names in the portal
}

// API tokens expire and their owner lists, makes and revokes them on the settings page (issue 15:
// tokens never expired and could not be revoked from the web).
TEST_P(WebTest, StaffMakeListAndRevokeTheirOwnApiTokens) {
    server_->set_now("2027-03-01T10:00:00+01:00");
    const auto api_status = [&](const std::string& token) {
        return http_request(server_->port(), "GET", "/api/v1/orgs/focus/cases",
                            {{"Authorization", "Bearer " + token}})
            .status;
    };
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    auto page = anna.get("/werk/instellingen").body;
    EXPECT_NE(page.find("API-sleutels"), std::string::npos);
    EXPECT_NE(page.find("<td>test</td>"), std::string::npos) << page;  // the test's own token
    EXPECT_EQ(page.find(token_), std::string::npos);                   // never shown again

    // A new token for 30 days, shown once.
    auto made = anna.post_form("/werk/instellingen/sleutels",
                               "csrf=" + anna.cookie("mp_csrf") + "&label=Koppeling+ERP&days=30");
    ASSERT_EQ(made.status, 200);
    const auto at = made.body.find("<code id=\"new-token\">");
    ASSERT_NE(at, std::string::npos) << made.body;
    const std::string token = made.body.substr(at + 21, 64);
    EXPECT_EQ(api_status(token), 200);
    EXPECT_EQ(anna.get("/werk/instellingen").body.find(token), std::string::npos);
    page = anna.get("/werk/instellingen").body;
    EXPECT_NE(page.find("Koppeling ERP"), std::string::npos);
    EXPECT_NE(page.find("31 maart 2027"), std::string::npos) << page;  // valid until
    // A period the page does not offer, or a name too long, is refused.
    EXPECT_EQ(
        anna.post_form("/werk/instellingen/sleutels", "csrf=" + anna.cookie("mp_csrf") + "&label=x&days=5000")
            .status,
        422);
    EXPECT_EQ(anna.post_form("/werk/instellingen/sleutels", "csrf=" + anna.cookie("mp_csrf") + "&label=" +
                                                                std::string(101, 'x') + "&days=30")
                  .status,
              422);

    // After 30 days it no longer works, and the list says so.
    server_->set_now("2027-03-31T12:00:00+02:00");
    EXPECT_EQ(api_status(token), 401);
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_NE(anna.get("/werk/instellingen").body.find("(verlopen)"), std::string::npos);

    // Revoked: the test's token stops working at once; nobody else revokes hers.
    std::string id;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& t : tx.accounts.tokens_of(tx.accounts.user_by_email("focus", "anna@focus.nl")->id))
            if (t.label == "test")
                id = t.id;
    });
    ASSERT_EQ(id.size(), 12u);
    server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    Browser piet(server_->port());
    ASSERT_EQ(login(piet, kPassword, "piet@focus.nl").status, 303);
    EXPECT_EQ(
        piet.post_form("/werk/instellingen/sleutels/" + id + "/intrekken", "csrf=" + piet.cookie("mp_csrf"))
            .status,
        404);
    EXPECT_EQ(api_status(token_), 200);
    EXPECT_EQ(
        anna.post_form("/werk/instellingen/sleutels/" + id + "/intrekken", "csrf=" + anna.cookie("mp_csrf"))
            .status,
        303);
    EXPECT_EQ(api_status(token_), 401);
    std::vector<std::string> actions;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& entry : tx.audit.entries(0, 100000))
            actions.push_back(entry.action);
    });
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "token.issue"), 1);
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "token.revoke"), 1);
}

TEST_P(WebTest, LoginsAreThrottledAndInTheAuditTrail) {
    Browser browser(server_->port());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(login(browser, "fout wachtwoord").status, 401);
    EXPECT_EQ(login(browser, kPassword).status, 429);  // even the right password, for now
    EXPECT_TRUE(browser.cookie("mp_session").empty());
    int failed = 0, throttled = 0;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 1000)) {
            failed += e.action == "login.failed";
            throttled += e.action == "login.throttled";
        }
    });
    EXPECT_EQ(failed, 5);
    EXPECT_EQ(throttled, 0);  // a throttled attempt writes nothing, not even to the audit trail
    server_->set_now("2027-01-20T12:16:00Z");  // the window has passed
    EXPECT_EQ(login(browser, "nog steeds fout").status, 401);
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        // Failures older than the window are forgotten, not kept for ever.
        EXPECT_EQ(tx.throttling.login_failures_since("account:anna@focus.nl", 0), 1);
    });
    EXPECT_EQ(login(browser, kPassword).status, 303);
}

TEST_P(WebTest, SessionsEndAtLogoutAndExpire) {
    Browser browser(server_->port());
    EXPECT_EQ(browser.get("/werk").status, 303);  // to the login page
    auto r = login(browser, kPassword);
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.headers["location"], "/werk");
    ASSERT_EQ(browser.cookie("mp_session").size(), 64u);
    EXPECT_EQ(browser.get("/werk").status, 200);
    EXPECT_EQ(browser.post_form("/logout", "csrf=" + browser.cookie("mp_csrf")).status, 303);
    EXPECT_TRUE(browser.cookie("mp_session").empty());

    ASSERT_EQ(login(browser, kPassword).status, 303);
    const std::string session = browser.cookie("mp_session");
    EXPECT_EQ(browser.get("/werk/zaken").status, 200);
    server_->set_now("2027-01-20T20:01:00Z");  // more than 8 hours later
    EXPECT_EQ(browser.get("/werk/zaken").status, 303);
    // A new login does not bring the expired session back, and a logged-out one is gone too.
    ASSERT_EQ(login(browser, kPassword).status, 303);
    const std::string second = browser.cookie("mp_session");
    EXPECT_NE(second, session);
    browser.set_cookie("mp_session", session);
    EXPECT_EQ(browser.get("/werk").status, 303);
    browser.set_cookie("mp_session", second);
    EXPECT_EQ(browser.get("/werk").status, 200);
    browser.post_form("/logout", "csrf=" + browser.cookie("mp_csrf"));
    browser.set_cookie("mp_session", second);
    EXPECT_EQ(browser.get("/werk").status, 303);
}

TEST_P(WebTest, LoginAttemptsInParallelCannotSlipUnderTheLimit) {
    std::vector<std::thread> threads;
    std::atomic<int> refused{0}, throttled{0}, other{0};
    for (int i = 0; i < 12; ++i)
        threads.emplace_back([&] {
            Browser browser(server_->port());
            const int status = login(browser, "fout wachtwoord").status;
            (status == 401 ? refused : status == 429 ? throttled : other)++;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(other, 0);
    EXPECT_LE(refused, meldpunt::service::Sessions::kMaxFailures);  // only these were checked
    EXPECT_EQ(refused + throttled, 12);
}

TEST_P(WebTest, OneAddressIsThrottledAcrossAccounts) {
    Browser browser(server_->port());
    for (int i = 0; i < meldpunt::service::Sessions::kMaxFailures * 4; ++i)
        EXPECT_EQ(login(browser, "fout", "niemand" + std::to_string(i) + "@focus.nl").status, 401);
    EXPECT_EQ(login(browser, kPassword).status, 429);  // anna's first attempt, from that address
}

TEST_P(WebTest, StaffIntakeRefusedIsShownAgainWithItsChoicesAndText) {
    server_->create_user("focus", "piet@focus.nl", "employee");
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    // Received tomorrow: a moment in the future is refused by the service. Every choice differs
    // from the form's first option, so only a form that keeps them shows them selected.
    const std::string fields =
        "&kind=complaint&channel=phone&subject=Telefoon+over+de+coach&description=Zie+notitie"
        "&name=Bakker&email=bakker%40example.nl&phone=020-1234567&about=piet%40focus.nl";
    auto r = browser.post_form("/werk/nieuw",
                               "csrf=" + browser.cookie("mp_csrf") + "&received_on=2027-01-22" + fields);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<option value=\"phone\" selected>"), std::string::npos);
    EXPECT_NE(r.body.find("name=\"about\" value=\"piet@focus.nl\" checked"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"Telefoon over de coach\""), std::string::npos);
    EXPECT_NE(r.body.find("value=\"020-1234567\""), std::string::npos);
    EXPECT_NE(r.body.find("value=\"2027-01-22\""), std::string::npos);
    EXPECT_EQ(cases(), 0);
    // The same call, received the day before yesterday, is registered with that day.
    r = browser.post_form("/werk/nieuw",
                          "csrf=" + browser.cookie("mp_csrf") + "&received_on=2027-01-18" + fields);
    ASSERT_EQ(r.status, 303);
    auto page = browser.get(r.headers["location"]);
    EXPECT_NE(page.body.find("maandag 18 januari 2027"), std::string::npos);
    EXPECT_NE(page.body.find("<dd>Telefoon</dd>"), std::string::npos);
}

// An employee who takes a complaint at the desk registers it, opens it and reports it to the manager
// (003 §Verantwoordelijkheden, §Werkwijze 1); a colleague it is about does not see it, in the
// register or by its address (Focus does not show cases to the employee concerned).
TEST_P(WebTest, AnEmployeeOpensTheComplaintTheyRegisteredAndTakesTheirStep) {
    server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    server_->create_user("focus", "joke@focus.nl", "employee", "", kPassword);
    Browser piet(server_->port());
    ASSERT_EQ(login(piet, kPassword, "piet@focus.nl").status, 303);
    auto r = piet.post_form("/werk/nieuw", "csrf=" + piet.cookie("mp_csrf") +
                                               "&kind=complaint&channel=in_person&subject=Aan+de+balie"
                                               "&description=Klant+wacht+al+weken&name=Bakker"
                                               "&about=joke%40focus.nl");
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string case_path = r.headers["location"];
    auto page = piet.get(case_path);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("data-action=\"report_to_manager\""), std::string::npos);
    const std::string reference = case_path.substr(case_path.rfind('/') + 1);
    r = piet.post_form(case_path + "/actie", "csrf=" + piet.cookie("mp_csrf") + "&action=report_to_manager");
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_NE(piet.get("/werk/zaken").body.find(reference), std::string::npos);

    Browser joke(server_->port());
    ASSERT_EQ(login(joke, kPassword, "joke@focus.nl").status, 303);
    EXPECT_EQ(joke.get(case_path).status, 404);
    EXPECT_EQ(joke.get("/werk/zaken").body.find(reference), std::string::npos);
}

// A passed deadline's notice reaches one manager and is refused for another: the case page says
// which was delivered and which not with the relay's reason, the dashboard lists what was not
// delivered and what reached nobody (only to those who may read the case), and /metrics counts
// the outbox.
TEST_P(WebTest, TheCasePageAndTheDashboardShowWhatWasNotDelivered) {
    using namespace meldpunt;
    auto& smtp = meldpunt::testing::smtp_server();
    smtp.start_if_stopped();
    server_->create_user("focus", "refused.bert@focus.nl", "manager");
    server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    const std::string reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-18T10:00:00+01:00");
    service::ProcedureRegistry procedures;
    const messages::Catalogue nl(messages::Language::nl);
    service::Sweeper sweeper(server_->store(), procedures, nl);
    const auto morning = meldpunt::testing::amsterdam_instant("2027-01-19T08:00:00+01:00");
    EXPECT_EQ(sweeper.sweep(morning).queued, 2);
    mail::SmtpSender sender(smtp.url());
    workers::Deliverer deliverer(server_->store(), sender, {"klachten@focus.nl", "Focus"});
    const auto report = deliverer.deliver(morning);
    EXPECT_EQ(report.sent, 1);
    EXPECT_EQ(report.failed, 1);

    server_->set_now("2027-01-19T09:00:00+01:00");
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string page = anna.get("/werk/zaken/" + reference).body;
    EXPECT_NE(page.find("Verstuurde berichten"), std::string::npos);
    EXPECT_NE(page.find("bezorgd op dinsdag 19 januari 2027"), std::string::npos) << page;
    EXPECT_NE(page.find("niet bezorgd: 550 5.1.1 No such mailbox here"), std::string::npos) << page;
    const std::string dashboard = anna.get("/werk").body;
    const auto undelivered = dashboard.find("Niet bezorgd");
    ASSERT_NE(undelivered, std::string::npos);
    EXPECT_NE(dashboard.find(reference, undelivered), std::string::npos);
    EXPECT_NE(dashboard.find("refused.bert@focus.nl", undelivered), std::string::npos);

    // Focus without a director or a quality manager: the record deadline (told to the quality
    // manager) and the offer's escalation to the director reached nobody, and the dashboard says so.
    EXPECT_EQ(sweeper.sweep(meldpunt::testing::amsterdam_instant("2027-03-01T08:00:00+01:00")).unaddressed,
              2);
    const std::string later = anna.get("/werk").body;
    const auto untold = later.find("Niemand gewaarschuwd");
    ASSERT_NE(untold, std::string::npos) << later;
    EXPECT_NE(later.find(reference, untold), std::string::npos);
    EXPECT_NE(later.find("Vastleggen op het klachtenformulier: termijn verstreken op", untold),
              std::string::npos)
        << later;
    EXPECT_NE(later.find("Aanbod: verstreken op", untold), std::string::npos) << later;
    EXPECT_NE(later.find("voor te leggen aan een hogere rol", untold), std::string::npos) << later;

    // An employee who may not read the case sees nothing of its messages.
    Browser piet(server_->port());
    ASSERT_EQ(login(piet, kPassword, "piet@focus.nl").status, 303);
    EXPECT_EQ(piet.get("/werk").body.find("Niet bezorgd"), std::string::npos);
    EXPECT_EQ(piet.get("/werk").body.find("Niemand gewaarschuwd"), std::string::npos);

    const std::string metrics = http_request(server_->port(), "GET", "/metrics").body;
    EXPECT_NE(metrics.find("meldpunt_outbox_messages{state=\"sent\"} 1"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("meldpunt_outbox_messages{state=\"failed\"} 1"), std::string::npos);
    EXPECT_NE(metrics.find("meldpunt_outbox_oldest_queued_seconds 0"), std::string::npos);
}

// Staff open a case's letter as a PDF from the case page; another organisation's staff cannot.
TEST_P(WebTest, StaffOpenALetterAsAPdfFromTheCasePage) {
    server_->create_org("eenloket", "een-loket-mk");
    const std::string token =
        server_->create_user("eenloket", "sanne@eenloket.nl", "employee", "", kPassword);
    server_->set_now("2027-03-02T10:00:00+01:00");
    const auto api = [&](const std::string& path, const nlohmann::json& body) {
        return http_request(server_->port(), "POST", path,
                            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                            body.dump());
    };
    auto r = api("/api/v1/orgs/eenloket/cases",
                 {{"kind", "complaint"},
                  {"channel", "letter"},
                  {"subject", "Factuur klopt niet"},
                  {"description", "Twee keer hetzelfde op de factuur."},
                  {"complainant", {{"name", "Karin Bos"}, {"address", "Dorpsstraat 1\n1234 AB Ergens"}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string reference = nlohmann::json::parse(r.body).value("reference", "");
    ASSERT_EQ(
        api("/api/v1/orgs/eenloket/cases/" + reference + "/actions", {{"action", "acknowledge"}}).status,
        200);

    Browser sanne(server_->port());
    sanne.get("/login");
    ASSERT_EQ(sanne
                  .post_form("/login", "csrf=" + sanne.cookie("mp_csrf") +
                                           "&org=eenloket&email=sanne%40eenloket.nl&password=" +
                                           std::regex_replace(kPassword, std::regex(" "), "+"))
                  .status,
              303);
    const std::string page = sanne.get("/werk/zaken/" + reference).body;
    const std::string link = "/werk/zaken/" + reference + "/brieven/1";
    EXPECT_NE(page.find("href=\"" + link + "\""), std::string::npos) << page;
    auto pdf = sanne.get(link);
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf.headers["content-disposition"].find(reference + " Ontvangstbevestiging.pdf"),
              std::string::npos);
    EXPECT_EQ(sanne.get("/werk/zaken/" + reference + "/brieven/9").status, 404);
    // Anna works at Focus: Een Loket's letters do not exist for her, nor its post.
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_EQ(anna.get(link).status, 404);
    EXPECT_EQ(anna.get("/werk/post").body.find(reference), std::string::npos);
    EXPECT_EQ(anna.get("/werk/post/brieven.pdf?tot=999").status, 404);

    // Karin Bos has no e-mail address: the letter waits in the post, is printed with the day's
    // batch and marked posted, and the case page says so.
    const std::string post = sanne.get("/werk/post").body;
    const std::smatch found = [&] {
        std::smatch m;
        std::regex_search(post, m, std::regex("name=\"id\" value=\"([0-9]+)\""));
        return m;
    }();
    ASSERT_FALSE(found.empty()) << post;
    EXPECT_NE(post.find(reference), std::string::npos);
    EXPECT_NE(post.find("/werk/post/brieven.pdf?tot=" + found[1].str()), std::string::npos) << post;
    EXPECT_EQ(sanne.get("/werk/post/brieven.pdf?tot=0").status, 404);  // nothing listed up to there
    auto batch = sanne.get("/werk/post/brieven.pdf?tot=" + found[1].str());
    EXPECT_EQ(batch.status, 200);
    EXPECT_EQ(batch.body.rfind("%PDF-", 0), 0u);
    r = sanne.post_form("/werk/post/verstuurd", "csrf=" + sanne.cookie("mp_csrf") + "&id=" + found[1].str());
    EXPECT_EQ(r.status, 303);
    EXPECT_NE(sanne.get(r.headers["location"]).body.find("Als verstuurd gemarkeerd: 1."), std::string::npos);
    EXPECT_NE(sanne.get("/werk/zaken/" + reference).body.find("per post verstuurd op dinsdag 2 maart 2027"),
              std::string::npos);
    EXPECT_NE(sanne.get("/werk/post").body.find("Er liggen geen brieven klaar om te versturen."),
              std::string::npos);
}

// Every assumption a procedure file makes where its regulation is silent or incomplete is on the
// public procedure page, under the heading that marks them as assumptions (issue 10).
TEST_P(WebTest, TheProcedurePageListsEveryAssumption) {
    server_->create_org("eenloket", "een-loket-mk");
    server_->create_org("gelukwerkt", "gelukwerkt");
    server_->create_org("mmeam", "mensen-met-een-missie");
    Browser browser(server_->port());
    for (const auto& [org, file] :
         std::vector<std::pair<std::string, std::string>>{{"eenloket", "een-loket-mk"},
                                                          {"focus", "focus"},
                                                          {"gelukwerkt", "gelukwerkt"},
                                                          {"mmeam", "mensen-met-een-missie"},
                                                          {"mos", "mos"}}) {
        const auto loaded =
            meldpunt::loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + file + ".toml");
        ASSERT_TRUE(loaded.loaded) << file;
        ASSERT_FALSE(loaded.loaded->procedure.assumptions.empty()) << file;
        const auto page = browser.get("/" + org + "/procedure");
        ASSERT_EQ(page.status, 200) << org;
        const std::string body = html_text(page.body);
        const auto heading = body.find("Aannames waar de gepubliceerde tekst zwijgt");
        ASSERT_NE(heading, std::string::npos) << org;
        for (const auto& assumption : loaded.loaded->procedure.assumptions)
            EXPECT_NE(body.find(assumption.text, heading), std::string::npos)
                << org << ": " << assumption.text;
        // Who decides on improvement measures, in the roles' names (issue 13).
        const auto measures = body.find("Verbetermaatregelen");
        ASSERT_NE(measures, std::string::npos) << org;
        const auto& policy = *loaded.loaded->procedure.measures;
        EXPECT_NE(body.find("Over verbetermaatregelen naar aanleiding van klachten beslist " +
                                loaded.loaded->procedure.role(policy.decide.front())->name,
                            measures),
                  std::string::npos)
            << org;
    }
}

// The public form offers what the procedure opens to the public and starts with its default: Een
// Loket MK's deviations and improvement options are internal, Gelukwerkt's website is for the
// formal complaint (001 §Procedure 3), M.O.S.'s signal is for staff. An internal kind posted anyway
// is refused and files nothing.
TEST_P(WebTest, ThePublicFormOffersOnlyThePublicKinds) {
    server_->create_org("eenloket", "een-loket-mk");
    server_->create_org("gelukwerkt", "gelukwerkt");
    Browser browser(server_->port());
    auto offered = [&](const std::string& page, const std::string& kind) {
        return page.find("name=\"kind\" value=\"" + kind + "\"") != std::string::npos;
    };
    auto r = browser.get("/eenloket/klacht");
    EXPECT_TRUE(offered(r.body, "complaint"));
    EXPECT_FALSE(offered(r.body, "deviation"));
    EXPECT_FALSE(offered(r.body, "improvement"));
    r = browser.get("/gelukwerkt/klacht");
    EXPECT_FALSE(offered(r.body, "dissatisfaction"));
    // One kind offered: the form asks nothing about it.
    EXPECT_NE(r.body.find("<input type=\"hidden\" name=\"kind\" value=\"complaint\">"), std::string::npos);
    EXPECT_EQ(r.body.find("type=\"radio\""), std::string::npos);
    EXPECT_EQ(r.body.find("Waarover gaat het?"), std::string::npos);
    // The ways to reach the complainant say that one of them is required.
    EXPECT_NE(r.body.find("Vul ten minste één in"), std::string::npos);
    EXPECT_NE(r.body.find("(ten minste één van deze drie)"), std::string::npos);
    EXPECT_EQ(r.body.find("E-mailadres <span class=\"optional\">(niet verplicht)"), std::string::npos);
    r = browser.get("/mos/klacht");
    EXPECT_TRUE(offered(r.body, "dissatisfaction"));
    EXPECT_FALSE(offered(r.body, "signal"));
    EXPECT_NE(r.body.find("value=\"complaint\" checked"), std::string::npos);
    EXPECT_EQ(r.body.find("value=\"dissatisfaction\" checked"), std::string::npos);

    browser.get("/eenloket/klacht");
    const std::string form = complaint_form(browser.cookie("mp_csrf"));
    r = browser.post_form("/eenloket/klacht", replace_kind(form, "deviation"));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(cases(), 0);
    r = browser.post_form("/eenloket/klacht", form);
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(cases(), 1);
}

// The public form asks, in plain words and optionally, whom the complaint is about; the manager sees
// the answer on the case page and links the case to colleagues with the checkboxes of one action.
// Linking the handler is refused, naming the rule (003 §Werkwijze 1).
TEST_P(WebTest, TheComplainantSaysWhomItIsAboutAndTheManagerLinksThem) {
    server_->create_user("focus", "joke@focus.nl", "employee");
    server_->create_user("focus", "ruud@focus.nl", "employee");
    Browser complainant(server_->port());
    complainant.get("/focus/klacht");
    auto r = complainant.post_form(
        "/focus/klacht", complaint_form(complainant.cookie("mp_csrf")) + "&about_text=De+coach+van+dinsdag");
    ASSERT_EQ(r.status, 303) << r.body;

    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";
    auto page = anna.get(case_path);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("De coach van dinsdag"), std::string::npos);
    EXPECT_NE(page.body.find("type=\"checkbox\" id=\"record_about-about-joke@focus.nl\" name=\"about\""),
              std::string::npos);
    r = anna.post_form(case_path + "/actie",
                       "csrf=" + anna.cookie("mp_csrf") +
                           "&action=record_about&about=joke%40focus.nl&about=ruud%40focus.nl");
    EXPECT_EQ(r.status, 303) << r.body;
    page = anna.get(case_path);
    EXPECT_NE(page.body.find("<dd>joke, ruud</dd>"), std::string::npos);  // by name
    EXPECT_NE(page.body.find("value=\"ruud@focus.nl\" checked"), std::string::npos);
    r = anna.post_form(case_path + "/actie",
                       "csrf=" + anna.cookie("mp_csrf") + "&action=assign&handler=joke%40focus.nl");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("nooit degene die de dienst heeft verleend"), std::string::npos);
    // In words for the reader: what to do instead, and the regulation's article as a link; no
    // rule id.
    EXPECT_NE(r.body.find("<p>joke is degene over wie de klacht gaat"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("handler_not_subject"), std::string::npos);
    std::smatch article;
    ASSERT_TRUE(std::regex_search(
        r.body, article,
        std::regex(R"re(procedure#artikel-([0-9]+)-([0-9]+)">Lees artikel ([0-9.]+) van de regeling)re")))
        << r.body;
    EXPECT_EQ(article[3].str(), article[1].str() + "." + article[2].str());
    const auto regulation = anna.get("/focus/procedure").body;
    const auto at = regulation.find("<li id=\"artikel-" + article[1].str() + "-" + article[2].str() + "\">");
    ASSERT_NE(at, std::string::npos);
    const std::string item = regulation.substr(at, regulation.find("</li>", at) - at);
    EXPECT_NE(item.find("nooit degene die de dienst heeft verleend"), std::string::npos) << item;
}

// Staff intake takes what the API takes: an anonymous letter to M.O.S. is registered as a signal
// with no complaint deadlines (002 §Toepassingsgebied); a complaint on behalf of a group of clients,
// brought by a representative with a written authorisation that is kept in the dossier, about two
// colleagues at once (002 §Begripsomschrijving 6).
TEST_P(WebTest, StaffIntakeTakesAnonymousLettersGroupsRepresentativesAndSeveralPeople) {
    server_->create_user("mos", "secretariaat@mos.nl", "coordinator", "", kPassword);
    server_->create_user("mos", "sanne@mos.nl", "employee", "", kPassword);
    server_->create_user("mos", "ruben@mos.nl", "employee");
    Browser browser(server_->port());
    browser.get("/login");
    ASSERT_EQ(browser
                  .post_form("/login", "csrf=" + browser.cookie("mp_csrf") +
                                           "&org=mos&email=secretariaat%40mos.nl&password=" +
                                           std::regex_replace(kPassword, std::regex(" "), "+"))
                  .status,
              303);
    const std::string csrf = browser.cookie("mp_csrf");
    auto r = browser.post_multipart("/werk/nieuw", {{"csrf", csrf, ""},
                                                    {"kind", "complaint", ""},
                                                    {"channel", "letter", ""},
                                                    {"subject", "Anonieme brief", ""},
                                                    {"description", "Zonder afzender", ""},
                                                    {"anonymous", "yes", ""}});
    ASSERT_EQ(r.status, 303) << r.body;
    auto page = browser.get(r.headers["location"]);
    EXPECT_NE(page.body.find("<dd>Signaal</dd>"), std::string::npos);
    EXPECT_NE(page.body.find("anoniem"), std::string::npos);

    r = browser.post_multipart("/werk/nieuw", {{"csrf", csrf, ""},
                                               {"kind", "complaint", ""},
                                               {"channel", "letter", ""},
                                               {"subject", "Dagbesteding", ""},
                                               {"description", "De groep is niet opgehaald", ""},
                                               {"name", "Bewonersgroep De Linde", ""},
                                               {"address", "Lindelaan 4, Drachten", ""},
                                               {"group", "yes", ""},
                                               {"representative_name", "M. Jansen", ""},
                                               {"representative_relation", "mantelzorger", ""},
                                               {"authorisation", "Ik machtig M. Jansen.", "machtiging.txt"},
                                               {"about", "sanne@mos.nl", ""},
                                               {"about", "ruben@mos.nl", ""}});
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string case_path = r.headers["location"];
    page = browser.get(case_path);
    EXPECT_NE(page.body.find("namens een groep cliënten"), std::string::npos);
    EXPECT_NE(page.body.find("M. Jansen (mantelzorger)"), std::string::npos);
    EXPECT_NE(page.body.find("<dd>sanne, ruben</dd>"), std::string::npos);  // by name
    EXPECT_NE(page.body.find("id=\"postal-address\">Lindelaan 4, Drachten</span>"),
              std::string::npos);  // for the post
    const auto link = page.body.find(case_path + "/documents/d1\">schriftelijke machtiging");
    ASSERT_NE(link, std::string::npos) << page.body;
    auto document = browser.get(case_path + "/documents/d1");
    EXPECT_EQ(document.status, 200);
    EXPECT_EQ(document.body, "Ik machtig M. Jansen.");
    // Saved under the name it was sent with.
    EXPECT_EQ(document.headers["content-disposition"],
              "attachment; filename=\"machtiging.txt\"; filename*=UTF-8''machtiging.txt");
    // The authorisation names the complainant and the representative: it stays internal, so Sanne,
    // who sees the case as the employee it is about (subjects_see_case), neither sees nor opens it.
    Browser sanne(server_->port());
    sanne.get("/login");
    ASSERT_EQ(sanne
                  .post_form("/login", "csrf=" + sanne.cookie("mp_csrf") +
                                           "&org=mos&email=sanne%40mos.nl&password=" +
                                           std::regex_replace(kPassword, std::regex(" "), "+"))
                  .status,
              303);
    page = sanne.get(case_path);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("/documents/d1"), std::string::npos);
    EXPECT_EQ(sanne.get(case_path + "/documents/d1").status, 404);
    // Nor does she correct the case or write in its conversation.
    EXPECT_EQ(page.body.find("id=\"gegevens\""), std::string::npos);
    EXPECT_EQ(page.body.find("/berichten\""), std::string::npos);
    EXPECT_EQ(page.body.find("id=\"samenvoegen\""), std::string::npos);

    // An authorisation without a representative is refused, and nothing is registered.
    const int64_t before = cases();
    r = browser.post_multipart("/werk/nieuw", {{"csrf", csrf, ""},
                                               {"kind", "complaint", ""},
                                               {"channel", "letter", ""},
                                               {"subject", "S", ""},
                                               {"description", "D", ""},
                                               {"authorisation", "?", "machtiging.txt"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(cases(), before);
    // So is one larger than the dossier takes.
    r = browser.post_multipart("/werk/nieuw",
                               {{"csrf", csrf, ""},
                                {"kind", "complaint", ""},
                                {"channel", "letter", ""},
                                {"subject", "S", ""},
                                {"description", "D", ""},
                                {"representative_name", "M. Jansen", ""},
                                {"authorisation", std::string(10 * 1024 * 1024 + 1, 'x'), "machtiging.txt"}});
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(cases(), before);
}

// Days shown on the pages are days in the procedure's time zone: a letter written half an hour
// after midnight in Amsterdam (still the day before in UTC) is dated that Amsterdam day.
TEST_P(WebTest, ALetterIsDatedByTheDayItWasWrittenInAmsterdam) {
    server_->set_now("2027-01-21T00:30:00+01:00");
    Browser browser(server_->port());
    browser.get("/mos/klacht");
    // An event more than six months ago: M.O.S. answers at once that the right has lapsed (002
    // §Uitgangspunten 7), with a letter.
    auto r = browser.post_form("/mos/klacht",
                               complaint_form(browser.cookie("mp_csrf")) + "&event_date=2026-01-05");
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string location = r.headers["location"];
    auto portal = browser.get(location.substr(0, location.rfind("/bevestiging")));
    ASSERT_EQ(portal.status, 200);
    // In the thread of messages and letters, with the moment it was written.
    const auto thread = portal.body.substr(portal.body.find("id=\"berichten\""));
    EXPECT_NE(thread.find("<li class=\"letter-item\">"), std::string::npos) << thread;
    EXPECT_NE(thread.find("<span class=\"hint\">(donderdag 21 januari 2027 om 00:30)</span>"),
              std::string::npos)
        << thread;
    EXPECT_EQ(portal.body.find("20 januari 2027"), std::string::npos);
}

TEST_P(WebTest, FormTextThatIsNotCleanUtf8IsRefusedNeverA500) {
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    file_complaint(browser);
    auto r =
        browser.post_form("/werk/zaken/2027-000001/actie",
                          "csrf=" + browser.cookie("mp_csrf") + "&action=assign&handler=anna%FF%40focus.nl");
    EXPECT_EQ(r.status, 400);
    r = browser.post_form("/login",
                          "csrf=" + browser.cookie("mp_csrf") + "&org=focus&email=%ED%A0%80&password=x");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(browser.get("/werk/zaken?q=%C3%28").status, 400);
    // The register's filters are checked as the API checks them.
    EXPECT_EQ(browser.get("/werk/zaken?due_before=gisteren").status, 400);
    EXPECT_EQ(browser.get("/werk/zaken.csv?q=" + std::string(201, 'x')).status, 400);
    EXPECT_EQ(browser.get("/werk/zaken?q=" + std::string(200, 'x')).status, 200);
}

TEST_P(WebTest, AStaleActionIsRefusedAndThePageShownAgain) {
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    file_complaint(browser);
    auto r = browser.post_form(
        "/werk/zaken/2027-000001/actie",
        "csrf=" + browser.cookie("mp_csrf") + "&action=assign&handler=anna%40focus.nl&version=7");
    EXPECT_EQ(r.status, 412);
    EXPECT_NE(r.body.find("id=\"action-error\""), std::string::npos);
    EXPECT_NE(r.body.find("Ontvangen"), std::string::npos);  // still in its first stage
    // In words, with a link to the case as it is now; no error code.
    EXPECT_NE(r.body.find("Iemand anders heeft deze zaak intussen gewijzigd"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("zaken&#x2F;2027-000001\">De zaak opnieuw laden</a>"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("version_mismatch"), std::string::npos);
}

TEST_P(WebTest, AdministrationIsForAdministratorsAndGivesNoPortalRoles) {
    Browser manager(server_->port());
    ASSERT_EQ(login(manager, kPassword).status, 303);
    EXPECT_EQ(manager.get("/werk/beheer").status, 403);
    EXPECT_EQ(manager
                  .post_form("/werk/beheer/mensen",
                             "csrf=" + manager.cookie("mp_csrf") +
                                 "&email=x%40focus.nl&name=X&role=manager&password=lang+genoeg+wachtwoord")
                  .status,
              403);
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    const auto page = admin.get("/werk/beheer");
    EXPECT_EQ(page.status, 200);
    // People by name, roles by the procedure's names, never their codes.
    EXPECT_NE(page.body.find("<td>Leidinggevende</td>"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("<td>Beheerder</td>"), std::string::npos);
    EXPECT_EQ(page.body.find("<td>manager</td>"), std::string::npos);
    EXPECT_EQ(page.body.find("<td>administrator</td>"), std::string::npos);
    // A forged form: roles given by a portal link or an assignment are never an account's.
    for (const char* role : {"complainant", "handler"}) {
        auto r = admin.post_form("/werk/beheer/mensen", "csrf=" + admin.cookie("mp_csrf") + "&email=" + role +
                                                            "%40focus.nl&name=X&role=" + role +
                                                            "&password=lang+genoeg+wachtwoord");
        EXPECT_EQ(r.status, 400) << role;
    }
    auto short_password = admin.post_form(
        "/werk/beheer/mensen",
        "csrf=" + admin.cookie("mp_csrf") + "&email=kort%40focus.nl&name=Kort&role=employee&password=kort");
    EXPECT_EQ(short_password.status, 422);
    EXPECT_NE(short_password.body.find("minstens 12 tekens"), std::string::npos);
    auto ok = admin.post_form(
        "/werk/beheer/mensen",
        "csrf=" + admin.cookie("mp_csrf") +
            "&email=nieuw%40focus.nl&name=Nieuw&role=employee&password=lang+genoeg+wachtwoord");
    EXPECT_EQ(ok.status, 200);
    EXPECT_NE(ok.body.find("nieuw@focus.nl"), std::string::npos);
    EXPECT_EQ(manager.post_form("/werk/beheer/mensen", "csrf=" + manager.cookie("mp_csrf")).status, 403);
}

// Issue 12: M.O.S.'s procedure file, uploaded as Focus's new version, was accepted and went live
// at once. Another organisation's file is refused; Focus's own new version is shown beside the
// version in force and goes live only when the administrator confirms; an earlier version can be
// put back; the public procedure page says which version is in force.
TEST_P(WebTest, ANewProcedureVersionGoesLiveOnlyWhenConfirmedAndCanBePutBack) {
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    const std::string csrf = admin.cookie("mp_csrf");
    const auto policy = [](const std::string& name) {
        std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/" + name + ".toml");
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    const auto upload = [&](const std::string& text, const std::string& name) {
        return admin.post_multipart("/werk/beheer/procedure",
                                    {{"csrf", csrf, ""}, {"procedure", text, name}});
    };
    Browser visitor(server_->port());
    const auto public_page = [&] { return html_text(visitor.get("/focus/procedure").body); };
    ASSERT_NE(public_page().find("Versie 1 van deze regeling, in gebruik sinds"), std::string::npos);

    const auto other = upload(policy("mos"), "mos.toml");
    EXPECT_EQ(other.status, 422);
    EXPECT_NE(
        html_text(other.body).find("dit bestand is de klachtenregeling van M.O.S. (met Oink! en Iduna)"),
        std::string::npos)
        << other.body;
    EXPECT_NE(html_text(other.body).find("niet die van Focus"), std::string::npos);

    std::string next = policy("focus");
    const std::string two_days = "name = \"Contact met de klager\"\nperiod = \"2 werkdagen\"";
    ASSERT_NE(next.find(two_days), std::string::npos);
    next.replace(next.find(two_days), two_days.size(),
                 "name = \"Contact met de klager\"\nperiod = \"3 werkdagen\"");
    const auto added = upload(next, "focus-v2.toml");
    ASSERT_EQ(added.status, 200) << added.body;
    const std::string preview = html_text(added.body);
    EXPECT_NE(preview.find("Versie 2 is toegevoegd, maar nog niet in gebruik"), std::string::npos) << preview;
    EXPECT_NE(preview.find("Zo verschilt versie 2 van versie 1, die nu in gebruik is."), std::string::npos);
    EXPECT_NE(preview.find("Was: Contact met de klager: binnen 2 werkdagen na ontvangst."),
              std::string::npos);
    EXPECT_NE(preview.find("Wordt: Contact met de klager: binnen 3 werkdagen na ontvangst."),
              std::string::npos);
    EXPECT_NE(preview.find("Versie 2 in gebruik nemen"), std::string::npos);
    // Not live yet: the public page and new cases keep version 1.
    EXPECT_NE(public_page().find("Versie 1 van deze regeling"), std::string::npos);
    EXPECT_NE(public_page().find("binnen 2 werkdagen"), std::string::npos);

    // Confirmed against a comparison that is no longer true: shown again, nothing changes.
    const auto stale = admin.post_form("/werk/beheer/procedure/2/activeren", "csrf=" + csrf + "&in_force=7");
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(html_text(stale.body).find("Intussen is een andere versie in gebruik genomen."),
              std::string::npos);
    EXPECT_NE(public_page().find("Versie 1 van deze regeling"), std::string::npos);
    const auto activated =
        admin.post_form("/werk/beheer/procedure/2/activeren", "csrf=" + csrf + "&in_force=1");
    ASSERT_EQ(activated.status, 200) << activated.body;
    const std::string admin_page = html_text(activated.body);
    EXPECT_NE(admin_page.find("Versie 2 is in gebruik genomen."), std::string::npos);
    EXPECT_NE(admin_page.find("door beheer"), std::string::npos) << admin_page;  // the account's name
    EXPECT_NE(public_page().find("Versie 2 van deze regeling"), std::string::npos);
    EXPECT_NE(public_page().find("binnen 3 werkdagen"), std::string::npos);
    EXPECT_EQ(admin.post_form("/werk/beheer/procedure/2/activeren", "csrf=" + csrf).status, 409);

    // Back to version 1, from its own page.
    const std::string first = html_text(admin.get("/werk/beheer/procedure/1").body);
    EXPECT_NE(first.find("Terugzetten naar versie 1"), std::string::npos) << first;
    EXPECT_NE(first.find("Zo verschilt versie 1 van versie 2"), std::string::npos);
    ASSERT_EQ(admin.post_form("/werk/beheer/procedure/1/activeren", "csrf=" + csrf).status, 200);
    EXPECT_NE(public_page().find("Versie 1 van deze regeling"), std::string::npos);
    const std::string history = html_text(admin.get("/werk/beheer").body);
    EXPECT_NE(history.find("Eerder in gebruik"), std::string::npos) << history;

    // What is no version is no page; a form without its token changes nothing.
    EXPECT_EQ(admin.get("/werk/beheer/procedure/abc").status, 404);
    EXPECT_EQ(admin.get("/werk/beheer/procedure/99").status, 404);
    EXPECT_EQ(admin.get("/werk/beheer/procedure/99999999999999999999").status, 404);
    EXPECT_EQ(admin.post_form("/werk/beheer/procedure/99/activeren", "csrf=" + csrf).status, 404);
    EXPECT_EQ(admin.post_form("/werk/beheer/procedure/2/activeren", "csrf=wrong").status, 403);
    EXPECT_NE(public_page().find("Versie 1 van deze regeling"), std::string::npos);
    // Staff who are no administrator see no version.
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_EQ(anna.get("/werk/beheer/procedure/1").status, 403);
}

// The administrator sets the organisation's sender and sends a test message to themselves; the
// page shows how it fared, as the relay answered. An address that is no address is refused.
TEST_P(WebTest, AnAdministratorSetsTheSenderAndSeesTheTestMessageArrive) {
    using namespace meldpunt;
    auto& smtp = meldpunt::testing::smtp_server();
    smtp.start_if_stopped();
    smtp.clear();
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    const std::string csrf = "csrf=" + admin.cookie("mp_csrf");
    auto refused =
        admin.post_form("/werk/beheer/mail", csrf + "&mail_from=klachten+focus.nl&mail_from_name=");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("klachten focus.nl"),
              std::string::npos);  // said back, the form kept its place
    auto saved = admin.post_form("/werk/beheer/mail",
                                 csrf + "&mail_from=klachten%40focus.nl&mail_from_name=Focus+Klachten");
    EXPECT_EQ(saved.status, 200);
    EXPECT_NE(saved.body.find("De afzender is opgeslagen."), std::string::npos);
    EXPECT_NE(saved.body.find("value=\"klachten@focus.nl\""), std::string::npos) << saved.body;
    auto queued = admin.post_form("/werk/beheer/mail/test", csrf);
    EXPECT_EQ(queued.status, 200);
    EXPECT_NE(queued.body.find("wordt verstuurd naar beheer@focus.nl"), std::string::npos) << queued.body;
    EXPECT_NE(queued.body.find("<td>wordt verstuurd</td>"), std::string::npos) << queued.body;

    mail::SmtpSender sender(smtp.url());
    workers::Deliverer deliverer(server_->store(), sender, {"server@meldpunt.example", "Meldpunt"});
    EXPECT_EQ(deliverer.deliver(server_->now()).sent, 1);
    ASSERT_EQ(smtp.wait_for(1, 5), 1u);
    const std::string mail = smtp.messages().front();
    EXPECT_EQ(meldpunt::testing::header_of(mail, "From"), "Focus Klachten <klachten@focus.nl>");
    EXPECT_EQ(meldpunt::testing::header_of(mail, "Subject"), "Testbericht van Meldpunt voor Focus");
    auto page = admin.get("/werk/beheer");
    EXPECT_NE(page.body.find("<td>bezorgd op "), std::string::npos) << page.body;
    std::vector<std::string> actions;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& entry : tx.audit.entries(0, 100000))
            actions.push_back(entry.action);
    });
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "org.mail_sender"), 1);
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "mail.test"), 1);
    // Not for staff who are no administrator.
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_EQ(anna.post_form("/werk/beheer/mail/test", "csrf=" + anna.cookie("mp_csrf")).status, 403);
}

// Mail in for the administrator: the address replies come back to, the mailbox the server reads,
// what arrived with what became of it, and the quarantine: each message with its reason, to download
// as it arrived and to mark as dealt with.
TEST_P(WebTest, AnAdministratorSetsUpMailInAndDealsWithTheQuarantine) {
    using namespace meldpunt;
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    const std::string csrf = "csrf=" + admin.cookie("mp_csrf");
    EXPECT_NE(admin.get("/werk/beheer").body.find("href=\"/werk/beheer/mail-in\""), std::string::npos);

    EXPECT_EQ(admin.post_form("/werk/beheer/mail-in/adres", csrf + "&mail_in=klachten%2Bx%40focus.nl").status,
              400);
    auto saved = admin.post_form("/werk/beheer/mail-in/adres", csrf + "&mail_in=klachten%40focus.nl");
    EXPECT_EQ(saved.status, 200);
    EXPECT_NE(saved.body.find("value=\"klachten@focus.nl\""), std::string::npos);
    auto bad_box = admin.post_form(
        "/werk/beheer/mail-in/postvak",
        csrf + "&mailbox_url=http%3A%2F%2Fmail.focus.nl&mailbox_username=k&mailbox_password=p");
    EXPECT_EQ(bad_box.status, 400);
    EXPECT_NE(bad_box.body.find("imaps://mail.example.nl/INBOX"), std::string::npos);
    auto box =
        admin.post_form("/werk/beheer/mail-in/postvak",
                        csrf +
                            "&mailbox_url=imaps%3A%2F%2Fmail.focus.nl%2FINBOX&mailbox_username=klachten"
                            "&mailbox_password=geheim-wachtwoord");
    EXPECT_EQ(box.status, 200);
    EXPECT_NE(box.body.find("mail.focus.nl"), std::string::npos);      // the address as saved
    EXPECT_EQ(box.body.find("geheim-wachtwoord"), std::string::npos);  // never shown again
    // Saved again without a password: the stored one stays.
    admin.post_form(
        "/werk/beheer/mail-in/postvak",
        csrf +
            "&mailbox_url=imaps%3A%2F%2Fmail.focus.nl%2FINBOX&mailbox_username=klachten&mailbox_password=");
    service::MailSettings settings(server_->store());
    EXPECT_EQ(settings.mailbox("focus")->password, "geheim-wachtwoord");

    service::ProcedureRegistry procedures;
    const messages::Catalogue nl(messages::Language::nl);
    service::CaseService cases(server_->store(), procedures, nl);
    const std::string junk = "\x01\x02 no header at all";
    ASSERT_EQ(cases.receive_mail("focus", junk, server_->now()).outcome, service::MailOutcome::quarantined);
    const auto taken = cases.receive_mail("focus",
                                          "From: Kees <kees@example.nl>\r\nSubject: Te laat\r\nMessage-ID: "
                                          "<k1@example.nl>\r\n\r\nDe taxi kwam niet.",
                                          server_->now());
    ASSERT_EQ(taken.outcome, service::MailOutcome::new_case);

    auto page = admin.get("/werk/beheer/mail-in");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Geen leesbaar e-mailbericht"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("Nieuwe zaak <a href=\"/werk/zaken/" + taken.reference + "\">"),
              std::string::npos)
        << page.body;
    const auto waiting = settings.quarantined("focus");
    ASSERT_EQ(waiting.size(), 1u);
    auto download = admin.get("/werk/beheer/mail-in/bericht/" + waiting[0].raw_hash);
    EXPECT_EQ(download.status, 200);
    EXPECT_EQ(download.body, junk);
    EXPECT_EQ(download.headers["content-type"], "message/rfc822");
    EXPECT_EQ(admin.get("/werk/beheer/mail-in/bericht/" + std::string(64, '0')).status, 404);
    auto cleared = admin.post_form(
        "/werk/beheer/mail-in/afgehandeld",
        csrf + "&key=" + waiting[0].message_key.substr(0, 6) + "%3A" + waiting[0].message_key.substr(7));
    EXPECT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_NE(cleared.body.find("Er staan geen berichten in quarantaine."), std::string::npos);

    // Not for staff who are no administrator.
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_EQ(anna.get("/werk/beheer/mail-in").status, 403);
    EXPECT_EQ(anna.get("/werk/beheer/mail-in/bericht/" + waiting[0].raw_hash).status, 403);
}

TEST_P(WebTest, AnAdministratorChangesRolesResetsPasswordsAndDisablesAccounts) {
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    std::string karin_token = server_->create_user("focus", "karin@focus.nl", "employee", "", kPassword);
    server_->create_user("mos", "ivo@mos.nl", "coordinator", "", kPassword);
    std::string karin, ivo, admin_id;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        karin = tx.accounts.user_by_email("focus", "karin@focus.nl")->id;
        ivo = tx.accounts.user_by_email("mos", "ivo@mos.nl")->id;
        admin_id = tx.accounts.user_by_email("focus", "beheer@focus.nl")->id;
    });
    auto roles_of = [&](const std::string& id) {
        std::vector<meldpunt::storage::RoleGrant> roles;
        server_->store().read([&](meldpunt::storage::Tx& tx) { roles = tx.accounts.user(id)->roles; });
        return roles;
    };
    auto api_status = [&](const std::string& token) {
        return http_request(server_->port(), "GET", "/api/v1/orgs/focus/cases",
                            {{"Authorization", "Bearer " + token}})
            .status;
    };
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    auto post = [&](const std::string& path, const std::string& fields) {
        return admin.post_form("/werk/beheer/mensen/" + path, "csrf=" + admin.cookie("mp_csrf") + fields);
    };
    EXPECT_NE(admin.get("/werk/beheer").body.find("/werk/beheer/mensen/" + karin), std::string::npos);
    EXPECT_EQ(admin.get("/werk/beheer/mensen/" + karin).status, 200);
    // Another organisation's account, or none at all, is not there.
    EXPECT_EQ(admin.get("/werk/beheer/mensen/" + ivo).status, 404);
    EXPECT_EQ(post(ivo + "/status", "&active=false").status, 404);
    EXPECT_EQ(admin.get("/werk/beheer/mensen/bestaat-niet").status, 404);

    // Roles: granted, revoked; a role no account can hold is refused.
    EXPECT_EQ(post(karin + "/rollen", "&op=grant&role=manager").status, 200);
    EXPECT_EQ(post(karin + "/rollen", "&op=revoke&role=employee").status, 200);
    EXPECT_EQ(roles_of(karin), (std::vector<meldpunt::storage::RoleGrant>{{"manager", ""}}));
    EXPECT_EQ(post(karin + "/rollen", "&op=grant&role=handler").status, 400);

    // A new password ends the account's sessions and API tokens (issue 15); the old password no
    // longer works.
    ASSERT_EQ(api_status(karin_token), 200);
    Browser karin_browser(server_->port());
    ASSERT_EQ(login(karin_browser, kPassword, "karin@focus.nl").status, 303);
    EXPECT_EQ(post(karin + "/wachtwoord", "&password=kort").status, 422);
    EXPECT_EQ(post(karin + "/wachtwoord", "&password=een+nieuw+wachtwoord").status, 200);
    EXPECT_EQ(karin_browser.get("/werk").status, 303);  // to the login page
    EXPECT_EQ(login(karin_browser, kPassword, "karin@focus.nl").status, 401);
    ASSERT_EQ(login(karin_browser, "een nieuw wachtwoord", "karin@focus.nl").status, 303);
    EXPECT_EQ(api_status(karin_token), 401);
    karin_token = *meldpunt::service::Directory(server_->store())
                       .issue_token("focus", "karin@focus.nl", "test", server_->now());

    // Disabled: sessions end, tokens and the right password are refused, no case can be given to her.
    EXPECT_EQ(api_status(karin_token), 200);
    auto disabled = post(karin + "/status", "&active=false");
    EXPECT_EQ(disabled.status, 200);
    EXPECT_NE(disabled.body.find("Uitgeschakeld"), std::string::npos);
    EXPECT_EQ(karin_browser.get("/werk").status, 303);
    EXPECT_EQ(api_status(karin_token), 401);
    EXPECT_EQ(login(karin_browser, "een nieuw wachtwoord", "karin@focus.nl").status, 401);
    Browser manager(server_->port());
    ASSERT_EQ(login(manager, kPassword).status, 303);
    file_complaint(manager);
    auto assign = manager.post_form(
        "/werk/zaken/2027-000001/actie",
        "csrf=" + manager.cookie("mp_csrf") + "&action=assign&handler=karin%40focus.nl&version=1");
    EXPECT_EQ(assign.status, 422);
    EXPECT_NE(assign.body.find("geen actief account"), std::string::npos);
    // Nor is she offered as handler on the case page.
    EXPECT_EQ(manager.get("/werk/zaken/2027-000001").body.find("value=\"karin@focus.nl\""),
              std::string::npos);
    // Enabled again, her token works again.
    EXPECT_EQ(post(karin + "/status", "&active=true").status, 200);
    EXPECT_EQ(api_status(karin_token), 200);
    EXPECT_NE(manager.get("/werk/zaken/2027-000001").body.find("value=\"karin@focus.nl\""),
              std::string::npos);

    // The last active administrator can neither be disabled nor lose the role.
    auto self = post(admin_id + "/status", "&active=false");
    EXPECT_EQ(self.status, 409);
    EXPECT_NE(self.body.find("laatste actieve beheerder"), std::string::npos);
    EXPECT_EQ(post(admin_id + "/rollen", "&op=revoke&role=administrator").status, 409);
    EXPECT_EQ(post(karin + "/rollen", "&op=grant&role=administrator").status, 200);
    EXPECT_EQ(post(admin_id + "/rollen", "&op=revoke&role=administrator").status, 200);
    EXPECT_EQ(admin.get("/werk/beheer").status, 403);  // no longer an administrator

    std::map<std::string, int> actions;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 1000))
            ++actions[e.action];
    });
    EXPECT_EQ(actions["user.role.grant"], 2);
    EXPECT_EQ(actions["user.role.revoke"], 2);
    EXPECT_EQ(actions["user.password"], 1);
    EXPECT_EQ(actions["user.disable"], 1);
    EXPECT_EQ(actions["user.enable"], 1);
    // None of this is for a manager.
    EXPECT_EQ(manager.get("/werk/beheer/mensen/" + karin).status, 403);
    EXPECT_EQ(manager
                  .post_form("/werk/beheer/mensen/" + karin + "/status",
                             "csrf=" + manager.cookie("mp_csrf") + "&active=false")
                  .status,
              403);
}

TEST_P(WebTest, ThePublicFormTakesTenFilingsAnHourFromOneAddress) {
    // A filing straight over HTTP, with the CSRF cookie and field, from `forwarded_for` if given.
    auto file = [](int port, const std::string& forwarded_for) {
        auto page = http_request(port, "GET", "/focus/klacht", {});
        const std::string& cookie = page.set_cookies.at(0);
        const std::string csrf = cookie.substr(cookie.find('=') + 1, 64);
        std::vector<std::pair<std::string, std::string>> headers{
            {"Cookie", "mp_csrf=" + csrf}, {"Content-Type", "application/x-www-form-urlencoded"}};
        if (!forwarded_for.empty())
            headers.push_back({"X-Forwarded-For", forwarded_for});
        return http_request(port, "POST", "/focus/klacht", headers, complaint_form(csrf));
    };
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(file(server_->port(), "").status, 303) << i;
    auto refused = file(server_->port(), "");
    EXPECT_EQ(refused.status, 429);
    EXPECT_NE(refused.body.find("al 10 meldingen gedaan"), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"Coach kwam niet\""), std::string::npos);  // nothing typed is lost
    // Without --trust-forwarded-for the header is the client's word, and changes nothing.
    EXPECT_EQ(file(server_->port(), "198.51.100.9").status, 429);
    EXPECT_EQ(cases(), 10);
    server_->set_now("2027-01-20T13:01:00Z");  // an hour later
    EXPECT_EQ(file(server_->port(), "").status, 303);

    // Behind a proxy that reports the client, each client has its own count.
    meldpunt::testing::TestServer proxied(meldpunt::testing::fresh_database(GetParam()),
                                          [](auto& options) { options.trust_forwarded_for = true; });
    proxied.create_org("focus", "focus");
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(file(proxied.port(), "10.1.1.1, 198.51.100.7").status, 303) << i;
    EXPECT_EQ(file(proxied.port(), "198.51.100.7").status, 429);
    EXPECT_EQ(file(proxied.port(), "198.51.100.8").status, 303);
}

TEST_P(WebTest, TheRegisterSortsAndKeepsItsSortInItsLinks) {
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    file_complaint(browser);
    file_complaint(browser);
    auto oldest = browser.get("/werk/zaken");
    EXPECT_LT(oldest.body.find(">2027-000001<"), oldest.body.find(">2027-000002<"));
    auto newest = browser.get("/werk/zaken?sort=newest&q=coach");
    EXPECT_LT(newest.body.find(">2027-000002<"), newest.body.find(">2027-000001<"));
    EXPECT_NE(newest.body.find("<option value=\"newest\" selected>"), std::string::npos);
    EXPECT_NE(newest.body.find("zaken.csv?q=coach&amp;sort=newest"), std::string::npos);
    auto csv = browser.get("/werk/zaken.csv?sort=newest");
    EXPECT_LT(csv.body.find("\"2027-000002\""), csv.body.find("\"2027-000001\""));
    EXPECT_EQ(browser.get("/werk/zaken?sort=subject").status, 400);
}

// Issue 12: the CSV opens correctly in Dutch Excel: UTF-8 with a byte order mark, a semicolon
// between cells, Dutch headers and the procedure's names for its values, dates as dd-mm-jjjj.
TEST_P(WebTest, TheRegisterAsCsvOpensInDutchExcel) {
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    file_complaint(browser);
    const auto csv = browser.get("/werk/zaken.csv");
    ASSERT_EQ(csv.status, 200);
    ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
    const auto lines = csv.body.substr(3);
    EXPECT_EQ(lines.substr(0, lines.find("\r\n")),
              "\"Kenmerk\";\"Ontvangen\";\"Soort\";\"Fase\";\"Onderdeel\";\"Behandelaar\";\"Eerstvolgende "
              "termijn\";\"Onderwerp\";\"Oorzaak\";\"Incident of structureel\";\"Oordeel\";\"Uitkomst\";"
              "\"Genoegdoening\";\"Tevredenheid\";\"Evaluatie\"");
    const std::string row = lines.substr(lines.find("\r\n") + 2);
    EXPECT_TRUE(std::regex_search(row, std::regex("^\"2027-000001\";\"[0-3][0-9]-[01][0-9]-2027\";\"Klacht\";"
                                                  "\"Ontvangen\";")))
        << row;
    EXPECT_EQ(row.find("complaint"), std::string::npos) << row;  // no ids where names are
    const auto english = browser.get("/werk/zaken.csv?lang=en");
    EXPECT_NE(english.body.find("\"Reference\",\"Received\",\"Kind\""), std::string::npos) << english.body;
    EXPECT_TRUE(std::regex_search(english.body, std::regex("\"2027-000001\",\"2027-[01][0-9]-[0-3][0-9]\"")));
    // The same selection as an Excel workbook: the same columns (in the language last chosen), the
    // day received as a date.
    const auto workbook = browser.get("/werk/zaken.xlsx");
    ASSERT_EQ(workbook.status, 200);
    EXPECT_EQ(workbook.headers.at("content-type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(workbook.headers.at("content-disposition").find("register.xlsx"), std::string::npos);
    // Written a row at a time (any size of register in the same memory): text is in its cells.
    const auto parts = xlsx_parts(workbook.body, {"xl/workbook.xml", "xl/worksheets/sheet1.xml"});
    EXPECT_NE(parts[0].find("name=\"Register\""), std::string::npos) << parts[0];
    for (const char* heading : {"Reference", "Received", "Cause", "Verdict"})  // in English, as last chosen
        EXPECT_NE(parts[1].find(heading), std::string::npos) << heading << parts[1];
    EXPECT_NE(parts[1].find("<t>2027-000001</t>"), std::string::npos) << parts[1];
    EXPECT_TRUE(std::regex_search(parts[1], std::regex("<c r=\"B2\" s=\"[0-9]+\"><v>4[0-9]{4}</v></c>")))
        << parts[1];
    EXPECT_EQ(browser.get("/werk/zaken.xlsx?q=" + std::string(201, 'x')).status, 400);
}

// Issue 13: the exports stream the register a page of cases at a time, in chunks, so that a register
// of any size goes out in the same memory (bench/run-export.sh: 10^6 cases); every case once, in the
// register's order, across the pages.
TEST_P(WebTest, TheRegisterIsExportedWholeAPageAtATime) {
    constexpr int kCases = 1101;  // three pages of the export's 500
    for (int i = 0; i < kCases; ++i) {
        const auto r =
            http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases",
                         {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                         R"({"kind":"complaint","channel":"phone","subject":"Melding )" + std::to_string(i) +
                             R"(","complainant":{"name":"Klant"}})");
        ASSERT_EQ(r.status, 201) << r.body;
    }
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    const auto csv = browser.get("/werk/zaken.csv?sort=oldest");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.headers.at("transfer-encoding"), "chunked");
    std::vector<std::string> references;
    const std::regex reference("\r\n\"(2027-[0-9]{6})\";");
    for (auto it = std::sregex_iterator(csv.body.begin(), csv.body.end(), reference);
         it != std::sregex_iterator(); ++it)
        references.push_back((*it)[1]);
    ASSERT_EQ(references.size(), static_cast<size_t>(kCases));
    for (int i = 0; i < kCases; ++i) {
        char expected[32];
        std::snprintf(expected, sizeof expected, "2027-%06d", i + 1);
        ASSERT_EQ(references[static_cast<size_t>(i)], expected) << i;
    }
    const auto workbook = browser.get("/werk/zaken.xlsx?sort=oldest");
    ASSERT_EQ(workbook.status, 200);
    EXPECT_EQ(workbook.headers.at("transfer-encoding"), "chunked");
    const auto sheet = xlsx_parts(workbook.body, {"xl/worksheets/sheet1.xml"})[0];
    size_t rows = 0;
    for (size_t at = sheet.find("<row "); at != std::string::npos; at = sheet.find("<row ", at + 1))
        ++rows;
    EXPECT_EQ(rows, static_cast<size_t>(kCases) + 1);  // and the header
    EXPECT_NE(sheet.find("<t>2027-001101</t>"), std::string::npos);
    // HTTP/1.0 knows no chunks: the body is sent as it is and ends with the connection.
    const auto old = meldpunt::testing::raw_request(
        server_->port(),
        "GET /werk/zaken.csv?sort=oldest HTTP/1.0\r\nHost: localhost\r\nCookie: mp_session=" +
            browser.cookie("mp_session") + "\r\n\r\n");
    ASSERT_EQ(old.rfind("HTTP/1.0 200", 0), 0u) << old.substr(0, 300);
    const auto body_at = old.find("\r\n\r\n");
    ASSERT_NE(body_at, std::string::npos);
    EXPECT_EQ(old.substr(0, body_at).find("chunked"), std::string::npos) << old.substr(0, body_at);
    EXPECT_EQ(old.substr(body_at + 4), csv.body);
}

// Issue 12: an address that is no page answers a page in Dutch (or the reader's language) with
// status 404, wherever it points; the API keeps answering JSON.
TEST_P(WebTest, AnAddressThatIsNoPageAnswersAPageInTheReadersLanguage) {
    Browser browser(server_->port());
    for (const std::string path :
         {"/werk/bestaat-niet", "/focus/bestaat/niet", "/bestaat-niet/x/y/z", "/x"}) {
        const auto r = browser.get(path);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_NE(r.headers.at("content-type").find("text/html"), std::string::npos) << path;
        EXPECT_NE(html_text(r.body).find("Deze pagina bestaat niet."), std::string::npos) << path;
        EXPECT_NE(r.body.find("<a href=\"/\">Naar de startpagina</a>"), std::string::npos) << path;
    }
    const auto english = browser.get("/werk/bestaat-niet?lang=en");
    EXPECT_EQ(english.status, 404);
    EXPECT_NE(html_text(english.body).find("This page does not exist."), std::string::npos);
    EXPECT_EQ(browser.post_form("/werk/bestaat-niet", "a=b").status, 404);
    for (const std::string path : {"/api/v1/bestaat-niet", "/api"}) {
        const auto api = browser.get(path);
        EXPECT_EQ(api.status, 404) << path;
        EXPECT_EQ(nlohmann::json::parse(api.body)["error"]["code"], "not_found") << api.body;
    }
}

// Issue 12: the login page remembers the organisation last logged into from this browser, or finds
// it from the e-mail address, instead of starting at the first organisation in the list.
TEST_P(WebTest, TheLoginFindsTheOrganisationFromTheAddressAndRemembersIt) {
    const auto attempt = [&](Browser& browser, const std::string& org, const std::string& email) {
        browser.get("/login");
        return browser.post_form("/login",
                                 "csrf=" + browser.cookie("mp_csrf") + "&org=" + org +
                                     "&email=" + std::regex_replace(email, std::regex("@"), "%40") +
                                     "&password=" + std::regex_replace(kPassword, std::regex(" "), "+"));
    };
    Browser first(server_->port());
    const auto form = first.get("/login");
    EXPECT_NE(form.body.find("<option value=\"\">Volgt uit mijn e-mailadres</option>"), std::string::npos);
    EXPECT_EQ(form.body.find("selected"), std::string::npos) << form.body;
    ASSERT_EQ(attempt(first, "", "anna@focus.nl").status, 303);
    EXPECT_EQ(first.cookie("mp_org"), "focus");
    EXPECT_EQ(first.get("/werk").status, 200);
    // The next visit of this browser starts at Focus.
    Browser again(server_->port());
    again.set_cookie("mp_org", "focus");
    EXPECT_NE(again.get("/login").body.find("<option value=\"focus\" selected>"), std::string::npos);
    // An address of no account, or of accounts in two organisations, fails as a wrong password does.
    server_->create_user("mos", "anna@focus.nl", "coordinator", "", kPassword);
    for (const std::string email : {"anna@focus.nl", "niemand@focus.nl"}) {
        Browser other(server_->port());
        const auto refused = attempt(other, "", email);
        EXPECT_EQ(refused.status, 401) << email;
        EXPECT_NE(html_text(refused.body)
                      .find("De combinatie van organisatie, e-mailadres en wachtwoord klopt niet."),
                  std::string::npos)
            << email;
        EXPECT_TRUE(other.cookie("mp_org").empty());
    }
    Browser chosen(server_->port());
    EXPECT_EQ(attempt(chosen, "mos", "anna@focus.nl").status, 303);
    EXPECT_EQ(chosen.cookie("mp_org"), "mos");
}

// Issue 12: the register and the dashboard speak of people by name, give dates in Dutch ("18 jan.
// 2027") and mark the cases whose deadline has passed.
TEST_P(WebTest, TheRegisterNamesPeopleAndMarksWhatIsOverdue) {
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    file_complaint(browser);
    ASSERT_EQ(browser
                  .post_form("/werk/zaken/2027-000001/actie",
                             "csrf=" + browser.cookie("mp_csrf") + "&action=assign&handler=anna%40focus.nl")
                  .status,
              303);
    const std::string fresh = browser.get("/werk/zaken").body;
    EXPECT_NE(fresh.find("<td>anna</td>"), std::string::npos) << fresh;  // the account's name
    EXPECT_EQ(fresh.find("<td>anna@focus.nl</td>"), std::string::npos);
    EXPECT_TRUE(std::regex_search(fresh, std::regex(R"(<td>[0-9]{1,2} (jan|feb)\. 2027</td>)"))) << fresh;
    EXPECT_EQ(fresh.find("status-overdue"), std::string::npos);
    server_->set_now("2027-03-01T09:00:00+01:00");     // every deadline of the case has passed
    ASSERT_EQ(login(browser, kPassword).status, 303);  // the session of January has expired
    const std::string later = browser.get("/werk/zaken").body;
    EXPECT_NE(later.find("<tr class=\"status-overdue\">"), std::string::npos) << later;
    EXPECT_NE(later.find("(verlopen)"), std::string::npos);
    EXPECT_NE(browser.get("/werk").body.find("(verlopen)"), std::string::npos);
}

// A coordinator finds a case by its reference or number, by a name or an e-mail address, by the
// beginning of a word, and between two days of receipt; the register lists what arrived first first,
// also when it was registered later.
TEST_P(WebTest, TheRegisterFindsByReferenceNameAddressAndBeginningOfAWord) {
    Browser browser(server_->port());
    ASSERT_EQ(login(browser, kPassword).status, 303);
    file_complaint(browser);  // 2027-000001: Jan de Vries, received today
    const std::string letter =
        "&kind=complaint&channel=letter&subject=Brief+over+de+rekening&description=Factuur+klopt+niet"
        "&name=Bakker&email=bakker%40example.nl&received_on=2027-01-18";
    ASSERT_EQ(browser.post_form("/werk/nieuw", "csrf=" + browser.cookie("mp_csrf") + letter).status, 303);
    const auto rows = [&](const std::string& query) {
        const auto page = browser.get("/werk/zaken" + query);
        EXPECT_EQ(page.status, 200) << query;
        std::vector<std::string> references;
        const std::regex row(R"re(<td><a href="/werk/zaken/([0-9-]+)">)re");
        for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), row);
             it != std::sregex_iterator(); ++it)
            references.push_back((*it)[1]);
        return references;
    };
    using References = std::vector<std::string>;
    EXPECT_EQ(rows(""), (References{"2027-000002", "2027-000001"}));  // received on the 18th first
    EXPECT_EQ(rows("?sort=newest"), (References{"2027-000001", "2027-000002"}));
    EXPECT_EQ(rows("?q=bakker"), References{"2027-000002"});
    EXPECT_EQ(rows("?q=jan%40example.nl"), References{"2027-000001"});
    EXPECT_EQ(rows("?q=Jan+de+Vries"), References{"2027-000001"});
    EXPECT_EQ(rows("?q=coac"), References{"2027-000001"});
    EXPECT_EQ(rows("?q=2027-000002"), References{"2027-000002"});
    EXPECT_EQ(rows("?q=1"), References{"2027-000001"});
    EXPECT_EQ(rows("?received_from=2027-01-18&received_to=2027-01-18"), References{"2027-000002"});
    EXPECT_EQ(rows("?received_from=2027-01-19"), References{"2027-000001"});
    // The filters chosen stay chosen, and the CSV and the next page keep them.
    const auto page = browser.get("/werk/zaken?q=bakker&received_from=2027-01-01").body;
    EXPECT_NE(page.find("name=\"received_from\" value=\"2027-01-01\""), std::string::npos) << page;
    EXPECT_NE(page.find("zaken.csv?q=bakker&amp;received_from=2027-01-01"), std::string::npos) << page;
    EXPECT_NE(page.find("<td>Bakker</td>"), std::string::npos);  // the complainant's name
    EXPECT_EQ(browser.get("/werk/zaken?received_to=2027-02-30").status, 400);
    // A due-day filter (the dashboard's "soon" list links with one) is kept by the CSV and the next page.
    EXPECT_NE(browser.get("/werk/zaken?due_before=2027-02-01&sort=due")
                  .body.find("zaken.csv?due_before=2027-02-01&amp;sort=due"),
              std::string::npos);
    // An anonymous letter that still carries a name: the register says "anoniem" and the name
    // finds nothing.
    ASSERT_EQ(browser
                  .post_form("/werk/nieuw", "csrf=" + browser.cookie("mp_csrf") +
                                                "&kind=complaint&channel=letter&subject=Anonieme+brief"
                                                "&description=Zonder+afzender&name=Geheim&anonymous=yes")
                  .status,
              303);
    EXPECT_TRUE(rows("?q=geheim").empty());
    EXPECT_NE(browser.get("/werk/zaken?q=anonieme").body.find("<td>anoniem</td>"), std::string::npos);
}

// Failed logins count per e-mail address, whatever organisation they name or leave out: the limit
// then says nothing about which organisation an address has an account with.
TEST_P(WebTest, FailedLoginsCountPerAddressWhateverTheOrganisation) {
    const auto attempt = [&](const std::string& org, const std::string& password) {
        Browser browser(server_->port());
        browser.get("/login");
        return browser
            .post_form("/login", "csrf=" + browser.cookie("mp_csrf") + "&org=" + org +
                                     "&email=Anna%40focus.nl&password=" + password)
            .status;
    };
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(attempt(i % 2 ? "mos" : "", "fout"), 401) << i;
    EXPECT_EQ(attempt("focus", "fout"), 429);
    EXPECT_EQ(attempt("", "fout"), 429);
    EXPECT_EQ(attempt("mos", "fout"), 429);
}

TEST_P(WebTest, LinksBackToThePageStayOnThisSite) {
    Browser browser(server_->port());
    auto r = browser.get("//evil.example/klacht");
    EXPECT_EQ(r.body.find("href=\"//evil"), std::string::npos);
    EXPECT_EQ(r.body.find("&#x2F;&#x2F;evil"), std::string::npos);
    EXPECT_NE(r.body.find("&#x2F;evil.example&#x2F;klacht?lang=en"), std::string::npos);
    // Issue 15: a tab and a backslash, which a browser drops and reads as a slash.
    r = browser.get("/%09%5Cevil.example/klacht");
    EXPECT_NE(r.body.find("href=\"&#x2F;%09%5Cevil.example&#x2F;klacht?lang=en\""), std::string::npos)
        << r.body;
    EXPECT_EQ(r.body.find("href=\"&#x2F;\t"), std::string::npos);
    EXPECT_EQ(r.body.find("&#x2F;\\evil"), std::string::npos);
}

// Retention (issue 15): the coordinator sees which cases the next 30 days anonymise, places a legal
// hold with a reason and lifts it; an employee who does not see every case gets no page; a case
// the sweep anonymised says so on its page and shows no name.
TEST_P(WebTest, TheCoordinatorChecksComingPurgesAndPlacesAndLiftsALegalHold) {
    const std::string piet = server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    const std::string els = server_->create_user("focus", "els@focus.nl", "quality_manager");
    const std::string reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-18T10:00:00+01:00");
    const auto step = [&](const std::string& token, const nlohmann::json& body) {
        auto r = http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
                              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                              body.dump());
        ASSERT_EQ(r.status, 200) << body.dump() << r.body;
    };
    step(token_, {{"action", "assign"}, {"handler", "piet@focus.nl"}});
    step(piet, {{"action", "offer"}, {"verdict", "gegrond"}, {"compensation", "geen"}, {"offer", "Excuses"}});
    step(piet, {{"action", "accept"}, {"satisfaction", "tevreden"}});
    step(piet,
         {{"action", "record"}, {"summary", "Gesprek"}, {"cause", "bejegening"}, {"nature", "incident"}});
    step(els,
         {{"action", "close"}, {"erp_reference", "ES-1"}});  // on 18 January 2027: kept until 18 January 2029

    server_->set_now("2029-01-05T10:00:00+01:00");
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_NE(anna.get("/werk/rapportages").body.find("href=\"/werk/bewaartermijn\""), std::string::npos);
    auto page = anna.get("/werk/bewaartermijn");
    ASSERT_EQ(page.status, 200) << page.body;
    std::string text = html_text(page.body);
    EXPECT_NE(text.find("Het klachtendossier wordt twee jaar na afsluiting bewaard."), std::string::npos)
        << text;
    EXPECT_NE(text.find(reference + "KlachtAfspraak gemistdonderdag 18 januari 2029Geen"), std::string::npos)
        << text;

    // A hold needs a day; then it is listed with who placed it and why.
    const std::string csrf = "csrf=" + anna.cookie("mp_csrf");
    auto refused = anna.post_form("/werk/bewaartermijn/blokkade",
                                  csrf + "&reference=" + reference + "&until=1-3-2029&reason=Rechtszaak");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("Kies de dag"), std::string::npos);
    auto unknown = anna.post_form("/werk/bewaartermijn/blokkade",
                                  csrf + "&reference=2027-999999&until=2029-03-01&reason=Rechtszaak");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(html_text(unknown.body).find("Er is geen zaak 2027-999999."), std::string::npos);
    auto placed =
        anna.post_form("/werk/bewaartermijn/blokkade",
                       csrf + "&reference=" + reference + "&until=2029-03-01&reason=Lopende+rechtszaak");
    ASSERT_EQ(placed.status, 200) << placed.body;
    text = html_text(placed.body);
    EXPECT_NE(text.find("Zaak " + reference + " is geblokkeerd tot en met donderdag 1 maart 2029."),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Geblokkeerd tot en met donderdag 1 maart 2029 door annaLopende rechtszaak"),
              std::string::npos)
        << text;

    // The sweep keeps it; lifted, the next sweep anonymises it.
    meldpunt::service::ProcedureRegistry procedures;
    const meldpunt::messages::Catalogue language(meldpunt::messages::Language::nl);
    meldpunt::service::Sweeper sweeper(server_->store(), procedures, language);
    EXPECT_EQ(sweeper.sweep(meldpunt::testing::amsterdam_instant("2029-01-21T01:00:00+01:00")).held, 1);
    auto lifted = anna.post_form("/werk/bewaartermijn/blokkade/opheffen", csrf + "&reference=" + reference);
    ASSERT_EQ(lifted.status, 200);
    EXPECT_NE(html_text(lifted.body).find("De blokkade van zaak " + reference + " is opgeheven."),
              std::string::npos);
    EXPECT_EQ(
        anna.post_form("/werk/bewaartermijn/blokkade/opheffen", csrf + "&reference=" + reference).status,
        404);
    EXPECT_EQ(sweeper.sweep(meldpunt::testing::amsterdam_instant("2029-01-22T01:00:00+01:00")).anonymised, 1);
    auto anonymised = anna.get("/werk/zaken/" + reference);
    ASSERT_EQ(anonymised.status, 200);
    EXPECT_NE(anonymised.body.find("id=\"anonymised\""), std::string::npos);
    EXPECT_NE(html_text(anonymised.body).find("Op maandag 22 januari 2029 is de zaak anoniem gemaakt"),
              std::string::npos)
        << html_text(anonymised.body);
    EXPECT_EQ(anonymised.body.find("J. de Vries"), std::string::npos);

    // An employee does not see every case: no page, no hold.
    Browser karel(server_->port());
    ASSERT_EQ(login(karel, kPassword, "piet@focus.nl").status, 303);
    EXPECT_EQ(karel.get("/werk/bewaartermijn").status, 403);
    EXPECT_EQ(karel
                  .post_form("/werk/bewaartermijn/blokkade", "csrf=" + karel.cookie("mp_csrf") +
                                                                 "&reference=" + reference +
                                                                 "&until=2029-03-01&reason=Rechtszaak")
                  .status,
              403);
}

// A data subject's request on the pages (issue 15; GDPR art. 15, 18): the coordinator registers it
// (a wrong address is refused in words), sees the case the person is in and the deadline, downloads
// the ZIP, restricts the case, which then takes no step, and lifts the restriction again; an
// employee who does not see every case gets no page.
TEST_P(WebTest, TheCoordinatorHandlesADataSubjectsRequestOnThePages) {
    server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    const std::string reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-18T10:00:00+01:00");
    server_->set_now("2027-01-20T10:00:00+01:00");
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_NE(anna.get("/werk/bewaartermijn").body.find("href=\"/werk/bewaartermijn/verzoeken\""),
              std::string::npos);
    const std::string csrf = "csrf=" + anna.cookie("mp_csrf");
    auto wrong = anna.post_form("/werk/bewaartermijn/verzoeken",
                                csrf + "&name=J.+de+Vries&email=geen-adres&right=access");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_NE(html_text(wrong.body).find("dit is geen geldig e-mailadres"), std::string::npos);
    auto registered = anna.post_form("/werk/bewaartermijn/verzoeken",
                                     csrf + "&name=J.+de+Vries&email=&right=restriction&received=");
    ASSERT_EQ(registered.status, 303) << registered.body;
    EXPECT_EQ(registered.headers["location"], "/werk/bewaartermijn/verzoeken/1");
    auto page = anna.get("/werk/bewaartermijn/verzoeken/1");
    ASSERT_EQ(page.status, 200) << page.body;
    std::string text = html_text(page.body);
    EXPECT_NE(text.find("Verzoek 1: J. de Vries"), std::string::npos) << text;
    // One month from Wednesday 20 January 2027: Saturday 20 February, so Monday 22 February.
    EXPECT_NE(text.find("maandag 22 februari 2027 (nog 33 dagen)"), std::string::npos) << text;
    EXPECT_NE(text.find(reference + "KlachtAfspraak gemist"), std::string::npos) << text;
    EXPECT_NE(text.find("indiener"), std::string::npos);
    auto list = anna.get("/werk/bewaartermijn/verzoeken");
    EXPECT_NE(html_text(list.body).find("1J. de Vriesbeperking van de verwerking"), std::string::npos)
        << html_text(list.body);

    auto zip = anna.get("/werk/bewaartermijn/verzoeken/1/gegevens.zip");
    ASSERT_EQ(zip.status, 200);
    EXPECT_EQ(zip.headers["content-type"], "application/zip");
    EXPECT_NE(zip.headers["content-disposition"].find("gegevens-verzoek-1.zip"), std::string::npos);
    EXPECT_EQ(zip.body.rfind("PK\x03\x04", 0), 0u);

    auto decided = anna.post_form("/werk/bewaartermijn/verzoeken/1/besluit",
                                  csrf + "&reference=" + reference + "&outcome=granted&decision=Beperkt.");
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_NE(html_text(decided.body).find("Verwerking beperkt: " + reference + "."), std::string::npos)
        << html_text(decided.body);
    const auto assign = [&] {
        return http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
                            {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                            nlohmann::json{{"action", "assign"}, {"handler", "piet@focus.nl"}}.dump());
    };
    auto refused = assign();
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.body.find("case_restricted"), std::string::npos) << refused.body;
    auto lifted = anna.post_form("/werk/bewaartermijn/verzoeken/1/beperking-opheffen",
                                 csrf + "&reference=" + reference);
    ASSERT_EQ(lifted.status, 200);
    EXPECT_NE(html_text(lifted.body).find("De beperking van zaak " + reference + " is opgeheven."),
              std::string::npos);
    EXPECT_EQ(assign().status, 200);
    EXPECT_EQ(anna.get("/werk/bewaartermijn/verzoeken/99").status, 404);
    EXPECT_EQ(anna.get("/werk/bewaartermijn/verzoeken/x1").status, 404);

    // The dashboard names the requests due within a week and those overdue, by number only.
    ASSERT_EQ(anna.post_form("/werk/bewaartermijn/verzoeken",
                             csrf + "&name=K.+Smit&right=access&received=2026-12-22")
                  .status,
              303);
    ASSERT_EQ(anna.post_form("/werk/bewaartermijn/verzoeken",
                             csrf + "&name=L.+Bos&right=access&received=2026-12-10")
                  .status,
              303);
    const std::string dashboard = html_text(anna.get("/werk").body);
    EXPECT_NE(dashboard.find("Verzoek 2 (inzage): uiterlijk vrijdag 22 januari 2027 beantwoorden"),
              std::string::npos)
        << dashboard;
    EXPECT_NE(dashboard.find("Verzoek 3 (inzage): had op maandag 11 januari 2027 beantwoord moeten zijn"),
              std::string::npos);
    EXPECT_EQ(dashboard.find("Verzoek 1 "), std::string::npos);  // decided
    EXPECT_EQ(dashboard.find("Smit"), std::string::npos);

    Browser piet(server_->port());
    ASSERT_EQ(login(piet, kPassword, "piet@focus.nl").status, 303);
    EXPECT_EQ(piet.get("/werk/bewaartermijn/verzoeken").status, 403);
    EXPECT_EQ(piet.get("/werk/bewaartermijn/verzoeken/1/gegevens.zip").status, 403);
    EXPECT_EQ(piet.get("/werk").body.find("due-subject-requests"), std::string::npos);
}

// The access log (issue 15, NEN 7513): each opening of a case, a document and an export by staff
// is kept with who, when and from where; a case page links to who looked at it, which those who
// read its whole dossier read, and reading it is kept too. A complainant's openings are not staff's.
TEST_P(WebTest, EveryOpeningOfACaseItsDocumentsAndExportsIsLoggedAndShownOnTheCase) {
    const std::string reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-18T10:00:00+01:00");
    const std::string path = "/api/v1/orgs/focus/cases/" + reference;
    const auto api = [&](const std::string& method, const std::string& target, const std::string& body = "",
                         const std::string& type = "") {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token_}};
        if (!type.empty())
            headers.push_back({"Content-Type", type});
        return http_request(server_->port(), method, target, headers, body);
    };
    ASSERT_EQ(api("POST", path + "/documents?name=brief.pdf&visibility=shared", "%PDF-1.4", "application/pdf")
                  .status,
              201);
    const auto documents = nlohmann::json::parse(api("GET", path + "/documents").body);
    const std::string document = documents["documents"][0]["id"];
    server_->set_now("2027-01-19T09:00:00+01:00");
    EXPECT_EQ(api("GET", path).status, 200);
    EXPECT_EQ(api("GET", path).status, 200);
    EXPECT_EQ(api("GET", path + "/documents/" + document).status, 200);
    EXPECT_EQ(api("GET", "/api/v1/orgs/focus/cases/2027-999999").status, 404);  // nothing opened
    server_->access().flush();
    std::vector<meldpunt::storage::AccessRecord> kept;
    server_->store().read(
        [&](meldpunt::storage::Tx& tx) { kept = tx.access_log.of_case("focus", reference, 10); });
    ASSERT_EQ(kept.size(), 2u);
    std::map<std::string, meldpunt::storage::AccessRecord> by_action;
    for (const auto& r : kept)
        by_action[r.action] = r;
    EXPECT_EQ(by_action["case"].actor, "anna@focus.nl");
    EXPECT_EQ(by_action["case"].count, 2);  // twice within one writing of the log: one row
    EXPECT_EQ(by_action["case"].client, "127.0.0.1");
    EXPECT_EQ(by_action["case"].at, meldpunt::calendar::unix_seconds(server_->now()));
    EXPECT_EQ(by_action["document"].subject, document);

    // On the web: the case page, an export, and who looked.
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    auto page = anna.get("/werk/zaken/" + reference);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("href=\"/werk/zaken/" + reference + "/inzage\""), std::string::npos);
    EXPECT_EQ(anna.get("/werk/zaken.csv?q=Afspraak").status, 200);
    auto looked = anna.get("/werk/zaken/" + reference + "/inzage");
    ASSERT_EQ(looked.status, 200) << looked.body;
    const std::string text = html_text(looked.body);
    EXPECT_NE(text.find("Las wie deze zaak bekeek"), std::string::npos) << text;          // this very reading
    EXPECT_NE(text.find("Opende de zaak (2 keer)127.0.0.1"), std::string::npos) << text;  // the API's reads
    EXPECT_NE(text.find("annaOpende de zaak127.0.0.1"), std::string::npos) << text;       // the page
    EXPECT_NE(text.find("Opende document " + document), std::string::npos) << text;
    std::vector<meldpunt::storage::AccessRecord> exports;
    server_->store().read([&](meldpunt::storage::Tx& tx) { exports = tx.access_log.since("focus", 0, 50); });
    EXPECT_TRUE(std::any_of(exports.begin(), exports.end(), [](const auto& r) {
        // Which filters, not what was searched for (a name, perhaps).
        return r.action == "export" && r.subject == "register.csv?q";
    }));

    // An employee who may not see the case learns nothing of who looked at it.
    server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    Browser piet(server_->port());
    ASSERT_EQ(login(piet, kPassword, "piet@focus.nl").status, 303);
    EXPECT_EQ(piet.get("/werk/zaken/" + reference + "/inzage").status, 404);
}

// Issue 15: the form token was a cookie anyone who could plant cookies could choose. Staff's is
// bound to their session: it changes at login, a planted one is replaced and its forms refused.
TEST_P(WebTest, StaffsFormTokenIsBoundToTheirSessionAndChangesAtLogin) {
    Browser anna(server_->port());
    anna.get("/login");
    const std::string before = anna.cookie("mp_csrf");
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string bound = anna.cookie("mp_csrf");
    EXPECT_EQ(bound.size(), 64u);
    EXPECT_NE(bound, before);
    EXPECT_EQ(bound, meldpunt::web::csrf_for_session(anna.cookie("mp_session")));
    EXPECT_EQ(anna.post_form("/werk/instellingen", "csrf=" + bound + "&notices=daily").status, 303);
    // A token planted in the cookie (and repeated in the form, as double-submit alone allowed).
    const std::string planted(64, 'a');
    anna.set_cookie("mp_csrf", planted);
    auto refused = anna.post_form("/werk/instellingen", "csrf=" + planted + "&notices=immediate");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(anna.cookie("mp_csrf"), bound);  // put back as the session's
    EXPECT_EQ(anna.post_form("/werk/instellingen", "csrf=" + bound + "&notices=immediate").status, 303);
    // Logging out ends the session's token too.
    EXPECT_EQ(anna.post_form("/logout", "csrf=" + bound).status, 303);
    EXPECT_NE(anna.cookie("mp_csrf"), bound);
}

// What was agreed with the complainant, on the pages (003 §Werkwijze 4): the manager records it for
// the handler, the close waits for it and says why, the handler marks it done, and the complainant
// reads it in the portal without staff's names.
TEST_P(WebTest, ACommitmentIsRecordedFollowedAndShownToTheComplainant) {
    server_->set_now("2027-03-01T09:00:00+01:00");
    server_->create_user("focus", "karin@focus.nl", "employee", "", kPassword);
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";
    const auto csrf = [](Browser& b) { return "csrf=" + b.cookie("mp_csrf"); };
    ASSERT_EQ(
        anna.post_form(case_path + "/actie", csrf(anna) + "&action=assign&handler=karin%40focus.nl").status,
        303);
    auto page = anna.get(case_path).body;
    ASSERT_NE(page.find("id=\"nieuwe-afspraak\""), std::string::npos) << page;
    EXPECT_NE(page.find("<option value=\"karin@focus.nl\" selected>"), std::string::npos)
        << "the handler first";
    const auto version = [&] {
        const auto body = anna.get(case_path).body;
        const auto at = body.find("name=\"version\" value=\"", body.find("id=\"nieuwe-afspraak\""));
        return body.substr(at + 22, body.find('"', at + 22) - at - 22);
    };
    // Without a day, or with one in the past: said in words, nothing recorded.
    auto no_day = anna.post_form(case_path + "/afspraken",
                                 csrf(anna) + "&version=" + version() +
                                     "&what=Nieuwe+afspraak+met+de+coach&who=karin%40focus.nl&due=");
    EXPECT_EQ(no_day.status, 422);
    EXPECT_NE(html_text(no_day.body).find("geef de datum waarop de afspraak nagekomen moet zijn"),
              std::string::npos);
    auto saved = anna.post_form(case_path + "/afspraken",
                                csrf(anna) + "&version=" + version() +
                                    "&what=Nieuwe+afspraak+met+de+coach&who=karin%40focus.nl&due=2027-03-05"
                                    "&complainant_sees=1");
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.headers["location"], case_path + "?afspraak=1#afspraken");
    page = html_text(anna.get(case_path + "?afspraak=1").body);
    EXPECT_NE(page.find("De afspraak is vastgelegd."), std::string::npos);
    EXPECT_NE(page.find("Nieuwe afspraak met de coach"), std::string::npos);
    EXPECT_NE(page.find("Uitvoerder: karin · uiterlijk vrijdag 5 maart 2027 · loopt"), std::string::npos)
        << page;
    EXPECT_NE(page.find("anna legde een afspraak met de klager vast: ‘Nieuwe afspraak met de coach’."),
              std::string::npos)
        << page;

    // The complainant reads it, without who carries it out.
    const auto theirs = html_text(complainant.get(portal).body);
    EXPECT_NE(theirs.find("Wat we met u hebben afgesproken"), std::string::npos) << theirs;
    EXPECT_NE(theirs.find("Nieuwe afspraak met de coach: loopt, uiterlijk vrijdag 5 maart 2027"),
              std::string::npos)
        << theirs;
    EXPECT_NE(theirs.find("We spraken met u af: ‘Nieuwe afspraak met de coach’."), std::string::npos);
    EXPECT_EQ(theirs.find("karin"), std::string::npos);

    // Karin, carrying it out, marks it done on her own page.
    Browser karin(server_->port());
    ASSERT_EQ(login(karin, kPassword, "karin@focus.nl").status, 303);
    auto hers = karin.get(case_path).body;
    EXPECT_NE(hers.find("action=\"/werk/zaken/2027-000001/afspraken/1\""), std::string::npos) << hers;
    auto done = karin.post_form(case_path + "/afspraken/1",
                                csrf(karin) + "&outcome=done&note=Afspraak+staat+op+9+maart");
    ASSERT_EQ(done.status, 303) << done.body;
    page = html_text(anna.get(case_path).body);
    EXPECT_NE(page.find("nagekomen (maandag 1 maart 2027)"), std::string::npos) << page;
    EXPECT_NE(page.find("Afspraak staat op 9 maart"), std::string::npos);
    EXPECT_NE(html_text(complainant.get(portal).body).find("We deden wat we met u afspraken"),
              std::string::npos);
    EXPECT_EQ(karin.post_form(case_path + "/afspraken/1", csrf(karin) + "&outcome=done").status, 409);
    EXPECT_EQ(karin.post_form(case_path + "/afspraken/9", csrf(karin) + "&outcome=done").status, 404);
}

// 002 §B on the case page: the case judged urgent and sent on with a note, both on the timeline in
// words and kept from the complainant.
TEST_P(WebTest, ACaseIsMarkedUrgentAndForwardedOnItsPage) {
    server_->set_now("2027-03-01T09:00:00+01:00");
    server_->create_user("focus", "karin@focus.nl", "employee", "", kPassword);
    Browser complainant(server_->port());
    const std::string portal = file_complaint(complainant);
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    const std::string case_path = "/werk/zaken/2027-000001";
    const auto version = [&] {
        const auto body = anna.get(case_path).body;
        const auto at = body.find("name=\"version\" value=\"", body.find("id=\"doorsturen\""));
        return body.substr(at + 22, body.find('"', at + 22) - at - 22);
    };
    const std::string csrf = "csrf=" + anna.cookie("mp_csrf");
    auto urgent = anna.post_form(case_path + "/urgentie",
                                 csrf + "&version=" + version() + "&urgent=1&note=Klant+zonder+begeleiding");
    ASSERT_EQ(urgent.status, 303) << urgent.body;
    auto page = anna.get(case_path + "?urgentie=1").body;
    EXPECT_NE(page.find("id=\"urgent\""), std::string::npos);
    EXPECT_NE(page.find("Niet langer urgent"), std::string::npos);
    auto text = html_text(page);
    EXPECT_NE(text.find("De urgentie is vastgelegd."), std::string::npos);
    EXPECT_NE(text.find("anna merkte de zaak aan als urgent. Toelichting: Klant zonder begeleiding"),
              std::string::npos)
        << text;
    auto nowhere = anna.post_form(case_path + "/doorsturen", csrf + "&version=" + version() + "&to=&note=");
    EXPECT_EQ(nowhere.status, 422);
    EXPECT_NE(html_text(nowhere.body).find("kies naar welk onderdeel of naar wie de zaak gaat"),
              std::string::npos);
    auto sent = anna.post_form(case_path + "/doorsturen", csrf + "&version=" + version() +
                                                              "&to=karin%40focus.nl&note=Bel+vandaag+terug");
    ASSERT_EQ(sent.status, 303) << sent.body;
    text = html_text(anna.get(case_path + "?doorgestuurd=1").body);
    EXPECT_NE(text.find("De zaak is doorgestuurd."), std::string::npos);
    EXPECT_NE(text.find("anna stuurde de zaak door naar karin. Toelichting: Bel vandaag terug"),
              std::string::npos)
        << text;
    const auto theirs = html_text(complainant.get(portal).body);
    EXPECT_EQ(theirs.find("urgent"), std::string::npos) << theirs;
    EXPECT_EQ(theirs.find("doorgestuurd"), std::string::npos);
    EXPECT_EQ(theirs.find("Bel vandaag terug"), std::string::npos);
}

// 002 §Uitgangspunten 5 names no term: M.O.S.'s assumed target for its internal handling is counted
// in the report, marked as no term of the regulation on the page and in the API.
TEST_P(WebTest, AnAssumedTargetIsMarkedInTheReport) {
    server_->set_now("2027-03-01T09:00:00+01:00");
    const std::string token = server_->create_user("mos", "secretaris@mos.nl", "coordinator", "", kPassword);
    server_->set_now("2028-01-10T10:00:00+01:00");
    Browser secretary(server_->port());
    secretary.get("/login");
    ASSERT_EQ(secretary
                  .post_form("/login", "csrf=" + secretary.cookie("mp_csrf") +
                                           "&org=mos&email=secretaris%40mos.nl&password=" +
                                           std::regex_replace(kPassword, std::regex(" "), "+"))
                  .status,
              303);
    const auto page = html_text(secretary.get("/werk/rapportages/2027").body);
    EXPECT_NE(page.find("Interne afhandeling (streefdoel; de regeling noemt geen termijn)"),
              std::string::npos)
        << page;
    auto api = http_request(server_->port(), "GET", "/api/v1/orgs/mos/reports/2027",
                            {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(api.status, 200) << api.body;
    bool assumed = false;
    const auto report = nlohmann::json::parse(api.body);
    for (const auto& t : report["figures"]["timeliness"])
        if (t["deadline"] == "internal_handling")
            assumed = t["assumed"].get<bool>();
    EXPECT_TRUE(assumed) << api.body;
}

// 002 §Toepassingsgebied: a complaint about Oink!'s childcare falls under Oink!'s own regulation. On
// the public form it is registered, the complainant reads at once where to go, the referral letter is
// written, and the regulation page says what it does not cover.
TEST_P(WebTest, AComplaintAboutOinkIsReferredToItsOwnRegulation) {
    server_->set_now("2027-03-08T10:00:00+01:00");
    const std::string token = server_->create_user("mos", "secretaris@mos.nl", "coordinator", "", kPassword);
    Browser parent(server_->port());
    parent.get("/mos/klacht");
    auto filed =
        parent.post_form("/mos/klacht", "csrf=" + parent.cookie("mp_csrf") +
                                            "&kind=complaint&unit=oink&subject=Opvang&description=De+"
                                            "groep+was+onderbezet&name=Els+Bakker&email=els%40example.nl");
    ASSERT_EQ(filed.status, 303) << filed.body;
    const auto confirmation = html_text(parent.get(filed.headers["location"]).body);
    EXPECT_NE(
        confirmation.find("Deze klacht valt niet onder deze klachtenregeling, maar onder de klachtenregeling "
                          "voor klanten van Oink!, gebaseerd op de Wet kinderopvang."),
        std::string::npos)
        << confirmation;
    EXPECT_NE(confirmation.find("Oink! stuurt u die regeling op verzoek toe"), std::string::npos);

    auto c = http_request(server_->port(), "GET", "/api/v1/orgs/mos/cases/2027-000001",
                          {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(c.status, 200) << c.body;
    const auto json = nlohmann::json::parse(c.body);
    EXPECT_EQ(json["stage"], "doorverwezen");
    EXPECT_EQ(json["referred_to"], "oink");
    EXPECT_TRUE(json["deadlines"].empty());
    ASSERT_EQ(json["letters"].size(), 1u);
    const std::string letter = json["letters"][0]["body"];
    EXPECT_NE(
        letter.find("Wij hebben uw klacht over Oink! ontvangen (kenmerk 2027-000001) en geregistreerd."),
        std::string::npos)
        << letter;
    EXPECT_NE(letter.find("de klachtenregeling voor klanten van Oink!"), std::string::npos) << letter;

    const auto regulation = html_text(parent.get("/mos/procedure").body);
    EXPECT_NE(regulation.find("Waar deze regeling niet over gaat"), std::string::npos) << regulation;
    EXPECT_NE(regulation.find("Klachten over Oink! vallen onder de klachtenregeling voor klanten van Oink!"),
              std::string::npos);
}

// A value as a form sends it (application/x-www-form-urlencoded).
std::string url_encode(const std::string& value) {
    std::string out;
    char hex[4];
    for (unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// 002 §Begripsomschrijving 8, §A.1a: the administrator records who supervises a person on their
// page; someone who is not an active account of the organisation is refused in words.
TEST_P(WebTest, AnAdministratorRecordsAPersonsSupervisor) {
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    server_->create_user("focus", "piet@focus.nl", "employee");
    std::string piet_id;
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        piet_id = tx.accounts.user_by_email("focus", "piet@focus.nl")->id;
    });
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    const std::string csrf = "csrf=" + admin.cookie("mp_csrf");
    const std::string page = "/werk/beheer/mensen/" + piet_id;
    auto before = admin.get(page);
    ASSERT_EQ(before.status, 200);
    EXPECT_NE(before.body.find("<option value=\"\" selected>(niemand)</option>"), std::string::npos);
    auto refused =
        admin.post_form(page + "/begeleider", csrf + "&supervisor=" + url_encode("niemand@focus.nl"));
    EXPECT_EQ(refused.status, 422) << refused.body.substr(0, 2000);
    EXPECT_NE(refused.body.find("is geen ander actief account van deze organisatie"), std::string::npos);
    auto set = admin.post_form(page + "/begeleider", csrf + "&supervisor=" + url_encode("anna@focus.nl"));
    ASSERT_EQ(set.status, 200);
    EXPECT_NE(set.body.find("De begeleider is vastgelegd."), std::string::npos);
    EXPECT_NE(set.body.find("<option value=\"anna@focus.nl\" selected>"), std::string::npos);
    server_->store().read([&](meldpunt::storage::Tx& tx) {
        EXPECT_EQ(tx.accounts.user_by_email("focus", "piet@focus.nl")->supervisor, "anna@focus.nl");
    });
    EXPECT_EQ(admin.post_form("/werk/beheer/mensen/onbekend/begeleider", csrf + "&supervisor=").status, 404);
}

// Issue 16: the administrator links another system (the ERP) with a webhook: the page checks the
// address, shows the secret once made and again on request, and the log shows what arrived.
TEST_P(WebTest, AnAdministratorLinksAnotherSystemWithAWebhook) {
    auto& receiver = meldpunt::testing::webhook_receiver();
    receiver.clear();
    server_->create_user("focus", "beheer@focus.nl", "administrator", "", kPassword);
    Browser admin(server_->port());
    ASSERT_EQ(login(admin, kPassword, "beheer@focus.nl").status, 303);
    const std::string csrf = "csrf=" + admin.cookie("mp_csrf");
    EXPECT_NE(admin.get("/werk/beheer").body.find("href=\"/werk/beheer/koppelingen\""), std::string::npos);
    auto empty = admin.get("/werk/beheer/koppelingen");
    ASSERT_EQ(empty.status, 200);
    EXPECT_NE(empty.body.find("Er zijn nog geen koppelingen."), std::string::npos);

    auto refused = admin.post_form("/werk/beheer/koppelingen",
                                   csrf + "&url=ftp%3A%2F%2Ferp.focus.nl&events=case.created");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("geef een adres dat begint met https:&#x2F;&#x2F;"), std::string::npos)
        << refused.body;
    EXPECT_NE(refused.body.find("value=\"ftp:&#x2F;&#x2F;erp.focus.nl\""),
              std::string::npos);  // kept to correct
    const std::string url = receiver.url("ok", "web");
    auto added =
        admin.post_form("/werk/beheer/koppelingen",
                        csrf + "&url=" + url_encode(url) + "&description=E-Synergy&events=case.created");
    ASSERT_EQ(added.status, 303) << added.body;
    const std::string page = added.headers["location"].substr(0, added.headers["location"].find('?'));
    const auto subscription = server_->webhooks().subscriptions("focus").at(0);
    auto shown = admin.get(added.headers["location"]);
    ASSERT_EQ(shown.status, 200);
    EXPECT_NE(shown.body.find("De koppeling is toegevoegd."), std::string::npos);
    EXPECT_NE(shown.body.find(subscription.secret), std::string::npos);
    EXPECT_NE(shown.body.find("Er is nog niets naar deze koppeling verstuurd."), std::string::npos);

    // A case comes in; the webhook delivers it; the log says it arrived.
    meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-20T12:00:00+01:00");
    meldpunt::workers::WebhookDeliverySettings settings;
    settings.limits.private_networks = true;
    meldpunt::workers::WebhookDeliverer(server_->store(), nullptr, settings).deliver([this] {
        return server_->now();
    });
    ASSERT_EQ(receiver.wait_for(1, 5), 1u);
    EXPECT_EQ(receiver.verify(subscription.secret, receiver.requests()[0]), "");
    auto log = admin.get(page);
    EXPECT_NE(log.body.find("Nieuwe zaak"), std::string::npos);
    EXPECT_NE(log.body.find("aangekomen op woensdag 20 januari 2027 12:00 (HTTP 200)"), std::string::npos)
        << log.body;

    // A receiver that is gone: the delivery failed, and the administrator sends it again.
    auto gone = server_->webhooks().add("focus", {receiver.url("gone", "web"), {"case.created"}, "", true},
                                        "beheer@focus.nl", server_->now());
    ASSERT_TRUE(gone.ok());
    meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-20T13:00:00+01:00");
    meldpunt::workers::WebhookDeliverer(server_->store(), nullptr, settings).deliver([this] {
        return server_->now();
    });
    const std::string gone_page = "/werk/beheer/koppelingen/" + std::to_string(gone.value().id);
    const auto failed = server_->webhooks().log("focus", gone.value().id).at(0);
    EXPECT_EQ(failed.status, "failed");
    auto failed_log = admin.get(gone_page);
    EXPECT_NE(failed_log.body.find("niet aangekomen: HTTP 410"), std::string::npos) << failed_log.body;
    EXPECT_NE(failed_log.body.find("action=\"" + gone_page + "/opnieuw\""), std::string::npos)
        << failed_log.body;
    EXPECT_NE(failed_log.body.find("name=\"delivery\" value=\"" + std::to_string(failed.id) + "\""),
              std::string::npos);
    auto again = admin.post_form(gone_page + "/opnieuw", csrf + "&delivery=" + std::to_string(failed.id));
    EXPECT_EQ(again.status, 303);
    EXPECT_EQ(again.headers["location"], gone_page + "?opnieuw=1#log");
    EXPECT_EQ(server_->webhooks().log("focus", gone.value().id).at(0).status, "queued");
    EXPECT_EQ(admin.post_form(gone_page + "/opnieuw", csrf + "&delivery=" + std::to_string(failed.id)).status,
              404);
    ASSERT_TRUE(server_->webhooks().remove("focus", gone.value().id, "beheer@focus.nl", server_->now()).ok());

    // Switched off, a new secret, removed.
    auto off =
        admin.post_form(page, csrf + "&url=" + url_encode(url) + "&description=E-Synergy&events=case.closed");
    EXPECT_EQ(off.status, 303);
    auto list = admin.get("/werk/beheer/koppelingen");
    EXPECT_NE(list.body.find("<td>Zaak afgesloten</td><td>uit</td>"), std::string::npos) << list.body;
    EXPECT_EQ(admin.post_form(page + "/geheim", csrf).status, 303);
    const auto renewed = server_->webhooks().subscriptions("focus").at(0).secret;
    EXPECT_NE(renewed, subscription.secret);
    EXPECT_NE(admin.get(page).body.find(renewed), std::string::npos);
    EXPECT_EQ(admin.get("/werk/beheer/koppelingen/99").status, 404);
    EXPECT_EQ(admin.get("/werk/beheer/koppelingen/abc").status, 404);
    EXPECT_EQ(admin.post_form(page + "/verwijderen", csrf).status, 303);
    EXPECT_TRUE(server_->webhooks().subscriptions("focus").empty());

    // Only the administrator.
    Browser anna(server_->port());
    ASSERT_EQ(login(anna, kPassword).status, 303);
    EXPECT_EQ(anna.get("/werk/beheer/koppelingen").status, 403);
}

// Issue 16, 003 §Afsluiten klacht: with E-Synergy linked, the quality manager closes without the
// reference; the case page says what it waits for, and staff may stop waiting.
TEST_P(WebTest, AFocusCloseWaitsForTheErpOnTheCasePage) {
    ASSERT_TRUE(
        server_->webhooks()
            .add("focus",
                 {meldpunt::testing::webhook_receiver().url("accept", "web"), {"case.closing"}, "", true},
                 "beheer@focus.nl", server_->now())
            .ok());
    const auto piet = server_->create_user("focus", "piet@focus.nl", "employee");
    server_->create_user("focus", "els@focus.nl", "quality_manager", "", kPassword);
    const auto reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, token_, "2027-01-18T10:00:00+01:00");
    const auto act = [&](const std::string& token, const nlohmann::json& body) {
        auto r = http_request(server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
                              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                              body.dump());
        EXPECT_EQ(r.status, 200) << r.body;
    };
    act(token_, {{"action", "assign"}, {"handler", "piet@focus.nl"}});
    act(piet, {{"action", "offer"}, {"verdict", "gegrond"}, {"compensation", "geen"}, {"offer", "Excuses"}});
    act(piet, {{"action", "accept"}, {"satisfaction", "tevreden"}});
    act(piet,
        {{"action", "record"}, {"summary", "Gesprek"}, {"cause", "bejegening"}, {"nature", "incident"}});

    Browser els(server_->port());
    ASSERT_EQ(login(els, kPassword, "els@focus.nl").status, 303);
    const std::string path = "/werk/zaken/" + reference;
    auto before = els.get(path);
    ASSERT_EQ(before.status, 200);
    const auto field = before.body.find("id=\"close-erp_reference\"");
    ASSERT_NE(field, std::string::npos);
    const auto tag = before.body.substr(field, before.body.find('>', field) - field);
    EXPECT_EQ(tag.find("required"), std::string::npos) << tag;
    EXPECT_NE(tag.find("aria-describedby=\"close-erp_reference-hint\""), std::string::npos) << tag;
    EXPECT_NE(before.body.find("Laat leeg als het gekoppelde systeem het kenmerk geeft"), std::string::npos);

    const std::string csrf = "csrf=" + els.cookie("mp_csrf");
    auto held = els.post_form(path + "/actie", csrf + "&action=close&erp_reference=");
    ASSERT_EQ(held.status, 303) << held.body;
    EXPECT_EQ(held.headers["location"], path + "?wacht=1#wachtend");
    auto waiting = els.get(path + "?wacht=1");
    EXPECT_NE(waiting.body.find("De stap wacht op het kenmerk van het gekoppelde systeem."),
              std::string::npos);
    EXPECT_NE(waiting.body.find("‘Afsluiten’ wacht op ‘Registratie in E-Synergy’ van het gekoppelde systeem, "
                                "gevraagd op maandag 18 januari 2027"),
              std::string::npos)
        << waiting.body;
    EXPECT_NE(waiting.body.find("<dd id=\"stage-name\">Vastgelegd"), std::string::npos);
    auto stopped = els.post_form(path + "/wachten-stoppen", csrf);
    EXPECT_EQ(stopped.status, 303);
    auto after = els.get(path);
    EXPECT_EQ(after.body.find("id=\"wachtend\""), std::string::npos);
    // Closed with the reference typed in; the year's report offers the closed cases for the ERP.
    EXPECT_EQ(els.post_form(path + "/actie", csrf + "&action=close&erp_reference=ES-7").status, 303);
    const auto report_page = els.get("/werk/rapportages/2027");
    EXPECT_NE(report_page.body.find("2027&#x2F;afgesloten-zaken.csv\" download id=\"closed-cases\""),
              std::string::npos)
        << report_page.status << report_page.body.substr(0, 3000);
    auto csv = els.get("/werk/rapportages/2027/afgesloten-zaken.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
    EXPECT_NE(csv.body.find(reference + ",2027-01-18,2027-01-18,complaint,phone,"), std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find(",ES-7\r\n"), std::string::npos);
    EXPECT_EQ(els.get("/werk/rapportages/2027-Q9/afgesloten-zaken.csv").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
