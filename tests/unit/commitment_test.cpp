// Commitments to the complainant in the engine (003 §Werkwijze 4): recorded, reminded and told when
// passed on working days, settled, and holding back a close by staff but not the complainant's own.
#include <gtest/gtest.h>

#include "letter_intake.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "procedure_file/describe.hpp"
#include "storage/case_codec.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

const char* const kWithCommitments = R"([procedure]
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

[[role]]
id = "manager"
name = "Leidinggevende"

[[role]]
id = "complainant"
name = "Klager"

[[stage]]
id = "open"
name = "Open"

[[stage]]
id = "closed"
name = "Gesloten"
final = true

[[stage]]
id = "withdrawn"
name = "Ingetrokken"
final = true

[[action]]
id = "close"
name = "Sluiten"
from = ["open"]
to = "closed"
roles = ["coordinator"]

[[action]]
id = "withdraw"
name = "Intrekken"
from = ["open"]
to = "withdrawn"
roles = ["complainant"]

[commitments]
remind_before = "2 werkdagen"
escalate_to = ["manager"]
source = "003 §Werkwijze 4"
)";

class Commitments : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(loaded_.loaded) << (loaded_.diagnostics.empty() ? "" : loaded_.diagnostics[0].code);
        engine_.emplace(loaded_.loaded->procedure, loaded_.loaded->calendar);
        // Thursday 22 April 2027, the week before King's Day (Tuesday 27 April).
        received = *calendar::parse_instant("2027-04-22T10:00:00+02:00", loaded_.loaded->calendar);
        auto intake = engine_->intake(meldpunt::testing::letter_intake(received, coordinator));
        ASSERT_TRUE(intake.ok());
        c = intake.value();
    }

    std::string promise(const std::string& what, calendar::Day due, std::chrono::sys_seconds at) {
        cases::Commitment m;
        m.what = what;
        m.who = "karin@test.nl";
        m.due = due;
        auto made = engine_->promise(c, m, at, coordinator);
        EXPECT_TRUE(made.ok());
        return made.ok() ? made.value() : "";
    }

    loading::LoadResult loaded_ = loading::load_procedure_text(kWithCommitments);
    std::optional<cases::Engine> engine_;
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    std::chrono::sys_seconds received{};
    cases::Case c;
};

TEST_F(Commitments, AreRemindedAndToldWhenPassedOnWorkingDaysOnce) {
    // Due Wednesday 28 April: two working days before is Friday 23 April (Tuesday 27 is King's Day,
    // Monday 26 is the first); passed on Thursday 29 April.
    const std::string id = promise("Een vervangende afspraak op dinsdag", make_day(2027, 4, 28), received);
    EXPECT_EQ(id, "1");
    ASSERT_EQ(c.events.back().action, "commitment");
    EXPECT_EQ(c.events.back().fields.at("due"), "2027-04-28");
    EXPECT_EQ(c.events.back().fields.count("what"), 0u) << "the timeline holds no text of it";

    EXPECT_TRUE(engine_->review(c, make_day(2027, 4, 22)).empty());
    EXPECT_EQ(engine_->next_review(c, make_day(2027, 4, 22)), make_day(2027, 4, 23));
    const auto reminded = engine_->review(c, make_day(2027, 4, 26));
    ASSERT_EQ(reminded.size(), 1u);
    EXPECT_EQ(reminded[0].kind, cases::EffectKind::commitment_reminder);
    EXPECT_EQ(reminded[0].key, "commitment_reminder:1:2027-04-28");
    EXPECT_EQ(reminded[0].people, std::vector<std::string>{"karin@test.nl"});

    const auto passed = engine_->review(c, make_day(2027, 4, 29));
    ASSERT_EQ(passed.size(), 2u);
    EXPECT_EQ(passed[1].kind, cases::EffectKind::commitment_overdue);
    EXPECT_EQ(passed[1].on, make_day(2027, 4, 29));
    EXPECT_EQ(passed[1].roles, (std::vector<std::string>{"handler", "manager"}));
    EXPECT_EQ(passed[1].key, "commitment_overdue:1:2027-04-28");
}

TEST_F(Commitments, AReminderDayBeforeTheCommitmentWasMadeIsNotSent) {
    promise("Terugbellen", make_day(2027, 4, 23), received);  // tomorrow: the reminder day has passed
    for (const auto& effect : engine_->review(c, make_day(2027, 5, 31)))
        EXPECT_NE(effect.kind, cases::EffectKind::commitment_reminder);
}

