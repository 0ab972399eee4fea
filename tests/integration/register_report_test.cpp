// Reports of the other seeds' registers (issue 13; Mensen met een Missie's is report_test.cpp), each
// figure compared with a count the test makes from its own plan: a year of Focus's complaints (003)
// with their verdicts, compensation, satisfaction, causes and natures, some withdrawn, some taken to
// an external party; a year of Gelukwerkt's (001), informal and formal; a year of Een Loket MK's
// complaints and signals (004); and a year of M.O.S.'s complaints (002) of which some came in after
// the right to complain lapsed (002 §Uitgangspunten 7). Through the service the API and the pages use; on
// both backends.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <date/tz.h>
#include <map>

#include "domain/calendar/day.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/reports.hpp"
#include "support/backends.hpp"
#include "support/sequence.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using calendar::Day;

const char* const kChannels[] = {"letter", "email", "phone", "web", "in_person"};
const char* const kVerdicts[] = {"gegrond", "deels gegrond", "ongegrond"};
const char* const kCompensations[] = {"geen", "genoegdoening", "vervangende dienst", "extra dienst"};
const char* const kSatisfaction[] = {"tevreden", "deels tevreden", "ontevreden"};
const char* const kCauses[] = {"afspraak niet nagekomen", "planning of agenda", "bejegening", "communicatie"};

using meldpunt::testing::Sequence;

int64_t count_of(const report::Figures& f, const std::string& breakdown, const std::string& key) {
    const auto* b = f.breakdown(breakdown);
    if (!b) {
        ADD_FAILURE() << "no breakdown " << breakdown;
        return -1;
    }
    for (const auto& c : b->counts)
        if (c.key == key)
            return c.count;
    return 0;
}

int64_t count_in(const std::vector<report::Count>& counts, const std::string& key) {
    for (const auto& c : counts)
        if (c.key == key)
            return c.count;
    return 0;
}

class RegisterReportTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        reports_ = std::make_unique<service::Reports>(server_->store(), procedures_);
    }

    service::Principal account(const std::string& org, const std::string& email, const std::string& role) {
        service::Directory directory(server_->store());
        return *directory.authenticate(server_->create_user(org, email, role), server_->now());
    }

    calendar::Instant at(Day day, int hour) const {
        return amsterdam_.start_of(day) + std::chrono::hours{hour};
    }

    std::string intake(const service::Principal& who, const std::string& org, service::IntakeInput input) {
        const auto taken = cases_->intake(who, org, input, "", server_->now());
        EXPECT_TRUE(taken.ok()) << taken.error().code;
        return taken.ok() ? taken.value().stored.state.reference : "";
    }

    // `action` on `reference` by `who`, `days` working days after `day` (the day itself for 0).
    void act(const service::Principal& who, const std::string& org, const std::string& reference,
             const std::string& action, Day& day, int days, std::map<std::string, std::string> fields = {}) {
        if (days > 0)
            day = amsterdam_.working_days_after(day, days);
        service::ActionInput input{action, calendar::format_instant(at(day, 11)), std::move(fields)};
        const auto r = cases_->act(who, org, reference, input, std::nullopt, server_->now());
        ASSERT_TRUE(r.ok()) << action << " " << reference << ": " << r.error().code;
    }

    using Counted = std::map<std::string, int64_t>;
    // The year 2026's figures of `org` as the service makes them, checked against what the plan
    // counted: the totals, each breakdown named (every value counted, adding up to all received),
    // the final stages the cases ended in and the levels reached. Returned for the test's own checks.
    report::Figures year_as_planned(const service::Principal& who, const std::string& org, int64_t received,
                                    int64_t closed, const std::map<std::string, Counted>& breakdowns,
                                    const Counted& ended, const Counted& levels) {
        const auto made = reports_->make(who, org, "2026", server_->now());
        EXPECT_TRUE(made.ok()) << made.error().code;
        if (!made.ok())
            return {};
        const auto& f = made.value().report.figures;
        EXPECT_TRUE(made.value().report.complete);
        EXPECT_EQ(f.received, received);
        EXPECT_EQ(f.closed, closed);
        EXPECT_EQ(f.open, received - closed);
        for (const auto& [name, expected] : breakdowns) {
            int64_t total = 0;
            for (const auto& [value, n] : expected) {
                EXPECT_EQ(count_of(f, name, value), n) << name << " " << value;
                total += n;
            }
            EXPECT_EQ(total, received) << name;
        }
        for (const auto& [stage, n] : ended)
            EXPECT_EQ(count_in(f.ended_in, stage), n) << stage;
        for (const auto& [level, n] : levels)
            EXPECT_EQ(count_in(f.levels_reached, level), n) << level;
        return f;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
    std::unique_ptr<service::Reports> reports_;
    calendar::WorkingCalendar amsterdam_{{}, date::locate_zone("Europe/Amsterdam")};
};

