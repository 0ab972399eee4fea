// The five seed procedures: each loads, and together they use every rule the procedure language has.
#include <gtest/gtest.h>

#include <set>

#include "domain/procedure/rule_kind.hpp"
#include "loading/procedure_loader.hpp"

namespace {

const char* const kSeeds[] = {"mensen-met-een-missie", "gelukwerkt", "mos", "focus", "een-loket-mk"};

TEST(SeedProcedures, AllLoadWithoutDiagnostics) {
    for (const char* seed : kSeeds) {
        auto result =
            meldpunt::loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + seed + ".toml");
        EXPECT_TRUE(result.loaded) << seed;
        EXPECT_TRUE(result.diagnostics.empty()) << seed;
        if (result.loaded) {
            EXPECT_EQ(result.loaded->procedure.meta.id, seed);
        }
    }
}

TEST(SeedProcedures, TogetherUseEveryRuleKind) {
    std::set<meldpunt::rules::RuleKind> used;
    for (const char* seed : kSeeds) {
        auto result =
            meldpunt::loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + seed + ".toml");
        ASSERT_TRUE(result.loaded);
        for (const auto& rule : result.loaded->procedure.rules)
            used.insert(rule.kind);
    }
    for (const auto kind : meldpunt::rules::all_rule_kinds())
        EXPECT_TRUE(used.count(kind)) << meldpunt::rules::rule_kind_id(kind);
}

TEST(SeedProcedures, EveryRuleCitesItsSource) {
    for (const char* seed : kSeeds) {
        auto result =
            meldpunt::loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + seed + ".toml");
        ASSERT_TRUE(result.loaded);
        for (const auto& rule : result.loaded->procedure.rules)
            EXPECT_FALSE(rule.source.empty()) << seed << " " << meldpunt::rules::rule_kind_id(rule.kind);
        for (const auto& d : result.loaded->procedure.deadlines)
            EXPECT_FALSE(d.source.empty()) << seed << " " << d.id;
    }
}

}  // namespace
