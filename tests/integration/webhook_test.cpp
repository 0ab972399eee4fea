// Webhooks and the ERP (issue 16; 003 §Afsluiten klacht), on both backends, against a real HTTP
// receiver (tests/support/webhook_receiver.py): events arrive signed (checked by Python's hmac, apart
// from Meldpunt's code), once, with an idempotency key and no personal data, only to the
// organisation's own subscriptions; a failing, slow, hanging or gone receiver is retried with
// backoff, waited for, timed out or given up on; Focus's close waits for E-Synergy's reference from
// the webhook's answer or the API; the cases closed in a period are exported as an ERP imports them.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/reports.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"
#include "support/webhook_receiver.hpp"
#include "workers/webhook_delivery.hpp"

namespace {

using namespace meldpunt;
using meldpunt::testing::webhook_receiver;
using nlohmann::json;

class WebhookTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        database_ = meldpunt::testing::fresh_database(GetParam());
        server_ = std::make_unique<meldpunt::testing::TestServer>(database_);
        server_->create_org("focus", "focus");
        server_->create_org("andere", "focus");
        anna_token_ = server_->create_user("focus", "anna@focus.nl", "manager");
        piet_token_ = server_->create_user("focus", "piet@focus.nl", "employee");
        els_token_ = server_->create_user("focus", "els@focus.nl", "quality_manager");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        service::Directory directory(server_->store());
        piet_ = *directory.authenticate(piet_token_, server_->now());
        els_ = *directory.authenticate(els_token_, server_->now());
        webhook_receiver().clear();
        settings_.limits.private_networks = true;  // the receiver listens on loopback
    }

    storage::WebhookSubscription subscribe(const std::string& org, const std::string& url,
                                           std::vector<std::string> events) {
        auto added = server_->webhooks().add(org, {url, std::move(events), "test", true}, "beheer@focus.nl",
                                             server_->now());
        EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().code);
        return added.ok() ? added.value() : storage::WebhookSubscription{};
    }

    workers::WebhookReport deliver(std::chrono::sys_seconds at) {
        workers::WebhookDeliverer deliverer(server_->store(), cases_.get(), settings_);
        return deliverer.deliver([at] { return at; });
    }
    workers::WebhookReport deliver() { return deliver(server_->now()); }

    void act(const service::Principal& who, const std::string& reference, const std::string& action,
             std::map<std::string, std::string> fields) {
        const auto r = cases_->act(who, "focus", reference, {action, std::nullopt, std::move(fields)},
                                   std::nullopt, server_->now());
        ASSERT_TRUE(r.ok()) << action << ": " << r.error().code;
    }

    // A Focus complaint taken to the stage where the quality manager closes it.
    std::string recorded_case(const std::string& received) {
        const auto reference =
            meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_, received);
        service::Directory directory(server_->store());
        const auto anna = *directory.authenticate(anna_token_, server_->now());
        act(anna, reference, "assign", {{"handler", "piet@focus.nl"}});
        act(piet_, reference, "offer",
            {{"verdict", "gegrond"}, {"compensation", "geen"}, {"offer", "Excuses"}});
        act(piet_, reference, "accept", {{"satisfaction", "tevreden"}});
        act(piet_, reference, "record",
            {{"summary", "Gesprek"}, {"cause", "bejegening"}, {"nature", "incident"}});
        return reference;
    }

    // The audit entries of `org` about `subject`, oldest first.
    std::vector<storage::AuditEntry> audit_of(const std::string& org, const std::string& subject) {
        std::vector<storage::AuditEntry> out;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& e : tx.audit.entries(0, 100000))
                if (e.org == org && e.subject == subject)
                    out.push_back(e);
        });
        return out;
    }

    cases::Case stored_case(const std::string& reference) {
        cases::Case out;
        server_->store().read([&](storage::Tx& tx) { out = tx.cases.get("focus", reference)->state; });
        return out;
    }

    std::vector<storage::WebhookDelivery> log_of(const storage::WebhookSubscription& s) {
        return server_->webhooks().log(s.org, s.id);
    }

    meldpunt::testing::HttpResult api(const std::string& method, const std::string& token,
                                      const std::string& path, const std::string& body = "") {
        return meldpunt::testing::http_request(server_->port(), method, path,
                                               {{"Authorization", "Bearer " + token},
                                                {"Content-Type", "application/json"},
                                                {"Accept-Language", "nl"}},
                                               body);
    }

    std::string database_;
    std::unique_ptr<meldpunt::testing::TestServer> server_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
    workers::WebhookDeliverySettings settings_;
    std::string anna_token_, piet_token_, els_token_;
    service::Principal piet_, els_;
};

