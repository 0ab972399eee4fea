// The report of a period, counted from a generated register (issue 13): a quarter of Mensen met
// een Missie's complaints and questions with known distributions (kinds, channels, units, verdicts,
// natures, causes; acknowledged and resolved on known working days; some left untouched, some
// withdrawn) and a smaller quarter before it. Every figure of the report, as the API gives it, is
// compared with a count this test makes from its own plan, not with the report's code. On both
// backends.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <date/tz.h>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/calendar/day.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/sequence.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using calendar::Day;
using nlohmann::json;

const char* const kKinds[] = {"complaint", "question"};
const char* const kChannels[] = {"letter", "email", "phone", "web", "in_person"};
const char* const kUnits[] = {"financien_bedrijfsvoering", "programmas", "campagnes"};
const char* const kVerdicts[] = {"gegrond", "deels gegrond", "ongegrond", "niet-ontvankelijk", ""};
const char* const kNatures[] = {"incident", "structureel", ""};

enum class Fate { untouched, acknowledged, resolved, withdrawn };

// One case of the generated register, as the test planned it.
struct Planned {
    std::string kind, channel, unit;
    Day received;
    Fate fate = Fate::untouched;
    int acknowledged_after = 0;  // working days after receipt (0: the day itself)
    int resolved_after = 0;
    std::string verdict, nature;
    bool cause = false;
};

using meldpunt::testing::Sequence;

class ReportTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("mmem", "mensen-met-een-missie");
        coordinator_ = server_->create_user("mmem", "coordinator@mmem.nl", "coordinator");
        unit_head_ = server_->create_user("mmem", "hoofd@mmem.nl", "head_of_department", "campagnes");
        const std::string handler = server_->create_user("mmem", "hans@mmem.nl", "employee");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        service::Directory directory(server_->store());
        staff_ = *directory.authenticate(coordinator_, server_->now());
        handler_ = *directory.authenticate(handler, server_->now());
    }

    calendar::Instant at(Day day, int hour) const {
        return amsterdam_.start_of(day) + std::chrono::hours{hour};
    }
    Day after_working_days(Day day, int count) const {
        return count == 0 ? day : amsterdam_.working_days_after(day, count);
    }

    // `action` by the coordinator, or by the handler (who alone resolves).
    void act(const std::string& reference, const std::string& action, calendar::Instant when,
             std::map<std::string, std::string> fields) {
        service::ActionInput input{action, calendar::format_instant(when), std::move(fields)};
        const auto& who = action == "resolve" ? handler_ : staff_;
        const auto r = cases_->act(who, "mmem", reference, input, std::nullopt, server_->now());
        ASSERT_TRUE(r.ok()) << action << " " << reference << ": " << r.error().code;
    }

    // Takes the planned case in and takes its steps.
    void carry_out(const Planned& p, int number) {
        service::IntakeInput input;
        input.kind = p.kind;
        input.channel = p.channel;
        input.unit = p.unit;
        input.received_at = calendar::format_instant(at(p.received, 10));
        input.subject = "Melding " + std::to_string(number);
        input.description = "Een gegenereerde melding voor de rapportage.";
        input.complainant.name = "Klant " + std::to_string(number);
        input.complainant.email = "klant" + std::to_string(number) + "@example.nl";
        const auto taken = cases_->intake(staff_, "mmem", input, "", server_->now());
        ASSERT_TRUE(taken.ok()) << taken.error().code;
        const std::string reference = taken.value().stored.state.reference;
        if (p.fate == Fate::withdrawn)
            return act(reference, "withdraw", at(p.received, 12), {{"how", "written"}});
        if (p.fate == Fate::untouched)
            return;
        act(reference, "assign", at(p.received, 10) + std::chrono::minutes{30},
            {{"handler", "hans@mmem.nl"}});
        act(reference, "acknowledge", at(after_working_days(p.received, p.acknowledged_after), 11), {});
        if (p.fate != Fate::resolved)
            return;
        std::map<std::string, std::string> fields{{"answer", "Uitgelegd hoe het zit."},
                                                  {"response", "telefonisch"}};
        if (!p.verdict.empty())
            fields["verdict"] = p.verdict;
        if (!p.nature.empty())
            fields["nature"] = p.nature;
        if (p.cause) {
            fields["cause"] = "afspraak niet nagekomen";  // one of the procedure's list
            fields["cause_detail"] = "De terugbelafspraak is vergeten.";
        }
        act(reference, "resolve", at(after_working_days(p.received, p.resolved_after), 15), fields);
    }

    // `count` cases received in [first, last], with fates from the sequence.
    std::vector<Planned> plan(Sequence& random, Day first, Day last, int count) {
        const int days = static_cast<int>((last - first).count()) + 1;
        std::vector<Planned> out;
        for (int i = 0; i < count; ++i) {
            Planned p;
            p.kind = kKinds[random.next(2)];
            p.channel = kChannels[random.next(5)];
            p.unit = kUnits[random.next(3)];
            p.received = first + std::chrono::days{random.next(static_cast<unsigned>(days))};
            p.fate = static_cast<Fate>(random.next(4));
            p.acknowledged_after = static_cast<int>(random.next(9));  // 0..8: on time up to 5
            p.resolved_after = p.acknowledged_after + static_cast<int>(random.next(8));  // on time up to 10
            p.verdict = kVerdicts[random.next(5)];
            p.nature = kNatures[random.next(3)];
            p.cause = random.next(2) == 0;
            out.push_back(p);
        }
        return out;
    }

    json report(const std::string& token, const std::string& period, int expected_status = 200) {
        const auto r =
            meldpunt::testing::http_request(server_->port(), "GET", "/api/v1/orgs/mmem/reports/" + period,
                                            {{"Authorization", "Bearer " + token}}, "");
        EXPECT_EQ(r.status, expected_status) << r.body;
        return json::parse(r.body, nullptr, false);
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
    service::Principal staff_, handler_;
    std::string coordinator_, unit_head_;
    calendar::WorkingCalendar amsterdam_{{}, date::locate_zone("Europe/Amsterdam")};
};

