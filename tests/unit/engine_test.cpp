// Engine behaviour that no seed procedure exercises, on small procedures written here.
#include <gtest/gtest.h>

#include "letter_intake.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"

namespace {

using namespace meldpunt;

// A deadline that runs from receipt and again from every "close" (which also meets it): closing
// must not start it anew.
const char* const kConfirmAfterClosing = R"([procedure]
id = "t"
name = "Test"
organisation = "Test"

[[kind]]
id = "complaint"
name = "Klacht"
initial_stage = "open"

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

[[action]]
id = "close"
name = "Sluiten"
from = ["open"]
to = "closed"
roles = ["coordinator"]
meets = ["resolution", "confirm"]

[[deadline]]
id = "resolution"
name = "Afhandeling"
period = "5 werkdagen"

[[deadline]]
id = "confirm"
name = "Bevestiging van de sluiting"
anchor = ["received", "close"]
period = "2 werkdagen"
)";

// The procedure above with its engine, a coordinator, and a letter received on Thursday 14
// January 2027 at 10:00.
class ClosingProcedure : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(loaded_.loaded);
        engine_.emplace(loaded_.loaded->procedure, loaded_.loaded->calendar);
        received = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded_.loaded->calendar);
    }

    loading::LoadResult loaded_ = loading::load_procedure_text(kConfirmAfterClosing);
    std::optional<cases::Engine> engine_;
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    std::chrono::sys_seconds received{};
};

TEST_F(ClosingProcedure, ADeadlineAnchoredOnTheClosingActionDoesNotStartInAClosedCase) {
    const cases::Engine& engine = *engine_;
    auto intake = engine.intake(meldpunt::testing::letter_intake(received, coordinator));
    auto& c = intake.value();
    auto result = engine.apply(c, {"close", received + std::chrono::hours{24}, coordinator, {}});
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(c.closed_on.has_value());
    const auto later = calendar::make_day(2027, 2, 1);
    for (const auto& view : engine.deadlines(c, later))
        EXPECT_NE(view.status, cases::DeadlineStatus::overdue) << view.id;
    EXPECT_TRUE(engine.review(c, later).empty());
}

// An action to extend a deadline, and pausing and resuming, whose availability depends on the case.
const char* const kExtendAndPause = R"([procedure]
id = "t"
name = "Test"
organisation = "Test"

[[kind]]
id = "complaint"
name = "Klacht"
initial_stage = "open"

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
id = "period"
name = "Verlenging"
type = "period"

[[action]]
id = "answer"
name = "Beantwoorden"
from = ["open"]
roles = ["coordinator"]
meets = ["resolution"]

[[action]]
id = "extend"
name = "Verlengen"
from = ["open"]
roles = ["coordinator"]
requires = ["period"]
extends = ["resolution"]
letters = ["bericht"]

[[action]]
id = "pause"
name = "Opschorten"
from = ["open"]
roles = ["coordinator"]
pauses = true
letters = ["bericht"]

[[action]]
id = "resume"
name = "Hervatten"
from = ["open"]
roles = ["coordinator"]
resumes = true

[[action]]
id = "close"
name = "Sluiten"
from = ["open"]
to = "closed"
roles = ["coordinator"]

[[deadline]]
id = "resolution"
name = "Afhandeling"
period = "5 werkdagen"

[[letter]]
id = "bericht"
name = "Bericht over de termijn"
to = ["complainant"]
must_contain = ["reference"]
template = "Kenmerk {{reference}}"
)";

