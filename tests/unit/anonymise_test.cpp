// Retention in the domain (issue 15): a retention period per kind of case, and a case anonymised:
// what stays is what the reports count, and no step can be taken on it any more.
#include <gtest/gtest.h>

#include "letter_intake.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/case/anonymise.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

const char* const kTwoRetentions = R"([procedure]
id = "t"
name = "Test"
organisation = "Test"

[[kind]]
id = "complaint"
name = "Klacht"
initial_stage = "open"

[[kind]]
id = "question"
name = "Vraag"
initial_stage = "open"

[[role]]
id = "coordinator"
name = "Coördinator"
sees = "all"

[[stage]]
id = "open"
name = "Open"

[[stage]]
id = "closed"
name = "Gesloten"
final = true

[[field]]
id = "verdict"
name = "Oordeel"
type = "choice"
options = ["gegrond", "ongegrond"]

[[field]]
id = "settled"
name = "Opgelost"
type = "boolean"

[[field]]
id = "answer"
name = "Antwoord"
type = "text"

[[action]]
id = "close"
name = "Sluiten"
from = ["open"]
to = "closed"
roles = ["coordinator"]
optional = ["verdict", "settled", "answer"]

[[rule]]
kind = "retention"
period = "6 maanden"
kinds = ["question"]
text = "Vragen worden een half jaar bewaard."
source = "test"

[[rule]]
kind = "retention"
period = "2 jaar"
text = "Klachten worden twee jaar bewaard."
source = "test"
)";

class AnonymiseTest : public ::testing::Test {
  protected:
    void SetUp() override {
        loaded_ = loading::load_procedure_text(kTwoRetentions);
        ASSERT_TRUE(loaded_.loaded) << (loaded_.diagnostics.empty()
                                            ? std::string()
                                            : loaded_.diagnostics[0].code + " at " +
                                                  std::to_string(loaded_.diagnostics[0].line));
        engine_ = std::make_unique<cases::Engine>(loaded_.loaded->procedure, loaded_.loaded->calendar);
    }

    cases::Case closed(const std::string& kind) {
        const auto received = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded_.loaded->calendar);
        auto request = meldpunt::testing::letter_intake(received, coordinator_);
        request.kind = kind;
        request.complainant.email = "j@example.nl";
        auto c = engine_->intake(request).value();
        auto closed = engine_->apply(
            c, {"close",
                received + std::chrono::hours{24 * 20},
                coordinator_,
                {{"verdict", "gegrond"}, {"settled", "true"}, {"answer", "J. kreeg gelijk."}}});
        EXPECT_TRUE(closed.ok());
        return c;
    }

    loading::LoadResult loaded_;
    std::unique_ptr<cases::Engine> engine_;
    const cases::Actor coordinator_{"c@test.nl", {"coordinator"}};
};

TEST_F(AnonymiseTest, EachKindIsKeptForItsOwnPeriodTheFirstRuleThatAppliesCounts) {
    EXPECT_EQ(closed("question").retain_until, make_day(2027, 8, 3));
    EXPECT_EQ(closed("complaint").retain_until, make_day(2029, 2, 3));
}

TEST_F(AnonymiseTest, WhatStaysIsWhatTheReportsCountWithDatesToTheMonth) {
    const cases::Case c = closed("complaint");
    ASSERT_EQ(c.closed_on, make_day(2027, 2, 3));
    const cases::Case kept = cases::anonymised(c, loaded_.loaded->procedure, make_day(2029, 2, 3));
    EXPECT_EQ(kept.reference, c.reference);
    EXPECT_EQ(kept.kind, "complaint");
    EXPECT_EQ(kept.channel, "letter");
    EXPECT_EQ(kept.stage, "closed");
    EXPECT_EQ(kept.received_on, make_day(2027, 1, 1));
    EXPECT_EQ(kept.received_at, std::chrono::sys_seconds{make_day(2027, 1, 1)});
    EXPECT_EQ(kept.closed_on, make_day(2027, 2, 1));
    EXPECT_EQ(kept.anonymised_on, make_day(2029, 2, 3));
    // Choices and yes/no stay; free text goes, as do the name, the address and the timeline.
    EXPECT_EQ(kept.facts, (std::map<std::string, std::string>{{"settled", "true"}, {"verdict", "gegrond"}}));
    EXPECT_EQ(kept.complainant, cases::Complainant{});
    EXPECT_TRUE(kept.events.empty());
    EXPECT_TRUE(kept.deadlines.empty());
    EXPECT_TRUE(kept.letters.empty());
    EXPECT_TRUE(kept.handler.empty());
}

TEST_F(AnonymiseTest, NoStepIsTakenOnAnAnonymisedCase) {
    cases::Case kept =
        cases::anonymised(closed("complaint"), loaded_.loaded->procedure, make_day(2029, 2, 3));
    const auto at = std::chrono::sys_seconds{make_day(2029, 3, 1)};
    const auto message = engine_->add_message(kept, {"m1", "internal", {}}, at, coordinator_);
    ASSERT_TRUE(message);
    EXPECT_EQ(message->kind, cases::RefusalKind::invalid_state);
    EXPECT_EQ(message->details, std::vector<std::string>{"anonymised"});
    EXPECT_TRUE(engine_->add_document(kept, {"d1", "shared"}, at, coordinator_));
    EXPECT_TRUE(engine_->available_actions(kept, coordinator_).empty());
}

}  // namespace
