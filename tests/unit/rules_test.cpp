// The rule registry: every kind is named, parsed and defined once, and a rule's refusal points at
// the rule in the procedure it came from.
#include <gtest/gtest.h>

#include "letter_intake.hpp"

#include <set>
#include <string>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/rules/rule_definition.hpp"
#include "loading/procedure_loader.hpp"

namespace {

using namespace meldpunt;

TEST(Rules, EveryKindIsNamedParsedAndDefinedOnce) {
    std::set<std::string> names;
    std::set<const rules::RuleDefinition*> definitions;
    for (const auto kind : rules::all_rule_kinds()) {
        const std::string name(rules::rule_kind_id(kind));
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_EQ(rules::parse_rule_kind(name), kind) << name;
        const auto& definition = rules::definition_of(kind);
        EXPECT_TRUE(definitions.insert(&definition).second) << name << " shares its definition";
        EXPECT_NE(std::string(definition.summary()), "") << name;
    }
    EXPECT_EQ(names.size(), 10u);
    EXPECT_FALSE(rules::parse_rule_kind("handler-not-subject"));
    EXPECT_FALSE(rules::parse_rule_kind(""));
}

// Two rules of the same kind on different actions: the refusal names the one that refused.
const char* const kTwoHandlerRules = R"([procedure]
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
id = "acknowledge"
name = "Ontvangst bevestigen"
from = ["open"]
roles = ["coordinator"]

[[action]]
id = "close"
name = "Sluiten"
from = ["open"]
to = "closed"
roles = ["coordinator"]

[[rule]]
kind = "handler_required"
action = "acknowledge"
text = "Eerst een behandelaar, dan de ontvangstbevestiging."
source = "000 §Procedure 3"

[[rule]]
kind = "handler_required"
action = "close"
text = "Sluiten kan pas met een behandelaar."
source = "test"
)";

TEST(Rules, ARefusalPointsAtTheRuleThatRefused) {
    auto loaded = loading::load_procedure_text(kTwoHandlerRules);
    ASSERT_TRUE(loaded.loaded);
    const auto& procedure = loaded.loaded->procedure;
    const cases::Engine engine(procedure, loaded.loaded->calendar);
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    const auto received = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded.loaded->calendar);
    auto intake = engine.intake(meldpunt::testing::letter_intake(received, coordinator));
    auto& c = intake.value();
    auto refused = engine.apply(c, {"close", received + std::chrono::hours{1}, coordinator, {}});
    ASSERT_TRUE(!refused.ok());
    const auto& refusal = refused.error();
    EXPECT_EQ(refusal.kind, cases::RefusalKind::rule_violated);
    ASSERT_EQ(refusal.rule, &procedure.rules.at(1));
    EXPECT_EQ(refusal.rule->text, "Sluiten kan pas met een behandelaar.");
    EXPECT_EQ(refusal.rule_id(), "handler_required");
}

TEST(Rules, AnUnknownKindIsADiagnosticAtItsLine) {
    std::string text = kTwoHandlerRules;
    const auto at = text.rfind("kind = \"handler_required\"");
    text.replace(at, std::string("kind = \"handler_required\"").size(), "kind = \"handler_reqired\"");
    auto loaded = loading::load_procedure_text(text);
    ASSERT_FALSE(loaded.loaded);
    ASSERT_EQ(loaded.diagnostics.size(), 1u);
    EXPECT_EQ(loaded.diagnostics[0].code, "unknown_rule");
    EXPECT_EQ(loaded.diagnostics[0].args, std::vector<std::string>{"handler_reqired"});
    EXPECT_EQ(loaded.diagnostics[0].line, 43);
}

}  // namespace