// What a page offers is what apply() then accepts: no action is offered that its state refuses.
TEST(Engine, AvailableActionsFollowTheCasesState) {
    auto loaded = loading::load_procedure_text(kExtendAndPause);
    ASSERT_TRUE(loaded.loaded) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].code);
    const cases::Engine engine(loaded.loaded->procedure, loaded.loaded->calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    const cases::Actor stranger{"s@test.nl", {}};
    auto at = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded.loaded->calendar);
    auto intake = engine.intake(meldpunt::testing::letter_intake(at, coordinator));
    auto& c = intake.value();
    using List = std::vector<std::string>;
    EXPECT_EQ(engine.available_actions(c, coordinator), (List{"answer", "extend", "pause", "close"}));
    EXPECT_EQ(engine.available_actions(c, stranger), List{});
    auto take = [&](const std::string& action, std::map<std::string, std::string> fields = {}) {
        at += std::chrono::hours{1};
        return engine.apply(c, {action, at, coordinator, std::move(fields)});
    };
    ASSERT_TRUE(take("pause").ok());
    EXPECT_EQ(engine.available_actions(c, coordinator), (List{"answer", "extend", "resume", "close"}));
    ASSERT_TRUE(take("resume").ok());
    ASSERT_TRUE(take("answer").ok());
    // The deadline is met: there is nothing left to extend, so it is not offered, and refused.
    EXPECT_EQ(engine.available_actions(c, coordinator), (List{"answer", "pause", "close"}));
    auto refused = take("extend", {{"period", "2 weken"}});
    ASSERT_TRUE(!refused.ok());
    EXPECT_EQ(refused.error().kind, cases::RefusalKind::invalid_state);
    ASSERT_TRUE(take("close").ok());
    EXPECT_EQ(engine.available_actions(c, coordinator), List{});
}

// A pause holds the clock: while it lasts the deadline has no due day and is never overdue; a
// second pause is refused; on resumption the paused working days do not count and are named as
// skipped. The pause sends its letter to the complainant.
// A duplicate merged while its deadlines wait for the complainant: the pause ends with the case,
// so that the stopped deadline still explains itself.
TEST(Engine, AMergedDuplicateThatWasPausedLeavesNoPauseOpen) {
    auto loaded = loading::load_procedure_text(kExtendAndPause);
    ASSERT_TRUE(loaded.loaded);
    const auto& calendar = loaded.loaded->calendar;
    const cases::Engine engine(loaded.loaded->procedure, calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    const auto received = *calendar::parse_instant("2027-01-14T10:00:00+01:00", calendar);
    auto c = engine.intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    ASSERT_TRUE(engine.apply(c, {"pause", received + std::chrono::hours{1}, coordinator, {}}).ok());
    ASSERT_TRUE(c.paused);
    ASSERT_FALSE(engine.merge_into(c, "2027-000009", received + std::chrono::hours{48}, coordinator));
    EXPECT_FALSE(c.paused);
    const auto& deadline = c.deadlines.at(0);
    ASSERT_EQ(deadline.pauses.size(), 1u);
    EXPECT_EQ(deadline.pauses[0].until, calendar::make_day(2027, 1, 16));
    EXPECT_EQ(deadline.stopped_on, calendar::make_day(2027, 1, 16));
    EXPECT_EQ(engine.deadlines(c, calendar::make_day(2027, 2, 1)).at(0).status,
              cases::DeadlineStatus::stopped);
}

TEST(Engine, APauseHoldsTheClockAndItsDaysDoNotCount) {
    auto loaded = loading::load_procedure_text(kExtendAndPause);
    ASSERT_TRUE(loaded.loaded) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].code);
    const auto& calendar = loaded.loaded->calendar;
    const cases::Engine engine(loaded.loaded->procedure, calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    // Thursday 14 January 2027: 5 working days end on Thursday 21 January.
    auto intake = engine.intake(meldpunt::testing::letter_intake(
        *calendar::parse_instant("2027-01-14T10:00:00+01:00", calendar), coordinator));
    auto& c = intake.value();
    auto take = [&](const std::string& action, const char* at) {
        return engine.apply(c, {action, *calendar::parse_instant(at, calendar), coordinator, {}});
    };
    auto resolution = [&](calendar::Day today) { return engine.deadlines(c, today).at(0); };
    EXPECT_EQ(resolution(calendar::make_day(2027, 1, 14)).due.due, calendar::make_day(2027, 1, 21));

    auto paused = take("pause", "2027-01-18T11:00:00+01:00");
    ASSERT_TRUE(paused.ok());
    EXPECT_EQ(paused.value().letters, std::vector<std::string>{"bericht"});
    const auto weeks_later = calendar::make_day(2027, 2, 10);
    EXPECT_EQ(resolution(weeks_later).status, cases::DeadlineStatus::paused);
    EXPECT_FALSE(resolution(weeks_later).due.due.has_value());
    EXPECT_TRUE(engine.review(c, weeks_later).empty());
    auto again = take("pause", "2027-01-19T11:00:00+01:00");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().kind, cases::RefusalKind::invalid_state);

    // Paused Monday 18 to Thursday 21 January: the three working days 18, 19 and 20 January do not
    // count, so the due day moves from Thursday 21 to Tuesday 26 January.
    ASSERT_TRUE(take("resume", "2027-01-21T09:00:00+01:00").ok());
    const auto view = resolution(calendar::make_day(2027, 1, 21));
    EXPECT_EQ(view.status, cases::DeadlineStatus::open);
    EXPECT_EQ(view.due.due, calendar::make_day(2027, 1, 26));
    const auto skipped_on = [&](calendar::Day day) {
        return std::any_of(view.due.skipped.begin(), view.due.skipped.end(),
                           [&](const calendar::SkippedDay& s) { return s.day == day; });
    };
    EXPECT_TRUE(skipped_on(calendar::make_day(2027, 1, 19)));
    EXPECT_TRUE(skipped_on(calendar::make_day(2027, 1, 23)));  // a Saturday
}

}  // namespace

