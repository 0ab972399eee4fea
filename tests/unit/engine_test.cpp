// Engine behaviour that no seed procedure exercises, on small procedures written here.
#include <gtest/gtest.h>

#include "app/procedure_loader.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/case/engine.hpp"

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
    auto loaded = app::load_procedure_text(kConfirmAfterClosing);
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
    auto& c = std::get<cases::Case>(intake);
    auto result = engine.apply(c, {"close", received + std::chrono::hours{24}, coordinator, {}});
    ASSERT_TRUE(std::holds_alternative<cases::Outcome>(result));
    EXPECT_TRUE(c.closed_on.has_value());
    const auto later = calendar::make_day(2027, 2, 1);
    for (const auto& view : engine.deadlines(c, later))
        EXPECT_NE(view.status, cases::DeadlineStatus::overdue) << view.id;
    EXPECT_TRUE(engine.review(c, later).empty());
}

}  // namespace
