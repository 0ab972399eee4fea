// Engine behaviour that no seed procedure exercises, on small procedures written here.
#include <gtest/gtest.h>

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

TEST(Engine, ADeadlineAnchoredOnTheClosingActionDoesNotStartInAClosedCase) {
    auto loaded = loading::load_procedure_text(kConfirmAfterClosing);
    ASSERT_TRUE(loaded.loaded);
    const cases::Engine engine(loaded.loaded->procedure, loaded.loaded->calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    const auto received = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded.loaded->calendar);
    auto intake = engine.intake({"2027-000001",
                                 "complaint",
                                 "letter",
                                 received,
                                 std::nullopt,
                                 "",
                                 {"J."},
                                 std::nullopt,
                                 {},
                                 coordinator});
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

[[action]]
id = "pause"
name = "Opschorten"
from = ["open"]
roles = ["coordinator"]
pauses = true

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
)";

// What a page offers is what apply() then accepts: no action is offered that its state refuses.
TEST(Engine, AvailableActionsFollowTheCasesState) {
    auto loaded = loading::load_procedure_text(kExtendAndPause);
    ASSERT_TRUE(loaded.loaded) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].code);
    const cases::Engine engine(loaded.loaded->procedure, loaded.loaded->calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    const cases::Actor stranger{"s@test.nl", {}};
    auto at = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded.loaded->calendar);
    auto intake = engine.intake(
        {"2027-000001", "complaint", "letter", at, std::nullopt, "", {"J."}, std::nullopt, {}, coordinator});
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

}  // namespace