int64_t count_of(const json& counts, const char* key_name, const json& key) {
    for (const auto& row : counts)
        if (row[key_name] == key)
            return row["count"].get<int64_t>();
    ADD_FAILURE() << "no row " << key.dump() << " in " << counts.dump();
    return -1;
}

// The median as the mean of the middle two, the 90th percentile as the nearest rank.
double median(std::vector<int> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}
int percentile_90(std::vector<int> values) {
    std::sort(values.begin(), values.end());
    const size_t rank = (values.size() * 90 + 99) / 100;
    return values[rank - 1];
}

TEST_P(ReportTest, EveryFigureOfTheQuarterMatchesAnIndependentCount) {
    // After every step of the plan (the last, 16 working days after 30 June).
    server_->set_now("2027-08-02T12:00:00+02:00");
    Sequence random(20270401);
    const auto earlier = plan(random, calendar::make_day(2027, 1, 1), calendar::make_day(2027, 3, 31), 150);
    const auto quarter = plan(random, calendar::make_day(2027, 4, 1), calendar::make_day(2027, 6, 30), 900);
    int number = 0;
    for (const auto* set : {&earlier, &quarter})
        for (const auto& p : *set)
            ASSERT_NO_FATAL_FAILURE(carry_out(p, ++number));

    const json r = report(coordinator_, "2027-Q2");
    EXPECT_EQ(r["period"]["first_day"], "2027-04-01");
    EXPECT_EQ(r["period"]["last_day"], "2027-06-30");
    EXPECT_EQ(r["previous_period"]["key"], "2027-Q1");
    EXPECT_TRUE(r["complete"].get<bool>());

    for (const auto& [set, figures] :
         {std::pair{&quarter, r["figures"]}, std::pair{&earlier, r["previous"]}}) {
        SCOPED_TRACE(set == &quarter ? "2027-Q2" : "2027-Q1");
        std::map<std::string, int64_t> kinds, channels, units, verdicts, natures, months, ended;
        int64_t closed = 0, causes = 0, outcomes = 0, in_handling = 0;
        std::map<std::string, int64_t> ack, resolution;  // outcome → count
        std::vector<int> ack_days, resolution_days;
        for (const auto& p : *set) {
            ++kinds[p.kind];
            ++channels[p.channel];
            ++units[p.unit];
            ++months[calendar::format_day(p.received).substr(0, 7)];
            const bool resolved = p.fate == Fate::resolved;
            ++verdicts[resolved ? p.verdict : ""];
            ++natures[resolved ? p.nature : ""];
            causes += resolved && p.cause ? 1 : 0;
            outcomes += resolved ? 1 : 0;
            in_handling += p.fate == Fate::acknowledged || resolved ? 1 : 0;
            switch (p.fate) {
                case Fate::untouched:
                    ++ack["overdue"];
                    ++resolution["overdue"];
                    break;
                case Fate::withdrawn:
                    ++closed;
                    ++ended["ingetrokken"];
                    ++ack["stopped"];
                    ++resolution["stopped"];
                    break;
                case Fate::acknowledged:
                    ++ack[p.acknowledged_after <= 5 ? "on_time" : "late"];
                    ack_days.push_back(p.acknowledged_after);
                    ++resolution["overdue"];
                    break;
                case Fate::resolved:
                    ++closed;
                    ++ended["afgehandeld"];
                    ++ack[p.acknowledged_after <= 5 ? "on_time" : "late"];
                    ack_days.push_back(p.acknowledged_after);
                    ++resolution[p.resolved_after <= 10 ? "on_time" : "late"];
                    resolution_days.push_back(p.resolved_after);
                    break;
            }
        }
        const int64_t total = static_cast<int64_t>(set->size());
        EXPECT_EQ(figures["received"], total);
        EXPECT_EQ(figures["closed"], closed);
        EXPECT_EQ(figures["open"], total - closed);
        EXPECT_EQ(figures["merged"], 0);
        EXPECT_EQ(figures["inadmissible"], 0);
        EXPECT_EQ(figures["lapsed"], 0);
        const auto& b = figures["breakdowns"];
        for (const auto& [kind, n] : kinds)
            EXPECT_EQ(count_of(b["kind"]["counts"], "value", kind), n) << kind;
        for (const auto& [channel, n] : channels)
            EXPECT_EQ(count_of(b["channel"]["counts"], "value", channel), n) << channel;
        for (const auto& [unit, n] : units)
            EXPECT_EQ(count_of(b["unit"]["counts"], "value", unit), n) << unit;
        for (const auto& [verdict, n] : verdicts)
            EXPECT_EQ(
                count_of(b["verdict"]["counts"], "value", verdict.empty() ? json(nullptr) : json(verdict)), n)
                << verdict;
        for (const auto& [nature, n] : natures)
            EXPECT_EQ(count_of(b["nature"]["counts"], "value", nature.empty() ? json(nullptr) : json(nature)),
                      n)
                << nature;
        EXPECT_FALSE(b["cause"]["free_text"].get<bool>());  // a list: a row for each cause
        EXPECT_EQ(count_of(b["cause"]["counts"], "value", "afspraak niet nagekomen"), causes);
        EXPECT_EQ(count_of(b["cause"]["counts"], "value", "communicatie"), 0);
        EXPECT_EQ(count_of(b["cause"]["counts"], "value", json(nullptr)), total - causes);
        EXPECT_EQ(b["outcome"]["recorded"], outcomes);
        int64_t month_total = 0;
        for (const auto& row : figures["per_month"]) {
            EXPECT_EQ(row["count"], months[row["month"].get<std::string>()]) << row["month"];
            month_total += row["count"].get<int64_t>();
        }
        EXPECT_EQ(month_total, total);
        EXPECT_EQ(figures["per_month"].size(), 3u);
        EXPECT_EQ(count_of(figures["stages_reached"], "stage", "ontvangen"), total);
        EXPECT_EQ(count_of(figures["stages_reached"], "stage", "in_behandeling"), in_handling);
        EXPECT_EQ(count_of(figures["stages_reached"], "stage", "beroep_ontvangen"), 0);
        EXPECT_EQ(count_of(figures["levels_reached"], "level", "afdeling"), total);
        EXPECT_EQ(count_of(figures["levels_reached"], "level", "beroep"), 0);
        for (const char* stage : {"afgehandeld", "ingetrokken", "beroep_afgehandeld"})
            EXPECT_EQ(count_of(figures["ended_in"], "stage", stage), ended[stage]) << stage;
        for (const auto& [deadline, expected, days] :
             {std::tuple{"acknowledgement", ack, ack_days},
              std::tuple{"resolution", resolution, resolution_days}}) {
            SCOPED_TRACE(deadline);
            json t;
            for (const auto& row : figures["timeliness"])
                if (row["deadline"] == deadline)
                    t = row;
            ASSERT_TRUE(t.is_object());
            auto expected_of = [&](const char* key) {
                const auto found = expected.find(key);
                return found == expected.end() ? int64_t{0} : found->second;
            };
            for (const char* key : {"on_time", "late", "overdue", "stopped", "running"})
                EXPECT_EQ(t[key], expected_of(key)) << key;
            const int64_t due = expected_of("on_time") + expected_of("late") + expected_of("overdue");
            ASSERT_GT(due, 0);
            EXPECT_NEAR(t["share_on_time"].get<double>(), static_cast<double>(expected_of("on_time")) / due,
                        1e-9);
            ASSERT_FALSE(days.empty());
            EXPECT_DOUBLE_EQ(t["median_working_days"].get<double>(), median(days));
            EXPECT_EQ(t["p90_working_days"], percentile_90(days));
        }
        // No case appealed: the appeal's deadlines have rows, with nothing in them.
        const auto appeal =
            std::find_if(figures["timeliness"].begin(), figures["timeliness"].end(),
                         [](const json& row) { return row["deadline"] == "appeal_resolution"; });
        ASSERT_NE(appeal, figures["timeliness"].end());
        EXPECT_EQ((*appeal)["on_time"], 0);
        EXPECT_TRUE((*appeal)["median_working_days"].is_null());
        EXPECT_TRUE((*appeal)["share_on_time"].is_null());
    }

    // The same report counted from the cases' states, as for a register written before it kept
    // their figures; and from the tallies again once the sweep has filled those in.
    const auto tallies = [&] {
        std::map<report::TallyKey, int64_t> out;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& tally : tx.report_tallies.in_months("mmem", "2026-01", "2027-12"))
                out[tally.key] = tally.count;
        });
        return out;
    };
    const auto kept = tallies();
    EXPECT_EQ((kept.at({"2027-04", "received", ""}) + kept.at({"2027-05", "received", ""}) +
               kept.at({"2027-06", "received", ""})),
              900);
    server_->store().transact([](storage::Tx& tx) {
        tx.connection().execute("UPDATE cases SET figures = NULL");
        tx.connection().execute("DELETE FROM report_tallies");
        // Two cases first in the register under a procedure version that cannot be loaded: counted
        // nowhere, and passed over by the sweep, which goes on to the others.
        for (const char* reference : {"2026-999998", "2026-999999"}) {
            storage::StoredCase unreadable;
            unreadable.org = "mmem";
            unreadable.state.reference = reference;
            unreadable.state.kind = "complaint";
            unreadable.state.stage = "ontvangen";
            unreadable.state.procedure_version = 99;
            unreadable.state.received_at = calendar::from_unix_seconds(1767225600);  // 1 January 2026
            unreadable.state.received_on = calendar::make_day(2026, 1, 1);
            unreadable.version = 1;
            tx.cases.insert(unreadable);
        }
    });
    const json from_states = report(coordinator_, "2027-Q2");
    EXPECT_EQ(from_states["figures"], r["figures"]);
    EXPECT_EQ(from_states["previous"], r["previous"]);
    service::Sweeper sweeper(server_->store(), procedures_, language_);
    EXPECT_EQ(sweeper.sweep(server_->now(), 2).figures_filled, 1050);  // two cases a page
    EXPECT_EQ(sweeper.sweep(server_->now()).figures_filled, 0);
    EXPECT_EQ(tallies(), kept);
    const json refilled = report(coordinator_, "2027-Q2");
    EXPECT_EQ(refilled["figures"], r["figures"]);
    EXPECT_EQ(refilled["previous"], r["previous"]);
}