enum class Fate { untouched, withdrawn, offered, closed, external };

// Focus (003): a year of complaints, each taken as far as its fate; the year's report counts the
// verdicts and compensation offered, the clients' satisfaction, the causes and natures recorded,
// the withdrawals and the complaints taken to an external party.
TEST_P(RegisterReportTest, AYearOfFocusComplaintsCountsEveryAnalysisAsPlanned) {
    server_->create_org("focus", "focus");
    const auto manager = account("focus", "anna@focus.nl", "manager");
    const auto handler = account("focus", "karin@focus.nl", "employee");
    const auto quality = account("focus", "els@focus.nl", "quality_manager");
    server_->set_now("2027-02-01T12:00:00+01:00");
    Sequence random(20260105);
    std::map<std::string, int64_t> channels, verdicts, compensations, satisfaction, causes, natures, ended,
        months;
    int64_t closed = 0, offered = 0, external = 0, outcomes = 0;
    constexpr int kCases = 600;
    for (int i = 0; i < kCases; ++i) {
        const Fate fate = static_cast<Fate>(random.next(5));
        Day day = calendar::make_day(2026, 1, 5) + std::chrono::days{random.next(320)};
        service::IntakeInput input;
        input.kind = "complaint";
        input.channel = kChannels[random.next(5)];
        input.received_at = calendar::format_instant(at(day, 9));
        input.subject = "Klacht " + std::to_string(i);
        input.complainant.name = "Klant " + std::to_string(i);
        const std::string reference = intake(manager, "focus", input);
        ASSERT_FALSE(reference.empty());
        ++channels[input.channel];
        ++months[calendar::format_day(day).substr(0, 7)];
        const std::string verdict = kVerdicts[random.next(3)], compensation = kCompensations[random.next(4)],
                          satisfied = kSatisfaction[random.next(3)], cause = kCauses[random.next(4)],
                          nature = random.next(4) == 0 ? "structureel" : "incident";
        std::string verdict_counted, compensation_counted, satisfaction_counted, cause_counted,
            nature_counted;
        if (fate == Fate::withdrawn) {
            ASSERT_NO_FATAL_FAILURE(
                act(manager, "focus", reference, "withdraw", day, 1, {{"how", "written"}}));
            ++closed;
            ++ended["ingetrokken"];
        } else if (fate != Fate::untouched) {
            ASSERT_NO_FATAL_FAILURE(
                act(manager, "focus", reference, "assign", day, 0, {{"handler", "karin@focus.nl"}}));
            ASSERT_NO_FATAL_FAILURE(
                act(handler, "focus", reference, "contact", day, 1, {{"contact_method", "telefonisch"}}));
            if (fate == Fate::external) {
                ASSERT_NO_FATAL_FAILURE(
                    act(manager, "focus", reference, "escalate", day, 2,
                        {{"external_party", "Geschillencommissie"}, {"reason", "Geen akkoord"}}));
                ASSERT_NO_FATAL_FAILURE(
                    act(manager, "focus", reference, "resolve", day, 10, {{"outcome", "Uitspraak gevolgd"}}));
                ++external;
                ++outcomes;
            } else {
                ASSERT_NO_FATAL_FAILURE(
                    act(handler, "focus", reference, "offer", day, 3,
                        {{"verdict", verdict}, {"compensation", compensation}, {"offer", "-"}}));
                ++offered;
                verdict_counted = verdict;
                compensation_counted = compensation;
                if (fate == Fate::closed) {
                    ASSERT_NO_FATAL_FAILURE(
                        act(handler, "focus", reference, "accept", day, 2, {{"satisfaction", satisfied}}));
                    satisfaction_counted = satisfied;
                }
            }
            if (fate == Fate::closed || fate == Fate::external) {
                ASSERT_NO_FATAL_FAILURE(act(handler, "focus", reference, "record", day, 1,
                                            {{"summary", "-"}, {"cause", cause}, {"nature", nature}}));
                ASSERT_NO_FATAL_FAILURE(act(quality, "focus", reference, "close", day, 1,
                                            {{"erp_reference", "ES-" + reference}}));
                cause_counted = cause;
                nature_counted = nature;
                ++closed;
                ++ended["afgesloten"];
            }
        }
        ++verdicts[verdict_counted];
        ++compensations[compensation_counted];
        ++satisfaction[satisfaction_counted];
        ++causes[cause_counted];
        ++natures[nature_counted];
    }

    const auto f = year_as_planned(quality, "focus", kCases, closed,
                                   {{"channel", channels},
                                    {"verdict", verdicts},
                                    {"compensation", compensations},
                                    {"satisfaction", satisfaction},
                                    {"cause", causes},
                                    {"nature", natures}},
                                   ended, {{"intern", kCases}, {"extern", external}});
    EXPECT_EQ(f.inadmissible, 0);
    EXPECT_EQ(f.lapsed, 0);
    EXPECT_EQ(count_of(f, "outcome", report::kRecorded), outcomes);  // free text: recorded or not
    EXPECT_EQ(count_of(f, "outcome", report::kNotRecorded), kCases - outcomes);
    EXPECT_EQ(count_in(f.ended_in, "afgehandeld"), 0);  // passed through, not final
    EXPECT_EQ(count_in(f.stages_reached, "ontvangen"), kCases);
    EXPECT_EQ(count_in(f.stages_reached, "aanbod_gedaan"), offered);
    EXPECT_EQ(count_in(f.stages_reached, "extern"), external);
    for (const auto& month : f.per_month)
        EXPECT_EQ(month.count, months[month.key]) << month.key;
    EXPECT_EQ(f.per_month.size(), 12u);
}