TEST_F(Commitments, HoldBackAClosingByStaffUntilDoneOrWaivedWithAReason) {
    const auto next_day = received + std::chrono::hours{24};
    promise("Terugbellen", make_day(2027, 4, 28), received);
    promise("Factuur crediteren", make_day(2027, 5, 3), received);

    auto refused = engine_->apply(c, {"close", next_day, coordinator, {}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, cases::RefusalKind::invalid_state);
    EXPECT_EQ(refused.error().details, (std::vector<std::string>{"open_commitments", "2"}));
    EXPECT_FALSE(c.closed_on);

    EXPECT_FALSE(engine_->settle(c, "1", cases::CommitmentState::done, "", next_day, coordinator));
    const auto no_reason =
        engine_->settle(c, "2", cases::CommitmentState::waived, "  ", next_day, coordinator);
    ASSERT_TRUE(no_reason);
    EXPECT_EQ(no_reason->kind, cases::RefusalKind::missing_field);
    EXPECT_FALSE(engine_->apply(c, {"close", next_day, coordinator, {}}).ok());

    EXPECT_FALSE(engine_->settle(c, "2", cases::CommitmentState::waived, "Klager wil geen creditnota meer",
                                 next_day, coordinator));
    EXPECT_EQ(c.commitment("2")->settled_on, make_day(2027, 4, 23));
    EXPECT_EQ(c.events.back().action, "commitment_waived");
    const auto again =
        engine_->settle(c, "1", cases::CommitmentState::waived, "toch niet", next_day, coordinator);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->details.front(), "commitment_settled");
    EXPECT_TRUE(engine_->review(c, make_day(2027, 6, 1)).empty()) << "nothing settled is reminded";
    EXPECT_TRUE(engine_->apply(c, {"close", next_day, coordinator, {}}).ok());
    EXPECT_TRUE(c.closed_on);
}

TEST_F(Commitments, NeverHoldBackTheComplainantsOwnWithdrawal) {
    promise("Terugbellen", make_day(2027, 4, 28), received);
    const cases::Actor complainant{"complainant", {"complainant"}};
    ASSERT_TRUE(engine_->apply(c, {"withdraw", received + std::chrono::hours{2}, complainant, {}}).ok());
    EXPECT_TRUE(c.closed_on);
    // What was agreed still stands and is still reminded, and can be settled on the closed case.
    EXPECT_EQ(engine_->review(c, make_day(2027, 4, 26)).size(), 1u);
    EXPECT_FALSE(engine_->settle(c, "1", cases::CommitmentState::done, "gebeld",
                                 received + std::chrono::hours{3}, coordinator));
    // A new one is not made on a closed case.
    cases::Commitment m{"", "Nog iets", "karin@test.nl", make_day(2027, 5, 3)};
    const auto made = engine_->promise(c, m, received + std::chrono::hours{4}, coordinator);
    ASSERT_FALSE(made.ok());
    EXPECT_EQ(made.error().details, std::vector<std::string>{"closed"});
}

TEST_F(Commitments, RefuseWhatIsMissingOrInThePast) {
    cases::Commitment m{"", "", "karin@test.nl", make_day(2027, 4, 28)};
    EXPECT_EQ(engine_->promise(c, m, received, coordinator).error().subject, "what");
    m.what = "Terugbellen";
    m.who = "";
    EXPECT_EQ(engine_->promise(c, m, received, coordinator).error().subject, "who");
    m.who = "karin@test.nl";
    m.due = make_day(2027, 4, 21);
    EXPECT_EQ(engine_->promise(c, m, received, coordinator).error().details,
              std::vector<std::string>{"in_the_past"});
    EXPECT_TRUE(c.commitments.empty());
    EXPECT_EQ(engine_->settle(c, "9", cases::CommitmentState::done, "", received, coordinator)->details,
              std::vector<std::string>{"unknown_commitment"});
}

TEST_F(Commitments, AreKeptByTheRegisterAsTheyWere) {
    promise("Terugbellen", make_day(2027, 4, 28), received);
    promise("Factuur crediteren", make_day(2027, 5, 3), received);
    ASSERT_FALSE(engine_->settle(c, "2", cases::CommitmentState::waived, "niet meer nodig",
                                 received + std::chrono::hours{1}, coordinator));
    c.commitments[0].complainant_sees = false;
    EXPECT_EQ(storage::decode_case(storage::encode_case(c)), c);
    EXPECT_FALSE(storage::encode_case(cases::Case{}).contains("commitments")) << "none: not written";
}

TEST(CommitmentPolicy, WithoutItNoCommitmentIsRecordedAndTheRegulationSaysWhatItDoes) {
    std::string text = kWithCommitments;
    const auto without = loading::load_procedure_text(text.substr(0, text.find("[commitments]")));
    ASSERT_TRUE(without.loaded);
    const cases::Engine engine(without.loaded->procedure, without.loaded->calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    const auto at = *calendar::parse_instant("2027-04-22T10:00:00+02:00", without.loaded->calendar);
    auto c = engine.intake(meldpunt::testing::letter_intake(at, coordinator)).value();
    cases::Commitment m{"", "Terugbellen", "karin@test.nl", make_day(2027, 4, 28)};
    EXPECT_EQ(engine.promise(c, m, at, coordinator).error().details,
              std::vector<std::string>{"no_commitments"});

    const auto with = loading::load_procedure_text(kWithCommitments);
    const messages::Catalogue nl(messages::Language::nl);
    const auto regulation = procedure_file::describe(with.loaded->procedure, nl);
    std::string all;
    for (const auto& chapter : regulation.chapters)
        for (const auto& article : chapter.articles)
            all += article.text + "\n";
    EXPECT_NE(all.find("2 werkdagen voor die datum een herinnering"), std::string::npos) << all;
    EXPECT_NE(all.find("de uitvoerder, de behandelaar en Leidinggevende het"), std::string::npos) << all;

    const auto wrong = loading::load_procedure_text(text.replace(text.find("manager\"]"), 7, "handler"));
    ASSERT_FALSE(wrong.loaded);
}

}  // namespace