TEST_P(WebhookTest, EventsArriveSignedOnceWithoutPersonalDataAndOnlyForTheirOrganisation) {
    auto& receiver = webhook_receiver();
    const auto focus =
        subscribe("focus", receiver.url("ok", "focus"), {"case.created", "case.stage_changed"});
    const auto other =
        subscribe("andere", receiver.url("ok", "andere"),
                  {"case.created", "case.stage_changed", "case.closed", "case.deadline_passed"});
    const auto reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_, "2027-01-18T10:00:00+01:00");
    service::Directory directory(server_->store());
    act(*directory.authenticate(anna_token_, server_->now()), reference, "assign",
        {{"handler", "piet@focus.nl"}});

    const auto report = deliver();
    EXPECT_EQ(report.sent, 2);
    ASSERT_EQ(receiver.wait_for(2, 10), 2u);
    const auto requests = receiver.requests();
    std::vector<std::string> events;
    std::set<std::string> keys;
    for (const auto& r : requests) {
        EXPECT_EQ(r.path, "/ok/focus");  // nothing for the other organisation's subscription
        EXPECT_EQ(receiver.verify(focus.secret, r), "") << r.body;
        EXPECT_NE(receiver.verify(other.secret, r), "");  // another secret does not match
        EXPECT_EQ(r.headers.at("content-type"), "application/json");
        const auto body = json::parse(r.body);
        EXPECT_EQ(r.headers.at("meldpunt-event"), body.at("event"));
        EXPECT_EQ(r.headers.at("idempotency-key"), body.at("id"));
        EXPECT_EQ(body.at("organisation"), "focus");
        EXPECT_EQ(body.at("case").at("reference"), reference);
        events.push_back(body.at("event"));
        keys.insert(body.at("id"));
        // The complainant's name, phone and words stay in Meldpunt.
        EXPECT_EQ(r.body.find("Vries"), std::string::npos);
        EXPECT_EQ(r.body.find("06 12345678"), std::string::npos);
        EXPECT_EQ(r.body.find("opdagen"), std::string::npos);
    }
    EXPECT_EQ(events, (std::vector<std::string>{"case.created", "case.stage_changed"}));
    EXPECT_EQ(keys.size(), 2u);
    EXPECT_EQ(json::parse(requests[1].body).at("from_stage"), "ontvangen");
    // A second pass sends nothing again; a tampered body does not verify.
    EXPECT_EQ(deliver().sent, 0);
    EXPECT_EQ(receiver.requests().size(), 2u);
    auto tampered = requests[0];
    {
        std::ifstream in(tampered.file);
        auto record = json::parse(in);
        record["body"] = tampered.body + " ";
        std::ofstream(tampered.file) << record.dump();
    }
    EXPECT_EQ(receiver.verify(focus.secret, tampered), "signature does not match");
    // The log shows each delivery with the receiver's answer.
    const auto log = log_of(focus);
    ASSERT_EQ(log.size(), 2u);
    for (const auto& d : log) {
        EXPECT_EQ(d.status, "sent");
        EXPECT_EQ(d.last_status, 200);
        EXPECT_EQ(d.attempts, 1);
    }
    EXPECT_TRUE(log_of(other).empty());
    // The gauges count them; after 90 days the log forgets what was done with.
    auto metrics = meldpunt::testing::http_request(server_->port(), "GET", "/metrics", {}, "");
    EXPECT_NE(metrics.body.find("meldpunt_webhook_deliveries{state=\"sent\"} 2"), std::string::npos)
        << metrics.body;
    workers::WebhookDeliverer deliverer(server_->store(), nullptr, settings_);
    EXPECT_EQ(deliverer.forget_old(server_->now() + std::chrono::days{90}), 0);
    EXPECT_EQ(deliverer.forget_old(server_->now() + std::chrono::days{91}), 2);
    EXPECT_TRUE(log_of(focus).empty());
}