// Gelukwerkt (001): dissatisfaction talked over informally (resolved, or referred on) beside
// complaints registered by the complaints officer, classified, handled to an accepted solution and
// closed with their cause, or withdrawn; the year's report counts each as planned.
TEST_P(RegisterReportTest, AYearOfGelukwerktCountsInformalAndFormalComplaintsAsPlanned) {
    server_->create_org("gelukwerkt", "gelukwerkt");
    const auto officer = account("gelukwerkt", "officer@gelukwerkt.nl", "complaints_officer");
    const auto coach = account("gelukwerkt", "coach@gelukwerkt.nl", "employee");
    server_->set_now("2027-02-01T12:00:00+01:00");
    Sequence random(20010101);
    const char* const channels[] = {"web", "letter", "email"};
    const char* const causes[] = {"afspraak niet nagekomen", "bejegening", "communicatie", "anders"};
    std::map<std::string, int64_t> kinds, by_channel, natures, by_cause, satisfied, ended, levels;
    int64_t closed = 0, outcomes = 0;
    constexpr int kCases = 400;
    for (int i = 0; i < kCases; ++i) {
        const bool informal = random.next(4) == 0;
        const unsigned fate = random.next(5);
        Day day = calendar::make_day(2026, 1, 5) + std::chrono::days{random.next(320)};
        service::IntakeInput input;
        input.kind = informal ? "dissatisfaction" : "complaint";
        input.channel = channels[random.next(3)];
        input.received_at = calendar::format_instant(at(day, 9));
        input.subject = "Melding " + std::to_string(i);
        input.complainant.name = "Deelnemer " + std::to_string(i);
        input.complainant.email = "deelnemer" + std::to_string(i) + "@example.nl";
        const std::string reference = intake(officer, "gelukwerkt", input);
        ASSERT_FALSE(reference.empty());
        ++kinds[input.kind];
        ++by_channel[input.channel];
        ++levels[informal ? "informeel" : "formeel"];
        std::string nature_counted, cause_counted, satisfaction_counted;
        if (informal) {
            if (fate <= 1) {
                ASSERT_NO_FATAL_FAILURE(act(officer, "gelukwerkt", reference, "resolve_informally", day, 1,
                                            {{"outcome", "Uitgepraat met de coach"}}));
                ++outcomes;
                ++closed;
                ++ended["informeel_opgelost"];
            } else if (fate == 2) {
                ASSERT_NO_FATAL_FAILURE(act(officer, "gelukwerkt", reference, "refer", day, 1));
                ++closed;
                ++ended["verwezen"];
            }
        } else if (fate == 1) {
            ASSERT_NO_FATAL_FAILURE(
                act(officer, "gelukwerkt", reference, "withdraw", day, 1, {{"how", "written"}}));
            ++closed;
            ++ended["ingetrokken"];
        } else if (fate >= 2) {
            const std::string nature = random.next(3) == 0 ? "structureel" : "incident";
            ASSERT_NO_FATAL_FAILURE(
                act(officer, "gelukwerkt", reference, "classify", day, 1, {{"nature", nature}}));
            nature_counted = nature;
            if (fate >= 3) {
                ASSERT_NO_FATAL_FAILURE(
                    act(officer, "gelukwerkt", reference, "assign", day, 1,
                        {{"handler", "coach@gelukwerkt.nl"}, {"agreement", "Binnen een week"}}));
                ASSERT_NO_FATAL_FAILURE(act(coach, "gelukwerkt", reference, "offer", day, 2,
                                            {{"solution", "Een extra gesprek"}}));
            }
            if (fate == 4) {
                const std::string satisfaction = random.next(2) ? "tevreden" : "deels tevreden";
                const std::string cause = causes[random.next(4)];
                ASSERT_NO_FATAL_FAILURE(act(officer, "gelukwerkt", reference, "accept", day, 2,
                                            {{"satisfaction", satisfaction}}));
                ASSERT_NO_FATAL_FAILURE(act(officer, "gelukwerkt", reference, "close", day, 1,
                                            {{"cause", cause}, {"nature", "incident"}}));
                satisfaction_counted = satisfaction;
                cause_counted = cause;
                nature_counted = "incident";  // the last recorded
                ++closed;
                ++ended["afgesloten"];
            }
        }
        ++natures[nature_counted];
        ++by_cause[cause_counted];
        ++satisfied[satisfaction_counted];
    }
    const auto f = year_as_planned(officer, "gelukwerkt", kCases, closed,
                                   {{"kind", kinds},
                                    {"channel", by_channel},
                                    {"nature", natures},
                                    {"cause", by_cause},
                                    {"satisfaction", satisfied}},
                                   ended, levels);
    EXPECT_EQ(count_of(f, "outcome", report::kRecorded), outcomes);
}