namespace {

TEST_F(ClosingProcedure, AMessageIsOneEventWithItsAttachmentsInTheDossier) {
    const cases::Engine& engine = *engine_;
    auto c = engine.intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    const auto at = received + std::chrono::hours{2};

    const cases::Message reply{"m1", "shared", {{"d1", "shared"}, {"d2", "shared"}}};
    ASSERT_FALSE(engine.add_message(c, reply, at, coordinator));
    ASSERT_EQ(c.documents.size(), 2u);
    const cases::Event& event = c.events.back();
    EXPECT_EQ(event.action, "message");
    EXPECT_EQ(event.actor, "c@test.nl");
    EXPECT_EQ(event.fields.at("message"), "m1");
    EXPECT_EQ(event.fields.at("visibility"), "shared");
    EXPECT_EQ(event.fields.at("documents"), "d1,d2");
    EXPECT_EQ(c.message_event("m1"), &event);

    const cases::Message note{"m2", "internal", {}};
    ASSERT_FALSE(engine.add_message(c, note, at, coordinator));
    EXPECT_FALSE(c.events.back().fields.contains("documents"));

    // Refused, and nothing changes: the same id again, an attachment already in the dossier or
    // twice in one message, a visibility that is none.
    const auto events = c.events.size();
    EXPECT_TRUE(engine.add_message(c, {"m1", "shared", {}}, at, coordinator));
    EXPECT_TRUE(engine.add_message(c, {"m3", "shared", {{"d1", "shared"}}}, at, coordinator));
    EXPECT_TRUE(
        engine.add_message(c, {"m3", "shared", {{"d3", "shared"}, {"d3", "shared"}}}, at, coordinator));
    EXPECT_TRUE(engine.add_message(c, {"m3", "public", {}}, at, coordinator));
    EXPECT_TRUE(engine.add_message(c, {"m3", "shared", {{"d3", "everyone"}}}, at, coordinator));
    EXPECT_EQ(c.events.size(), events);
    EXPECT_EQ(c.documents.size(), 2u);
}

}  // namespace

namespace {

TEST_F(ClosingProcedure, ACorrectionRecordsWhichFieldsChangedAndNotTheirValues) {
    const cases::Engine& engine = *engine_;
    auto c = engine.intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    const auto at = received + std::chrono::hours{1};

    cases::Correction typo;
    typo.subject = "Nieuw onderwerp";
    typo.email = "nieuw@example.nl";
    typo.name = c.complainant.name;  // the same: not a change
    typo.at = at;
    typo.actor = coordinator;
    ASSERT_FALSE(engine.correct(c, typo));
    EXPECT_EQ(c.complainant.email, "nieuw@example.nl");
    const auto& event = c.events.back();
    EXPECT_EQ(event.action, "correct");
    EXPECT_EQ(event.fields, (std::map<std::string, std::string>{{"changed", "subject,email"}}));

    // Nothing new, an unknown unit, or a moment before the last event: refused, nothing changes.
    const auto before = c;
    cases::Correction same;
    same.email = "nieuw@example.nl";
    same.at = at;
    EXPECT_EQ(engine.correct(c, same)->subject, "correction");
    cases::Correction unit;
    unit.unit = "nergens";
    unit.at = at;
    EXPECT_EQ(engine.correct(c, unit)->kind, cases::RefusalKind::unknown_unit);
    cases::Correction early;
    early.phone = "06-1";
    early.at = received;
    EXPECT_TRUE(engine.correct(c, early));
    EXPECT_EQ(c, before);
}

}  // namespace