// A server remembers for a few seconds which events an organisation's subscriptions take (so that
// a write pays no query for it); a subscription another server adds is seen within that time.
TEST_P(WebhookTest, ASubscriptionAnotherServerAddsIsSeenWithinSeconds) {
    meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_, "2027-01-18T10:00:00+01:00");
    auto other = storage::Store::open(database_, 1);
    other->transact([&](storage::Tx& tx) {
        storage::WebhookSubscription s;
        s.org = "focus";
        s.url = webhook_receiver().url("ok", "elders");
        s.events = {"case.created"};
        s.secret = "geheim";
        tx.webhooks.add(s);
    });
    std::this_thread::sleep_for(storage::SubscriptionCache::kLifetime + std::chrono::milliseconds{200});
    const auto reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_, "2027-01-18T11:00:00+01:00");
    std::vector<storage::WebhookDelivery> queued;
    server_->store().read([&](storage::Tx& tx) { queued = tx.webhooks.log_of("focus", 1, 10); });
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].reference, reference);
}

TEST_P(WebhookTest, AFailingReceiverIsTriedAgainWithBackoffAndASlowOneIsWaitedFor) {
    auto& receiver = webhook_receiver();
    settings_.limits.total = std::chrono::seconds{4};
    const auto flaky = subscribe("focus", receiver.url("flaky", GetParam()), {"case.created"});
    const auto gone = subscribe("focus", receiver.url("gone", "a"), {"case.created"});
    const auto slow = subscribe("focus", receiver.url("slow", "a"), {"case.created"});
    const auto hang = subscribe("focus", receiver.url("hang", "a"), {"case.created"});
    const auto failing = subscribe("focus", receiver.url("fail", "a"), {"case.created"});
    meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_, "2027-01-18T10:00:00+01:00");
    const auto t0 = server_->now();
    auto first = deliver(t0);
    EXPECT_EQ(first.sent, 1);      // slow: waited for
    EXPECT_EQ(first.failed, 1);    // gone: given up at once
    EXPECT_EQ(first.retrying, 3);  // flaky (503), hang (timed out), fail (500)
    const auto once = [&](const storage::WebhookSubscription& s) {
        const auto log = log_of(s);
        EXPECT_EQ(log.size(), 1u);
        return log.empty() ? storage::WebhookDelivery{} : log.front();
    };
    EXPECT_EQ(once(slow).status, "sent");
    EXPECT_EQ(once(gone).status, "failed");
    EXPECT_EQ(once(gone).last_status, 410);
    EXPECT_EQ(once(flaky).last_status, 503);
    EXPECT_EQ(once(flaky).next_attempt_at, t0.time_since_epoch().count() + 60);  // a minute, then doubling
    EXPECT_EQ(once(hang).last_status, 0);
    EXPECT_NE(once(hang).last_error.find("imeout"), std::string::npos) << once(hang).last_error;
    EXPECT_EQ(once(failing).last_error, "HTTP 500");
    // The hanging receiver is removed, with what it still had to get.
    ASSERT_TRUE(server_->webhooks().remove("focus", hang.id, "beheer@focus.nl", t0).ok());
    // Nothing is due before its time; after it, the second try; two minutes later, the third.
    EXPECT_EQ(deliver(t0 + std::chrono::seconds{30}).retrying, 0);
    EXPECT_EQ(deliver(t0 + std::chrono::seconds{61}).retrying, 2);
    EXPECT_EQ(once(flaky).next_attempt_at, t0.time_since_epoch().count() + 61 + 120);
    const auto third = deliver(t0 + std::chrono::seconds{200});
    EXPECT_EQ(third.sent, 1);  // flaky answers the third try
    EXPECT_EQ(once(flaky).status, "sent");
    EXPECT_EQ(once(flaky).attempts, 3);
    // After the last try, failed with the reason; the administrator sends it again.
    settings_.max_attempts = 3;
    EXPECT_EQ(deliver(t0 + std::chrono::hours{1}).failed, 1);
    EXPECT_EQ(once(failing).status, "failed");
    EXPECT_FALSE(server_->webhooks().retry("andere", once(failing).id, "beheer@focus.nl", t0).ok());
    ASSERT_TRUE(server_->webhooks().retry("focus", once(failing).id, "beheer@focus.nl", t0).ok());
    EXPECT_EQ(once(failing).status, "queued");
    EXPECT_EQ(once(failing).attempts, 0);
    // Every try carried the same key.
    std::set<std::string> keys;
    for (const auto& r : receiver.requests())
        if (r.path == "/flaky/" + GetParam())
            keys.insert(r.headers.at("idempotency-key"));
    EXPECT_EQ(keys.size(), 1u);
}