// Een Loket MK (004): complaints acknowledged, assigned, analysed (cause and nature before a
// solution is proposed, art. 5), accepted with the result and the evaluation, or withdrawn; and
// signalled deviations and improvements, investigated.
TEST_P(RegisterReportTest, AYearOfEenLoketCountsComplaintsAndSignalsAsPlanned) {
    server_->create_org("eenloket", "een-loket-mk");
    const auto partner = account("eenloket", "partner@eenloket.nl", "partner");
    const auto employee = account("eenloket", "medewerker@eenloket.nl", "employee");
    server_->set_now("2027-02-01T12:00:00+01:00");
    Sequence random(20040101);
    const char* const causes[] = {"fout in het werk", "termijn niet gehaald", "communicatie", "facturen"};
    std::map<std::string, int64_t> kinds, by_cause, natures, ended, stages;
    int64_t closed = 0, results = 0, evaluations = 0;
    constexpr int kCases = 400;
    for (int i = 0; i < kCases; ++i) {
        const unsigned kind = random.next(6);  // 0: deviation, 1: improvement, else a complaint
        const unsigned fate = random.next(5);
        Day day = calendar::make_day(2026, 1, 5) + std::chrono::days{random.next(320)};
        service::IntakeInput input;
        input.kind = kind == 0 ? "deviation" : kind == 1 ? "improvement" : "complaint";
        input.channel = "email";
        input.received_at = calendar::format_instant(at(day, 9));
        input.subject = "Melding " + std::to_string(i);
        input.complainant.name = "Klant " + std::to_string(i);
        input.complainant.email = "klant" + std::to_string(i) + "@example.nl";
        const std::string reference = intake(employee, "eenloket", input);
        ASSERT_FALSE(reference.empty());
        ++kinds[input.kind];
        std::string cause_counted, nature_counted;
        if (kind <= 1) {
            if (fate >= 2) {
                ASSERT_NO_FATAL_FAILURE(
                    act(partner, "eenloket", reference, "investigate", day, 3,
                        {{"findings", "Onderzocht"}, {"measure", "Werkinstructie aangepast"}}));
                ++closed;
                ++ended["onderzocht"];
            }
        } else if (fate == 1) {
            ASSERT_NO_FATAL_FAILURE(
                act(partner, "eenloket", reference, "withdraw", day, 1, {{"how", "oral"}}));
            ++closed;
            ++ended["ingetrokken"];
        } else if (fate >= 2) {
            ASSERT_NO_FATAL_FAILURE(act(employee, "eenloket", reference, "acknowledge", day, 1));
            ASSERT_NO_FATAL_FAILURE(act(partner, "eenloket", reference, "assign", day, 0,
                                        {{"handler", "medewerker@eenloket.nl"}}));
            ++stages["in_behandeling"];
            if (fate >= 3) {
                const std::string cause = causes[random.next(4)];
                const std::string nature = random.next(4) == 0 ? "structureel" : "incident";
                ASSERT_NO_FATAL_FAILURE(act(employee, "eenloket", reference, "analyse", day, 2,
                                            {{"cause", cause}, {"nature", nature}}));
                ASSERT_NO_FATAL_FAILURE(act(employee, "eenloket", reference, "offer", day, 1,
                                            {{"solution", "Herstel op kosten"}}));
                cause_counted = cause;
                nature_counted = nature;
                ++stages["oplossing_voorgesteld"];
            }
            if (fate == 4) {
                ASSERT_NO_FATAL_FAILURE(
                    act(employee, "eenloket", reference, "accept", day, 2,
                        {{"result", "Opgelost"}, {"evaluation", "Besproken in het overleg"}}));
                ++results;
                ++evaluations;
                ++closed;
                ++ended["afgesloten"];
            }
        }
        ++by_cause[cause_counted];
        ++natures[nature_counted];
    }
    const auto f = year_as_planned(
        partner, "eenloket", kCases, closed, {{"kind", kinds}, {"cause", by_cause}, {"nature", natures}},
        ended, {{"verbetering", kinds["deviation"] + kinds["improvement"]}, {"klacht", kinds["complaint"]}});
    EXPECT_EQ(count_of(f, "outcome", report::kRecorded), results);
    EXPECT_EQ(count_of(f, "evaluation", report::kRecorded), evaluations);
    for (const auto& [stage, n] : stages)
        EXPECT_EQ(count_in(f.stages_reached, stage), n) << stage;
}