// The version to publish of the same quarter: every count it shows is the report's, every count
// from 1 to 4 is hidden, and no breakdown hides exactly one count (the total would give it away).
TEST_P(ReportTest, ThePublicationShowsTheReportsCountsExceptThoseThatCouldPointAtSomeone) {
    server_->set_now("2027-08-02T12:00:00+02:00");
    Sequence random(20270401);
    const auto quarter = plan(random, calendar::make_day(2027, 4, 1), calendar::make_day(2027, 6, 30), 30);
    int number = 0;
    for (const auto& p : quarter)
        ASSERT_NO_FATAL_FAILURE(carry_out(p, ++number));
    const json full = report(coordinator_, "2027-Q2");
    const auto r = meldpunt::testing::http_request(server_->port(), "GET",
                                                   "/api/v1/orgs/mmem/reports/2027-Q2/publication",
                                                   {{"Authorization", "Bearer " + coordinator_}}, "");
    ASSERT_EQ(r.status, 200) << r.body;
    const json published = json::parse(r.body)["figures"];
    const json& figures = full["figures"];
    EXPECT_EQ(published["received"], figures["received"]);
    int hidden_somewhere = 0;
    for (const auto& [id, breakdown] : figures["breakdowns"].items()) {
        if (breakdown["free_text"].get<bool>())
            continue;
        const auto& shown = published["breakdowns"][id]["counts"];
        ASSERT_EQ(shown.size(), breakdown["counts"].size()) << id;
        int hidden = 0;
        for (size_t i = 0; i < shown.size(); ++i) {
            const int64_t exact = breakdown["counts"][i]["count"];
            if (shown[i]["count"].is_null()) {
                ++hidden;
            } else {
                EXPECT_EQ(shown[i]["count"], exact) << id;
            }
            if (exact > 0 && exact < 5) {
                EXPECT_TRUE(shown[i]["count"].is_null()) << id << " " << breakdown["counts"][i].dump();
            }
        }
        EXPECT_NE(hidden, 1) << id;
        hidden_somewhere += hidden;
    }
    EXPECT_GT(hidden_somewhere, 0) << "the generated quarter has small counts to hide";
    EXPECT_FALSE(published.contains("merged"));
}