TEST_P(WebhookTest, AFocusCloseWaitsForTheErpsReferenceFromTheAnswer) {
    auto& receiver = webhook_receiver();
    const auto erp = subscribe("focus", receiver.url("erp", "es"), {"case.closing", "case.closed"});
    const auto reference = recorded_case("2027-01-18T10:00:00+01:00");
    server_->set_now("2027-01-20T09:00:00+01:00");
    // Closed without the reference: held, the case still where it was.
    auto held =
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now());
    ASSERT_TRUE(held.ok()) << held.error().code;
    ASSERT_TRUE(held.value().held);
    EXPECT_EQ(held.value().held->status, "waiting");
    EXPECT_EQ(stored_case(reference).stage, "vastgelegd");
    auto again =
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "step_held");
    // The ERP answers the closing with its reference: the case closes with it, as Els closed it.
    server_->set_now("2027-01-20T09:00:05+01:00");
    const auto report = deliver();
    EXPECT_EQ(report.sent, 1);
    EXPECT_EQ(report.acknowledged, 1);
    const auto closed = stored_case(reference);
    EXPECT_EQ(closed.stage, "afgesloten");
    ASSERT_EQ(receiver.requests().size(), 1u);
    const auto closing = json::parse(receiver.requests()[0].body);
    EXPECT_EQ(closing.at("event"), "case.closing");
    EXPECT_EQ(closing.at("reference_field"), "erp_reference");
    const std::string given = closed.facts.at("erp_reference");
    EXPECT_EQ(given.rfind("ES-", 0), 0u) << given;
    EXPECT_EQ(closed.events.back().actor, "els@focus.nl");
    EXPECT_EQ(log_of(erp).back().answer, given);  // the closing's delivery, the oldest
    // The close itself is told next.
    deliver();
    ASSERT_EQ(receiver.wait_for(2, 5), 2u);
    EXPECT_EQ(json::parse(receiver.requests()[1].body).at("event"), "case.closed");
    // Held and acknowledged are in the audit trail.
    std::vector<std::string> audited;
    for (const auto& e : audit_of("focus", reference))
        audited.push_back(e.action);
    EXPECT_NE(std::find(audited.begin(), audited.end(), "case.held"), audited.end());
    EXPECT_NE(std::find(audited.begin(), audited.end(), "case.acknowledged"), audited.end());
}