// M.O.S. (002 §Uitgangspunten 7): a complaint about something that happened more than six months
// before it came in is registered as inadmissible, and the year's report counts it as lapsed.
TEST_P(RegisterReportTest, ComplaintsFiledAfterTheRightLapsedAreCountedAsLapsed) {
    server_->create_org("mos", "mos");
    const auto coordinator = account("mos", "coordinator@mos.nl", "coordinator");
    server_->set_now("2027-01-15T12:00:00+01:00");
    int64_t lapsed = 0;
    constexpr int kCases = 24;
    for (int i = 0; i < kCases; ++i) {
        const Day received = calendar::make_day(2026, 1 + i % 12, 10);
        const bool late = i % 3 == 0;
        service::IntakeInput input;
        input.kind = "complaint";
        input.channel = "letter";
        input.unit = "iduna";  // Oink!'s clients have a regulation of their own (referred-to-oink.test)
        input.received_at = calendar::format_instant(at(received, 10));
        input.event_date = calendar::format_day(received - std::chrono::days{late ? 200 : 30});
        input.subject = "Klacht " + std::to_string(i);
        input.complainant.name = "Klager " + std::to_string(i);
        input.complainant.address = "Dorpsstraat " + std::to_string(i) + ", Oss";
        ASSERT_FALSE(intake(coordinator, "mos", input).empty());
        lapsed += late ? 1 : 0;
    }
    const auto made = reports_->make(coordinator, "mos", "2026", server_->now());
    ASSERT_TRUE(made.ok()) << made.error().code;
    const auto& f = made.value().report.figures;
    EXPECT_EQ(f.received, kCases);
    EXPECT_EQ(f.inadmissible, lapsed);
    EXPECT_EQ(f.lapsed, lapsed);
    EXPECT_EQ(count_in(f.stages_reached, "niet_ontvankelijk"), lapsed);
    EXPECT_EQ(count_in(f.ended_in, "niet_ontvankelijk"), lapsed);
    EXPECT_EQ(f.closed, lapsed);
    EXPECT_EQ(count_of(f, "unit", "iduna"), kCases);
}

