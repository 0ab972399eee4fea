// A case judged urgent and sent on (002 §B) in the engine: the deadlines the procedure shortens for
// urgent cases switch period and back, and forwarding to a person follows the rules of an action
// that sets the handler; whom a new case goes to when its kind is routed (002 §A.1).
#include <gtest/gtest.h>

#include "letter_intake.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/engine/intake_routing.hpp"
#include "loading/procedure_loader.hpp"
#include "storage/case_codec.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

const char* const kUrgentContact = R"([procedure]
id = "t"
name = "Test"
organisation = "Test"

[[kind]]
id = "complaint"
name = "Klacht"
initial_stage = "open"

[[unit]]
id = "zorg"
name = "Zorg"
default = true

[[unit]]
id = "wonen"
name = "Wonen"

[[role]]
id = "coordinator"
name = "Coördinator"

[[stage]]
id = "open"
name = "Open"

[[stage]]
id = "closed"
name = "Gesloten"
final = true

[[field]]
id = "about"
name = "Over wie"
type = "people"

[[action]]
id = "record_about"
name = "Over wie"
from = ["open"]
roles = ["coordinator"]
optional = ["about"]
sets_about = true

[[action]]
id = "close"
name = "Sluiten"
from = ["open"]
to = "closed"
roles = ["coordinator"]
meets = ["contact", "resolution"]

[[deadline]]
id = "contact"
name = "Contact"
period = "5 werkdagen"
urgent = "1 werkdag"

[[deadline]]
id = "resolution"
name = "Afhandeling"
period = "6 weken"

[[rule]]
kind = "handler_not_subject"
text = "De behandelaar is nooit degene over wie de klacht gaat."
source = "test"
)";

class Routing : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(loaded_.loaded) << (loaded_.diagnostics.empty() ? "" : loaded_.diagnostics[0].code);
        engine_.emplace(loaded_.loaded->procedure, loaded_.loaded->calendar);
        // Monday 26 April 2027; Tuesday 27 is King's Day.
        received = *calendar::parse_instant("2027-04-26T10:00:00+02:00", loaded_.loaded->calendar);
    }

    calendar::Day due_of(const cases::Case& c, const std::string& id) {
        for (const auto& view : engine_->deadlines(c, make_day(2027, 4, 26)))
            if (view.id == id)
                return *view.due.due;
        ADD_FAILURE() << id;
        return {};
    }

    loading::LoadResult loaded_ = loading::load_procedure_text(kUrgentContact);
    std::optional<cases::Engine> engine_;
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    std::chrono::sys_seconds received{};
};

TEST_F(Routing, AnUrgentCaseRunsTheShortenedDeadlinesAndSwitchesBack) {
    auto request = meldpunt::testing::letter_intake(received, coordinator);
    request.urgent = true;
    auto c = engine_->intake(request).value();
    EXPECT_TRUE(c.urgent);
    EXPECT_EQ(due_of(c, "contact"), make_day(2027, 4, 28)) << "1 working day, over King's Day";
    EXPECT_EQ(due_of(c, "resolution"), make_day(2027, 6, 7)) << "not shortened";

    const auto later = received + std::chrono::hours{1};
    EXPECT_FALSE(engine_->set_urgency(c, false, "toch niet spoedeisend", later, coordinator));
    EXPECT_FALSE(c.urgent);
    EXPECT_EQ(due_of(c, "contact"), make_day(2027, 4, 28)) << "what was promised stands";
    EXPECT_EQ(c.events.back().action, "urgency");
    EXPECT_EQ(c.events.back().fields.at("urgent"), "no");
    EXPECT_EQ(c.events.back().fields.at("note"), "toch niet spoedeisend");
    const auto same = engine_->set_urgency(c, false, "", later, coordinator);
    ASSERT_TRUE(same);
    EXPECT_EQ(same->details, std::vector<std::string>{"nothing_changed"});

    EXPECT_FALSE(engine_->set_urgency(c, true, "", later, coordinator));
    EXPECT_EQ(due_of(c, "contact"), make_day(2027, 4, 28));
    EXPECT_EQ(storage::decode_case(storage::encode_case(c)), c);
    // Once met, a deadline keeps the period it was met under.
    ASSERT_TRUE(engine_->apply(c, {"close", later + std::chrono::hours{1}, coordinator, {}}).ok());
    const auto closed = engine_->set_urgency(c, false, "", later + std::chrono::hours{2}, coordinator);
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->details, std::vector<std::string>{"closed"});
}

// Judged urgent on the fourth day: the urgent period runs from that day, so that the deadline is
// shorter but not passed at once.
TEST_F(Routing, JudgedUrgentLaterTheShorterPeriodRunsFromThatDay) {
    auto c = engine_->intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    EXPECT_EQ(due_of(c, "contact"), make_day(2027, 5, 4)) << "5 working days over King's Day";
    const auto thursday = *calendar::parse_instant("2027-04-29T10:00:00+02:00", loaded_.loaded->calendar);
    EXPECT_FALSE(engine_->set_urgency(c, true, "", thursday, coordinator));
    EXPECT_EQ(due_of(c, "contact"), make_day(2027, 4, 30));
    EXPECT_EQ(due_of(c, "resolution"), make_day(2027, 6, 7)) << "not shortened";
}