TEST_P(WebhookTest, AnAnswerToAClosingNobodyWaitsForAnyMoreChangesNothing) {
    subscribe("focus", webhook_receiver().url("erp", "late"), {"case.closing"});
    const auto reference = recorded_case("2027-01-18T10:00:00+01:00");
    ASSERT_TRUE(
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now())
            .ok());
    ASSERT_TRUE(cases_->release_held(els_, "focus", reference, server_->now()).ok());
    const auto report = deliver();  // the ERP answers the closing nobody waits for
    EXPECT_EQ(report.sent, 1);
    EXPECT_EQ(report.acknowledged, 0);
    EXPECT_EQ(stored_case(reference).stage, "vastgelegd");
    EXPECT_EQ(stored_case(reference).facts.count("erp_reference"), 0u);
    // Held again: only the answer to the new closing counts.
    ASSERT_TRUE(
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now())
            .ok());
    EXPECT_EQ(cases_->acknowledge_answered(server_->now()), 0);
    EXPECT_EQ(deliver().acknowledged, 1);
    const auto closed = stored_case(reference);
    EXPECT_EQ(closed.stage, "afgesloten");
    const auto answers = webhook_receiver().requests();
    ASSERT_EQ(answers.size(), 2u);
    // The receiver numbers its answers by the request: the second one's reference is the case's.
    const std::string name = answers[1].file.substr(answers[1].file.rfind('/') + 1);
    EXPECT_EQ(closed.facts.at("erp_reference"), "ES-" + std::to_string(std::stoi(name.substr(0, 8))));
}

TEST_P(WebhookTest, AnErpThatAcknowledgesLaterGivesItsReferenceOverTheApi) {
    auto& receiver = webhook_receiver();
    subscribe("focus", receiver.url("accept", "es"), {"case.closing"});
    const auto reference = recorded_case("2027-01-18T10:00:00+01:00");
    const std::string path = "/api/v1/orgs/focus/cases/" + reference + "/acknowledgement";
    EXPECT_EQ(api("POST", els_token_, path, R"({"reference": "ES-1"})").status, 404);  // nothing held yet
    auto held = api("POST", els_token_, "/api/v1/orgs/focus/cases/" + reference + "/actions",
                    R"({"action": "close"})");
    EXPECT_EQ(held.status, 200) << held.body;
    EXPECT_EQ(deliver().acknowledged, 0);  // 202: it will answer later
    EXPECT_EQ(stored_case(reference).stage, "vastgelegd");
    EXPECT_EQ(api("POST", els_token_, path, R"({"reference": ""})").status, 400);
    EXPECT_EQ(api("POST", els_token_, path, R"({"reference": "a\nb"})").status, 400);
    EXPECT_EQ(api("POST", els_token_, path, R"({"reference": "ES-1", "extra": 1})").status, 400);
    EXPECT_EQ(api("POST", els_token_, path, "[1]").status, 400);
    EXPECT_EQ(api("POST", piet_token_, path, R"({"reference": "ES-9"})").status, 404);  // may not close it
    const std::string elsewhere = "/api/v1/orgs/andere/cases/" + reference + "/acknowledgement";
    EXPECT_EQ(api("POST", els_token_, elsewhere, R"({"reference": "ES-9"})").status,
              404);  // another organisation
    auto done = api("POST", els_token_, path, R"({"reference": "ES-2027-42"})");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(json::parse(done.body).at("stage"), "afgesloten");
    EXPECT_EQ(stored_case(reference).facts.at("erp_reference"), "ES-2027-42");
    EXPECT_EQ(api("POST", els_token_, path, R"({"reference": "ES-2027-43"})").status, 404);  // once
}

TEST_P(WebhookTest, WithoutAnErpLinkTheReferenceIsRequiredAndWaitingCanBeStopped) {
    const auto reference = recorded_case("2027-01-18T10:00:00+01:00");
    auto refused =
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "missing_field");
    // With a link that takes other events only, the same.
    subscribe("focus", webhook_receiver().url("ok", "x"), {"case.closed"});
    EXPECT_FALSE(
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now())
            .ok());
    // With the ERP linked, held; staff stop waiting and close with the reference themselves.
    subscribe("focus", webhook_receiver().url("accept", "x"), {"case.closing"});
    ASSERT_TRUE(
        cases_->act(els_, "focus", reference, {"close", std::nullopt, {}}, std::nullopt, server_->now())
            .ok());
    EXPECT_FALSE(cases_->release_held(piet_, "focus", reference, server_->now()).ok());
    ASSERT_TRUE(cases_->release_held(els_, "focus", reference, server_->now()).ok());
    EXPECT_FALSE(cases_->get(els_, "focus", reference).value().held);
    act(els_, reference, "close", {{"erp_reference", "ES-5"}});
    EXPECT_EQ(stored_case(reference).stage, "afgesloten");
}