// M.O.S. (002): a year of complaints about its three organisations, handled by the manager's handler,
// some after mediation (§Bemiddeling), some put before the independent committee whose advice the
// director decides on (§Externe klachtafhandeling), some withdrawn, some filed after the right to
// complain lapsed, those about Oink!'s childcare referred to its own regulation; the year's report
// counts verdicts, causes, natures, units, levels and endings.
TEST_P(RegisterReportTest, AYearOfMosComplaintsCountsMediationTheCommitteeAndLapsesAsPlanned) {
    server_->create_org("mos", "mos");
    const auto coordinator = account("mos", "coordinator@mos.nl", "coordinator");
    const auto handler = account("mos", "handler@mos.nl", "employee");
    const auto committee = account("mos", "commissie@mos.nl", "committee");
    const auto director = account("mos", "directeur@mos.nl", "director");
    server_->set_now("2027-02-01T12:00:00+01:00");
    Sequence random(20020101);
    const char* const units[] = {"oink", "mos", "iduna"};
    const char* const causes[] = {"bejegening", "communicatie", "bereikbaarheid", "regels of beleid"};
    std::map<std::string, int64_t> by_unit, verdicts, by_cause, natures, ended, levels;
    int64_t closed = 0, lapsed = 0;
    constexpr int kCases = 300;
    for (int i = 0; i < kCases; ++i) {
        const bool late = random.next(6) == 0;
        const unsigned fate = random.next(5);
        Day day = calendar::make_day(2026, 1, 5) + std::chrono::days{random.next(320)};
        service::IntakeInput input;
        input.kind = "complaint";
        input.channel = "letter";
        input.unit = units[random.next(3)];
        input.received_at = calendar::format_instant(at(day, 9));
        input.event_date = calendar::format_day(day - std::chrono::days{late ? 200 : 20});
        input.subject = "Klacht " + std::to_string(i);
        input.complainant.name = "Klager " + std::to_string(i);
        input.complainant.email = "klager" + std::to_string(i) + "@example.nl";
        const std::string reference = intake(coordinator, "mos", input);
        ASSERT_FALSE(reference.empty());
        ++by_unit[input.unit];
        std::string verdict_counted, cause_counted, nature_counted;
        if (late) {
            ++lapsed;
            ++closed;
            ++ended["niet_ontvankelijk"];
        } else if (input.unit == std::string("oink")) {
            ++closed;  // referred to Oink!'s own regulation (002 §Toepassingsgebied), not handled here
            ++ended["doorverwezen"];
        } else {
            ++levels["intern"];
            const std::string verdict = kVerdicts[random.next(3)], cause = causes[random.next(4)],
                              nature = random.next(3) == 0 ? "structureel" : "incident";
            if (fate == 1) {
                ASSERT_NO_FATAL_FAILURE(
                    act(coordinator, "mos", reference, "withdraw", day, 2, {{"how", "written"}}));
                ++closed;
                ++ended["ingetrokken"];
            } else if (fate == 2 || fate == 3) {
                ASSERT_NO_FATAL_FAILURE(
                    act(coordinator, "mos", reference, "assign", day, 1, {{"handler", "handler@mos.nl"}}));
                if (fate == 2) {
                    ASSERT_NO_FATAL_FAILURE(
                        act(handler, "mos", reference, "mediate", day, 3, {{"employee_present", "true"}}));
                    ++levels["bemiddeling"];
                }
                ASSERT_NO_FATAL_FAILURE(act(handler, "mos", reference, "resolve", day, 5,
                                            {{"agreements", "Afspraken gemaakt"},
                                             {"verdict", verdict},
                                             {"cause", cause},
                                             {"nature", nature}}));
                verdict_counted = verdict;
                cause_counted = cause;
                nature_counted = nature;
                ++closed;
                ++ended["afgehandeld"];
            } else if (fate == 4) {
                ASSERT_NO_FATAL_FAILURE(
                    act(coordinator, "mos", reference, "escalate", day, 2, {{"reason", "Geen oplossing"}}));
                ASSERT_NO_FATAL_FAILURE(act(committee, "mos", reference, "advise", day, 20,
                                            {{"advice", "Excuses en uitleg"}, {"verdict", verdict}}));
                ASSERT_NO_FATAL_FAILURE(
                    act(director, "mos", reference, "decide", day, 5,
                        {{"decision", "Advies gevolgd"}, {"cause", cause}, {"nature", nature}}));
                verdict_counted = verdict;
                cause_counted = cause;
                nature_counted = nature;
                ++levels["extern"];
                ++closed;
                ++ended["afgehandeld"];
            }
        }
        ++verdicts[verdict_counted];
        ++by_cause[cause_counted];
        ++natures[nature_counted];
    }
    const auto f = year_as_planned(
        coordinator, "mos", kCases, closed,
        {{"unit", by_unit}, {"verdict", verdicts}, {"cause", by_cause}, {"nature", natures}}, ended, levels);
    EXPECT_EQ(f.inadmissible, lapsed);
    EXPECT_EQ(f.lapsed, lapsed);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegisterReportTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