TEST_F(Routing, ForwardingMakesThePersonTheHandlerUnderTheRules) {
    auto c = engine_->intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    const auto at = received + std::chrono::hours{1};
    ASSERT_TRUE(engine_->apply(c, {"record_about", at, coordinator, {{"about", "joke@test.nl"}}}).ok());
    // Not to the person it is about (the rule), not to an unknown unit, not nowhere, not where it is.
    const auto subject = engine_->forward(c, {"", "joke@test.nl", "", at, coordinator});
    ASSERT_TRUE(subject);
    EXPECT_EQ(subject->kind, cases::RefusalKind::rule_violated);
    EXPECT_EQ(engine_->forward(c, {"nergens", "", "", at, coordinator})->kind,
              cases::RefusalKind::unknown_unit);
    EXPECT_EQ(engine_->forward(c, {"", "", "", at, coordinator})->kind, cases::RefusalKind::missing_field);
    EXPECT_EQ(engine_->forward(c, {"zorg", "", "", at, coordinator})->details,
              std::vector<std::string>{"nothing_changed"});
    EXPECT_TRUE(c.handler.empty());

    EXPECT_FALSE(engine_->forward(c, {"wonen", "karin@test.nl", "Graag vandaag bellen", at, coordinator}));
    EXPECT_EQ(c.handler, "karin@test.nl");
    EXPECT_EQ(c.unit, "wonen");
    EXPECT_EQ(c.events.back().action, "forward");
    EXPECT_EQ(c.events.back().fields,
              (std::map<std::string, std::string>{
                  {"unit", "wonen"}, {"to", "karin@test.nl"}, {"note", "Graag vandaag bellen"}}));
}

TEST(UrgentPeriod, IsReadFromTheProcedureFile) {
    const auto loaded = loading::load_procedure_text(kUrgentContact);
    ASSERT_TRUE(loaded.loaded);
    const auto* contact = loaded.loaded->procedure.deadline("contact");
    ASSERT_TRUE(contact && contact->urgent_period);
    EXPECT_EQ(contact->urgent_period->count, 1);
    std::string wrong = kUrgentContact;
    wrong.replace(wrong.find("\"1 werkdag\""), 11, "\"spoedig\"");
    EXPECT_FALSE(loading::load_procedure_text(wrong).loaded);
}

}  // namespace

// 002 §Behandeling Onvrede A.1: dissatisfaction about another employee goes to that employee (A.1b);
// what a volunteer or intern takes in, or what is about one of them, to their supervisor (A.1a).
TEST(IntakeRouting, GoesToWhomItIsAboutOrToTheSupervisorOfAVolunteer) {
    auto loaded = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
    ASSERT_TRUE(loaded.loaded);
    const auto& mos = loaded.loaded->procedure;
    const cases::PersonFacts sanne{"sanne@mos.nl", {"employee"}, "lisa@mos.nl"};
    const cases::PersonFacts piet{"piet@mos.nl", {"employee"}, "lisa@mos.nl"};
    const cases::PersonFacts vera{"vera@mos.nl", {"volunteer"}, "coordinator@mos.nl"};
    const cases::PersonFacts kees{"kees@mos.nl", {"volunteer"}, ""};
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", sanne, {piet}), "piet@mos.nl");
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", sanne, {sanne}), "") << "about herself: hers";
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", sanne, {}), "");
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", vera, {}), "coordinator@mos.nl");
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", vera, {vera}), "coordinator@mos.nl");
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", sanne, {vera}), "coordinator@mos.nl");
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", vera, {piet}), "piet@mos.nl");
    EXPECT_EQ(cases::route_intake(mos, "dissatisfaction", kees, {}), "") << "nobody recorded: unassigned";
    EXPECT_EQ(cases::route_intake(mos, "complaint", sanne, {piet}), "") << "a complaint goes to the manager";
}

// Dissatisfaction talked over with the employee it is about (002 §A.1b) that becomes a complaint
// (§A.3) lets go of that employee: a complaint never goes to them (002 §Begripsomschrijving 8).
TEST(IntakeRouting, TheEmployeeLetsGoWhenItBecomesAComplaint) {
    auto loaded = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
    ASSERT_TRUE(loaded.loaded);
    const cases::Engine engine(loaded.loaded->procedure, loaded.loaded->calendar);
    const auto at = *calendar::parse_instant("2027-02-08T10:00:00+01:00", loaded.loaded->calendar);
    cases::IntakeRequest request = meldpunt::testing::letter_intake(at, {"sanne@mos.nl", {"employee"}});
    request.kind = "dissatisfaction";
    request.about = {"piet@mos.nl"};
    request.handler = "piet@mos.nl";
    auto c = engine.intake(request).value();
    EXPECT_EQ(c.handler, "piet@mos.nl") << "dissatisfaction: the rule is for complaints only";
    const cases::Actor complainant{"complainant", {"complainant"}};
    ASSERT_TRUE(
        engine
            .apply(c, {"to_manager", at + std::chrono::hours{2}, complainant, {{"reason", "Niet opgelost"}}})
            .ok());
    EXPECT_EQ(c.kind, "complaint");
    EXPECT_EQ(c.handler, "");

    request.kind = "complaint";
    EXPECT_EQ(engine.intake(request).value().handler, "")
        << "a complaint is never routed to whom it is about";
}
