// The five seed procedures: each loads, and together they use every rule the procedure language has.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "domain/procedure/rule_kind.hpp"
#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "procedure_file/describe.hpp"

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

// 002 §Uitgangspunten 5 names no term ("een zo kort mogelijke doorlooptijd"): M.O.S. assumes a target
// for its internal handling, kept from the complainant and marked as an assumption on its regulation
// page; an assumed target that would be promised to the complainant is refused.
TEST(SeedProcedures, AnAssumedTargetIsInternalAndSaysSo) {
    auto mos = meldpunt::loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
    ASSERT_TRUE(mos.loaded);
    const auto* target = mos.loaded->procedure.deadline("internal_handling");
    ASSERT_TRUE(target);
    EXPECT_TRUE(target->assumed);
    EXPECT_TRUE(target->internal);
    const meldpunt::messages::Catalogue nl(meldpunt::messages::Language::nl);
    const auto regulation = meldpunt::procedure_file::describe(mos.loaded->procedure, nl);
    std::string text;
    for (const auto& chapter : regulation.chapters)
        for (const auto& article : chapter.articles)
            if (article.key == "deadline:internal_handling")
                text = article.text;
    EXPECT_NE(text.find("De regeling noemt hiervoor geen termijn; dit is een streefdoel"), std::string::npos)
        << text;
    EXPECT_NE(text.find("aanname 13"), std::string::npos) << text;

    std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
    std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = file.find("assumed = true");
    ASSERT_NE(at, std::string::npos);
    const std::string promised = file.substr(0, file.rfind("internal = true", at)) +
                                 file.substr(file.rfind("internal = true", at) + 15);
    const auto refused = meldpunt::loading::load_procedure_text(promised);
    ASSERT_FALSE(refused.loaded);
    ASSERT_FALSE(refused.diagnostics.empty());
    EXPECT_EQ(refused.diagnostics[0].code, "assumed_deadline_promised");
}

// A referral records its cases in a final stage of the procedure, for units the procedure has.
TEST(SeedProcedures, AReferralNeedsAFinalStageAndKnownUnits) {
    std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto with = [&](const std::string& from, const std::string& to) {
        std::string changed = file;
        const auto at = changed.find(from, changed.find("[[referral]]"));
        changed.replace(at, from.size(), to);
        std::string codes;
        for (const auto& d : meldpunt::loading::load_procedure_text(changed).diagnostics)
            codes += d.code + " ";
        return codes;
    };
    using ::testing::HasSubstr;
    EXPECT_THAT(with("stage = \"doorverwezen\"", "stage = \"bij_leidinggevende\""),
                HasSubstr("referral_stage_not_final"));
    EXPECT_THAT(with("units = [\"oink\"]", "units = [\"kinderopvang\"]"), HasSubstr("referral_unknown_unit"));
    EXPECT_THAT(with("units = [\"oink\"]", "units = []"), HasSubstr("referral_without_units"));
    EXPECT_THAT(with("letter = \"doorverwijzing\"", "letter = \"nergens\""), HasSubstr("unknown_letter"));
}

// 003 §Afsluiten klacht: Focus's close may wait for E-Synergy's reference; only a required text
// field of the action can be one another system fills.
TEST(SeedProcedures, AnExternalReferenceIsARequiredTextFieldOfItsAction) {
    std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml");
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto loaded = meldpunt::loading::load_procedure_text(file);
    ASSERT_TRUE(loaded.loaded);
    EXPECT_EQ(loaded.loaded->procedure.action("close")->external_reference, "erp_reference");
    const auto with = [&](const std::string& to) {
        std::string changed = file;
        const std::string from = "external_reference = \"erp_reference\"";
        changed.replace(changed.find(from), from.size(), to);
        std::string codes;
        for (const auto& d : meldpunt::loading::load_procedure_text(changed).diagnostics)
            codes += d.code + " ";
        return codes;
    };
    using ::testing::HasSubstr;
    EXPECT_THAT(with("external_reference = \"summary\""), HasSubstr("external_reference_field"));
    EXPECT_THAT(with("external_reference = \"nergens\""), HasSubstr("external_reference_field"));
    EXPECT_EQ(with("external_reference = \"erp_reference\""), "");
}