// Issuing a report freezes it: a case registered later for the same quarter changes the report
// as counted now, never the one issued, which keeps who issued it, when and under which procedure
// version. Once per period, only for an ended one, only by those who read reports; audited.
TEST_P(ReportTest, AnIssuedReportKeepsItsFiguresAndALaterCaseShowsAsADifference) {
    server_->set_now("2027-08-02T12:00:00+02:00");
    Sequence random(20270401);
    for (const auto& p : plan(random, calendar::make_day(2027, 4, 1), calendar::make_day(2027, 6, 30), 20))
        carry_out(p, 0);
    const auto issue = [&](const std::string& token, const std::string& period) {
        return meldpunt::testing::http_request(server_->port(), "POST",
                                               "/api/v1/orgs/mmem/reports/" + period + "/issue",
                                               {{"Authorization", "Bearer " + token}}, "");
    };
    const auto running = issue(coordinator_, "2027-Q3");
    EXPECT_EQ(running.status, 409);
    EXPECT_EQ(json::parse(running.body)["error"]["code"], "report_period_running");
    EXPECT_EQ(issue(unit_head_, "2027-Q2").status, 403);
    EXPECT_EQ(report(coordinator_, "2027-Q2")["issued"], nullptr);
    const auto publication = [&] {
        const auto r = meldpunt::testing::http_request(server_->port(), "GET",
                                                       "/api/v1/orgs/mmem/reports/2027-Q2/publication",
                                                       {{"Authorization", "Bearer " + coordinator_}}, "");
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body, nullptr, false);
    };
    const json counted_now = publication();
    EXPECT_EQ(counted_now["issued_at"], nullptr);
    const auto issued = issue(coordinator_, "2027-Q2");
    ASSERT_EQ(issued.status, 201) << issued.body;
    const json first = json::parse(issued.body);
    EXPECT_EQ(first["issued"]["by"], "coordinator@mmem.nl");
    EXPECT_EQ(first["issued"]["at"], "2027-08-02T10:00:00Z");
    EXPECT_EQ(first["issued"]["procedure_version"], 1);
    EXPECT_EQ(first["issued"]["report"]["figures"]["received"], 20);
    const auto again = issue(coordinator_, "2027-Q2");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(json::parse(again.body)["error"]["code"], "report_issued");

    // A letter of 10 June, registered only now.
    Planned late;
    late.kind = "complaint";
    late.channel = "letter";
    late.unit = "campagnes";
    late.received = calendar::make_day(2027, 6, 10);
    carry_out(late, 99);
    const json later = report(coordinator_, "2027-Q2");
    EXPECT_EQ(later["figures"]["received"], 21);
    EXPECT_EQ(later["issued"]["report"]["figures"]["received"], 20);
    EXPECT_EQ(later["issued"]["report"]["made_at"], "2027-08-02T10:00:00Z");
    // The publication of an issued period is made from the figures as issued, read back from what
    // was kept: the same as it was before the late letter, and it stays so.
    const json published = publication();
    EXPECT_EQ(published["issued_at"], "2027-08-02T10:00:00Z");
    EXPECT_EQ(published["figures"], counted_now["figures"]);
    EXPECT_EQ(published["previous"], counted_now["previous"]);
    EXPECT_EQ(published["measures"], counted_now["measures"]);
    EXPECT_EQ(published["figures"]["received"], 20);
    std::vector<storage::AuditEntry> issues;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& entry : tx.audit.entries(0, 100000))
            if (entry.action == "report.issue")
                issues.push_back(entry);
    });
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].subject, "2027-Q2");
    EXPECT_EQ(issues[0].actor, "coordinator@mmem.nl");
}