namespace {

TEST_F(ClosingProcedure, AMergedDuplicateIsClosedAndRefusesEveryStepAfter) {
    const cases::Engine& engine = *engine_;
    auto kept = engine.intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    auto request = meldpunt::testing::letter_intake(received + std::chrono::hours{1}, coordinator);
    request.reference = "2027-000002";
    auto duplicate = engine.intake(request).value();
    ASSERT_EQ(duplicate.deadlines.size(), 2u);
    const auto at = received + std::chrono::days{1};  // Friday 15 January

    // Refused, and nothing changes: into itself, into nothing, before the last event.
    const auto untouched = duplicate;
    EXPECT_EQ(engine.merge_into(duplicate, "2027-000002", at, coordinator)->subject, "into");
    EXPECT_EQ(engine.merge_into(duplicate, "", at, coordinator)->subject, "into");
    EXPECT_TRUE(engine.merge_into(duplicate, "2027-000001", received, coordinator));
    EXPECT_EQ(duplicate, untouched);

    ASSERT_FALSE(engine.merge_into(duplicate, "2027-000001", at, coordinator));
    EXPECT_EQ(duplicate.merged_into, "2027-000001");
    const auto friday = calendar::make_day(2027, 1, 15);
    EXPECT_EQ(duplicate.closed_on, friday);
    for (const auto& deadline : duplicate.deadlines)
        EXPECT_EQ(deadline.stopped_on, friday) << deadline.id;
    EXPECT_EQ(duplicate.events.back().action, "merge");
    EXPECT_EQ(duplicate.events.back().fields, (std::map<std::string, std::string>{{"into", "2027-000001"}}));
    // Nothing more is asked of it, and nothing more can be done with it.
    EXPECT_TRUE(engine.review(duplicate, friday + std::chrono::days{365}).empty());
    EXPECT_TRUE(engine.available_actions(duplicate, coordinator).empty());
    const auto merged = duplicate;
    const auto refused_as_merged = [](const std::optional<cases::Refusal>& refusal) {
        return refusal && refusal->kind == cases::RefusalKind::invalid_state &&
               refusal->details == std::vector<std::string>{"merged", "2027-000001"};
    };
    const auto later = at + std::chrono::hours{1};
    auto act = engine.apply(duplicate, {"close", later, coordinator, {}});
    ASSERT_FALSE(act.ok());
    EXPECT_TRUE(refused_as_merged(*act.failure()));
    EXPECT_TRUE(refused_as_merged(engine.add_message(duplicate, {"m1", "shared", {}}, later, coordinator)));
    EXPECT_TRUE(refused_as_merged(engine.add_document(duplicate, {"d1", "internal"}, later, coordinator)));
    cases::Correction correction;
    correction.subject = "Anders";
    correction.at = later;
    EXPECT_TRUE(refused_as_merged(engine.correct(duplicate, correction)));
    EXPECT_TRUE(refused_as_merged(engine.merge_into(duplicate, "2027-000003", later, coordinator)));
    EXPECT_TRUE(refused_as_merged(engine.take_in(duplicate, "2027-000003", later, coordinator)));
    EXPECT_EQ(duplicate, merged);

    // The case it joined records it, once per duplicate; it cannot take itself in.
    ASSERT_FALSE(engine.take_in(kept, "2027-000002", at, coordinator));
    EXPECT_EQ(kept.events.back().action, "merged");
    EXPECT_EQ(kept.merged_from(), std::vector<std::string>{"2027-000002"});
    EXPECT_FALSE(kept.closed_on);
    EXPECT_EQ(engine.take_in(kept, "2027-000001", at, coordinator)->subject, "into");

    // A closed case is not merged: it was handled.
    ASSERT_TRUE(engine.apply(kept, {"close", later, coordinator, {}}).ok());
    const auto refusal = engine.merge_into(kept, "2027-000009", later, coordinator);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->details, std::vector<std::string>{"closed"});
    EXPECT_TRUE(kept.merged_into.empty());
}

}  // namespace