TEST_P(WebhookTest, APassedDeadlineAndAnIssuedReportAreTold) {
    auto& receiver = webhook_receiver();
    const auto s = subscribe("focus", receiver.url("ok", "r"), {"case.deadline_passed", "report.issued"});
    const auto reference =
        meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_, "2027-01-18T10:00:00+01:00");
    service::Sweeper sweeper(server_->store(), procedures_, language_);
    const auto swept = sweeper.sweep(meldpunt::testing::amsterdam_instant("2027-01-25T07:00:00+01:00"));
    EXPECT_GT(swept.effects, 0);
    sweeper.sweep(meldpunt::testing::amsterdam_instant("2027-01-26T07:00:00+01:00"));  // nothing twice
    deliver(meldpunt::testing::amsterdam_instant("2027-01-26T08:00:00+01:00"));
    std::set<std::string> deadlines;
    for (const auto& r : receiver.requests()) {
        const auto body = json::parse(r.body);
        EXPECT_EQ(body.at("event"), "case.deadline_passed");
        EXPECT_EQ(body.at("case").at("reference"), reference);
        EXPECT_TRUE(deadlines.insert(body.at("deadline").at("id").get<std::string>()).second) << r.body;
    }
    EXPECT_FALSE(deadlines.empty());
    receiver.clear();
    service::Directory directory(server_->store());
    const auto anna = *directory.authenticate(anna_token_, server_->now());
    server_->set_now("2028-01-04T09:00:00+01:00");
    service::Reports reports(server_->store(), procedures_);
    ASSERT_TRUE(reports.issue(anna, "focus", "2027", server_->now()).ok());
    deliver();
    ASSERT_EQ(receiver.requests().size(), 1u);
    const auto issued = json::parse(receiver.requests()[0].body);
    EXPECT_EQ(issued.at("event"), "report.issued");
    EXPECT_EQ(issued.at("period"), "2027");
    EXPECT_TRUE(issued.at("report").is_object());
    EXPECT_EQ(log_of(s).front().reference, "2027");
}

TEST_P(WebhookTest, TheAdministratorsInputIsCheckedAndAudited) {
    auto& w = server_->webhooks();
    const auto now = server_->now();
    EXPECT_EQ(w.add("focus", {"file:///etc/passwd", {"case.created"}, "", true}, "b", now).error().code,
              "webhook_url");
    EXPECT_EQ(w.add("focus", {"https://u:p@erp.nl/", {"case.created"}, "", true}, "b", now).error().code,
              "webhook_url");
    EXPECT_EQ(w.add("focus", {"https://erp.nl/", {}, "", true}, "b", now).error().code, "webhook_events");
    EXPECT_EQ(w.add("focus", {"https://erp.nl/", {"case.eaten"}, "", true}, "b", now).error().code,
              "webhook_events");
    EXPECT_EQ(w.add("focus", {"https://erp.nl/", {"case.created"}, std::string(201, 'x'), true}, "b", now)
                  .error()
                  .code,
              "webhook_description");
    auto added = w.add(
        "focus", {"https://erp.focus.nl/in?token=geheim-token", {"case.closed", "case.created"}, "ERP", true},
        "beheer@focus.nl", now);
    ASSERT_TRUE(added.ok());
    EXPECT_EQ(added.value().events, (std::vector<std::string>{"case.created", "case.closed"}));
    const auto secret = added.value().secret;
    auto renewed = w.renew_secret("focus", added.value().id, "beheer@focus.nl", now);
    ASSERT_TRUE(renewed.ok());
    EXPECT_NE(renewed.value().secret, secret);
    EXPECT_FALSE(w.renew_secret("andere", added.value().id, "b", now).ok());  // another organisation's
    EXPECT_FALSE(w.subscription("andere", added.value().id));
    for (int i = 1; i < 20; ++i)
        ASSERT_TRUE(
            w.add("focus", {"https://erp.nl/" + std::to_string(i), {"case.created"}, "", true}, "b", now)
                .ok());
    EXPECT_EQ(w.add("focus", {"https://erp.nl/21", {"case.created"}, "", true}, "b", now).error().code,
              "webhook_too_many");
    // The audit names the receiver by its host, never the token in its address nor the secret.
    std::string audited;
    for (const auto& e : audit_of("focus", std::to_string(added.value().id)))
        audited += e.action + " " + e.detail + "\n";
    EXPECT_NE(audited.find("webhook.subscribe"), std::string::npos);
    EXPECT_NE(audited.find("erp.focus.nl"), std::string::npos);
    EXPECT_EQ(audited.find("geheim-token"), std::string::npos);
    EXPECT_EQ(audited.find(secret), std::string::npos);
}