TEST_P(ReportTest, OnlyThoseWhoSeeEveryCaseReadReportsAndAPeriodMustExist) {
    server_->set_now("2027-07-15T12:00:00+02:00");
    // A head of department sees the cases of one unit only: no report, which counts them all.
    const json refused = report(unit_head_, "2027-Q2", 403);
    EXPECT_EQ(refused["error"]["code"], "reports_forbidden");
    for (const char* wrong : {"2027", "2027-Q5", "2027-07", "Q2", "2027-Q3x", "2027-Q4"})
        EXPECT_EQ(report(coordinator_, wrong, 404)["error"]["code"], "report_not_found") << wrong;
    // The running quarter is there, provisional; the list runs from it back to the first case's.
    EXPECT_FALSE(report(coordinator_, "2027-Q3")["complete"].get<bool>());
    service::IntakeInput input;
    input.kind = "question";
    input.channel = "email";
    input.received_at = "2026-11-03T10:00:00+01:00";
    input.subject = "Een oude vraag";
    input.description = "Ontvangen in het vierde kwartaal van 2026.";
    input.complainant.name = "Karin Bos";
    ASSERT_TRUE(cases_->intake(staff_, "mmem", input, "", server_->now()).ok());
    const auto list = meldpunt::testing::http_request(server_->port(), "GET", "/api/v1/orgs/mmem/reports",
                                                      {{"Authorization", "Bearer " + coordinator_}}, "");
    ASSERT_EQ(list.status, 200) << list.body;
    const json listed = json::parse(list.body);
    std::vector<std::string> keys;
    for (const auto& period : listed["periods"])
        keys.push_back(period["key"]);
    EXPECT_EQ(keys, (std::vector<std::string>{"2027-Q3", "2027-Q2", "2027-Q1", "2026-Q4"}));
    // Another organisation's reports, which exist, are as unknown to this coordinator as none.
    server_->create_org("focus", "focus");
    for (const char* path : {"/api/v1/orgs/focus/reports", "/api/v1/orgs/focus/reports/2027",
                             "/api/v1/orgs/focus/reports/2027/publication"}) {
        const auto other_org = meldpunt::testing::http_request(
            server_->port(), "GET", path, {{"Authorization", "Bearer " + coordinator_}}, "");
        EXPECT_EQ(other_org.status, 404) << path << ": " << other_org.body;
    }
    EXPECT_EQ(
        meldpunt::testing::http_request(server_->port(), "POST", "/api/v1/orgs/focus/reports/2026/issue",
                                        {{"Authorization", "Bearer " + coordinator_}}, "")
            .status,
        404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