TEST_P(WebhookTest, TheCasesClosedInAPeriodAreExportedAsAnErpImportsThem) {
    const auto first = recorded_case("2027-01-18T10:00:00+01:00");
    act(els_, first, "close", {{"erp_reference", "ES-1"}});
    server_->set_now("2027-04-02T10:00:00+02:00");
    const auto second = recorded_case("2027-03-30T10:00:00+02:00");
    server_->set_now("2027-04-02T10:00:00+02:00");
    act(els_, second, "close", {{"erp_reference", "ES,\"2\""}});
    meldpunt::testing::take_in_focus_phone_complaint(*server_, anna_token_,
                                                     "2027-02-01T10:00:00+01:00");  // open

    auto q1 = api("GET", els_token_, "/api/v1/orgs/focus/exports/closed-cases/2027-Q1");
    ASSERT_EQ(q1.status, 200) << q1.body;
    const auto body = json::parse(q1.body);
    EXPECT_EQ(body.at("first_day"), "2027-01-01");
    EXPECT_EQ(body.at("last_day"), "2027-03-31");
    ASSERT_EQ(body.at("cases").size(), 1u);
    const auto& row = body.at("cases")[0];
    EXPECT_EQ(row.at("reference"), first);
    EXPECT_EQ(row.at("received_on"), "2027-01-18");
    EXPECT_EQ(row.at("closed_on"), "2027-01-18");
    EXPECT_EQ(row.at("final_stage"), "afgesloten");
    EXPECT_EQ(row.at("erp_reference"), "ES-1");
    EXPECT_EQ(row.at("analysis").at("cause"), "bejegening");
    EXPECT_EQ(q1.body.find("Vries"), std::string::npos);

    auto year = api("GET", els_token_, "/api/v1/orgs/focus/exports/closed-cases/2027?format=csv");
    ASSERT_EQ(year.status, 200);
    EXPECT_EQ(year.headers["content-type"], "text/csv; charset=utf-8");
    EXPECT_EQ(
        year.body.substr(0, year.body.find("\r\n")),
        "reference,received_on,closed_on,kind,channel,unit,final_stage,working_days,cause,nature,verdict,"
        "outcome,compensation,satisfaction,evaluation,erp_reference");
    EXPECT_NE(year.body.find(first + ",2027-01-18,2027-01-18,complaint,phone,"), std::string::npos)
        << year.body;
    EXPECT_NE(year.body.find(",\"ES,\"\"2\"\"\"\r\n"), std::string::npos) << year.body;
    EXPECT_EQ(std::count(year.body.begin(), year.body.end(), '\n'), 3);  // header and two cases

    EXPECT_EQ(api("GET", els_token_, "/api/v1/orgs/focus/exports/closed-cases/2027-Q5").status, 400);
    EXPECT_EQ(api("GET", els_token_, "/api/v1/orgs/focus/exports/closed-cases/2027?format=xml").status, 400);
    EXPECT_EQ(api("GET", piet_token_, "/api/v1/orgs/focus/exports/closed-cases/2027").status, 403);
    EXPECT_EQ(api("GET", els_token_, "/api/v1/orgs/andere/exports/closed-cases/2027").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
