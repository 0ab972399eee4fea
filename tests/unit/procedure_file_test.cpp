// The procedure language: malformed and inconsistent files give diagnostics with the right line,
// never a crash; every diagnostic has a message in both languages.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"

namespace {

using Found = std::vector<std::pair<int, std::string>>;

const char* const kValid = R"([procedure]
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
meets = ["resolution"]
letters = ["antwoord"]

[[deadline]]
id = "resolution"
name = "Afhandeling"
period = "5 werkdagen"

[[letter]]
id = "antwoord"
name = "Antwoord"
to = ["complainant"]
must_contain = ["reference"]
template = "Kenmerk {{reference}}"
)";

Found diagnose(const std::string& text) {
    static const meldpunt::messages::Catalogue nl(meldpunt::messages::Language::nl);
    static const meldpunt::messages::Catalogue en(meldpunt::messages::Language::en);
    Found found;
    for (const auto& d : meldpunt::loading::load_procedure_text(text).diagnostics) {
        EXPECT_TRUE(nl.has("diagnostic." + d.code)) << "no Dutch message for " << d.code;
        EXPECT_TRUE(en.has("diagnostic." + d.code)) << "no English message for " << d.code;
        found.emplace_back(d.line, d.code);
    }
    return found;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(ProcedureFile, TheValidExampleIsValid) {
    EXPECT_EQ(diagnose(kValid), Found{});
}

TEST(ProcedureFile, TomlSyntaxErrorNamesItsLine) {
    EXPECT_EQ(diagnose(replace(kValid, "name = \"Klacht\"", "name = \"Klacht")), (Found{{8, "toml_syntax"}}));
}

TEST(ProcedureFile, EmptyAndBinaryInputAreErrorsNotCrashes) {
    EXPECT_FALSE(diagnose("").empty());
    EXPECT_FALSE(diagnose(std::string("\0\xff\xfe[[", 5)).empty());
    EXPECT_FALSE(diagnose("[procedure]\nid = 1\n").empty());
}

TEST(ProcedureFile, UnknownKeyIsReportedAtItsLine) {
    EXPECT_EQ(diagnose(replace(kValid, "final = true", "final = true\nfinall = true")),
              (Found{{23, "unknown_key"}}));
}

TEST(ProcedureFile, WrongTypes) {
    EXPECT_EQ(diagnose(replace(kValid, "final = true", "final = \"yes\"")),
              (Found{{22, "expected_boolean"}}));
    EXPECT_EQ(diagnose(replace(kValid, "roles = [\"coordinator\"]", "roles = [1]")),
              (Found{{29, "expected_string_list"}}));
    // At the top level, before [procedure]: `reporting` must be [[reporting]] tables.
    EXPECT_EQ(diagnose("reporting = 3\n" + std::string(kValid)), (Found{{1, "expected_table_list"}}));
    // After [procedure] the same line is a key of that table, and unknown there.
    EXPECT_EQ(diagnose(replace(kValid, "[[kind]]", "kind = 3\n[[x]]")),
              (Found{{6, "unknown_key"}, {7, "unknown_key"}}));
}

// A field's meaning for the analysis (issue 13) is one of the known ones, and one field per meaning.
TEST(ProcedureFile, AFieldMeansOneKnownThingForTheAnalysisAndNoOtherFieldMeansIt) {
    const std::string valid = kValid;
    const int first = static_cast<int>(std::count(valid.begin(), valid.end(), '\n')) + 2;
    const auto field = [](const std::string& id, const std::string& analysis) {
        return "\n[[field]]\nid = \"" + id + "\"\nname = \"" + id + "\"\ntype = \"text\"\nanalysis = \"" +
               analysis + "\"\n";
    };
    EXPECT_EQ(diagnose(valid + field("why", "cause") + field("learnt", "evaluation")), Found{});
    EXPECT_EQ(diagnose(valid + field("why", "reason")), (Found{{first, "unknown_analysis"}}));
    EXPECT_EQ(diagnose(valid + field("why", "cause") + field("because", "cause")),
              (Found{{first + 6, "analysis_twice"}}));
    const auto loaded = meldpunt::loading::load_procedure_text(valid + field("why", "cause"));
    ASSERT_TRUE(loaded.loaded);
    EXPECT_EQ(loaded.loaded->procedure.field_meaning("cause")->id, "why");
    EXPECT_EQ(loaded.loaded->procedure.field_meaning("verdict"), nullptr);
}

// Whom recording a value tells (issue 13, 001 §Procedure 4): the value and the roles go together,
// the value is one of the options, the roles exist.
TEST(ProcedureFile, RecordingAValueTellsRolesThatExistOfAValueThatCanBeChosen) {
    const std::string valid = kValid;
    const int line = static_cast<int>(std::count(valid.begin(), valid.end(), '\n')) + 2;
    const auto field = [](const std::string& extra) {
        return "\n[[field]]\nid = \"nature\"\nname = \"Aard\"\ntype = \"choice\"\noptions = [\"incident\", "
               "\"structureel\"]\n" +
               extra;
    };
    EXPECT_EQ(diagnose(valid + field("notify_when = \"structureel\"\nnotify = [\"coordinator\"]\n")),
              Found{});
    EXPECT_EQ(diagnose(valid + field("notify = [\"coordinator\"]\n")), (Found{{line, "notify_needs_both"}}));
    EXPECT_EQ(diagnose(valid + field("notify_when = \"structureel\"\n")),
              (Found{{line, "notify_needs_both"}}));
    EXPECT_EQ(diagnose(valid + field("notify_when = \"structurel\"\nnotify = [\"coordinator\"]\n")),
              (Found{{line, "notify_when_not_an_option"}}));
    EXPECT_EQ(diagnose(valid + field("notify_when = \"structureel\"\nnotify = [\"officer\"]\n")),
              (Found{{line, "unknown_role"}}));
}

TEST(ProcedureFile, BadPeriod) {
    EXPECT_EQ(diagnose(replace(kValid, "\"5 werkdagen\"", "\"5 fortnights\"")), (Found{{36, "bad_period"}}));
}

TEST(ProcedureFile, UnknownStageAndRole) {
    EXPECT_EQ(diagnose(replace(kValid, "to = \"closed\"", "to = \"gone\"")),
              (Found{{19, "stage_unreachable"}, {24, "unknown_stage"}}));
    EXPECT_EQ(diagnose(replace(kValid, "roles = [\"coordinator\"]", "roles = [\"janitor\"]")),
              (Found{{24, "unknown_role"}}));
}

TEST(ProcedureFile, StageUnreachableFromIntake) {
    const std::string text =
        std::string(kValid) + "\n[[stage]]\nid = \"limbo\"\nname = \"Limbo\"\nfinal = true\n";
    EXPECT_EQ(diagnose(text), (Found{{45, "stage_unreachable"}}));
}

TEST(ProcedureFile, NonFinalStageWithoutWayOut) {
    EXPECT_EQ(
        diagnose(replace(kValid, "from = [\"open\"]", "from = [\"closed\"]")),
        (Found{{15, "stage_without_way_out"}, {19, "stage_unreachable"}, {24, "action_never_possible"}}));
}

TEST(ProcedureFile, DeadlineOnAnEventThatNeverHappens) {
    EXPECT_EQ(diagnose(replace(kValid, "period = \"5 werkdagen\"",
                               "period = \"5 werkdagen\"\nanchor = \"appeal\"")),
              (Found{{33, "anchor_never_happens"}}));
}

TEST(ProcedureFile, APauseThatChangesTheStageWouldNotLast) {
    // The stage change would end the pause it starts (engine.cpp, end_pauses).
    EXPECT_EQ(
        diagnose(replace(kValid, "meets = [\"resolution\"]\n", "meets = [\"resolution\"]\npauses = true\n")),
        (Found{{24, "pause_and_stage_change"}}));
}

TEST(ProcedureFile, DeadlineThatNothingMeets) {
    EXPECT_EQ(diagnose(replace(kValid, "meets = [\"resolution\"]\n", "")),
              (Found{{32, "deadline_never_met"}}));
}

TEST(ProcedureFile, LetterWithoutTemplateOrMissingContent) {
    EXPECT_EQ(diagnose(replace(kValid, "template = \"Kenmerk {{reference}}\"", "")),
              (Found{{38, "letter_without_template"}}));
    EXPECT_EQ(diagnose(replace(kValid, "Kenmerk {{reference}}", "Kenmerk")),
              (Found{{38, "letter_missing_content"}}));
    EXPECT_EQ(diagnose(replace(kValid, "Kenmerk {{reference}}", "{{reference}} {{handler.shoe_size}}")),
              (Found{{38, "unknown_placeholder"}}));
}

TEST(ProcedureFile, UnknownLetterOnAnAction) {
    EXPECT_EQ(diagnose(replace(kValid, "letters = [\"antwoord\"]", "letters = [\"brief\"]")),
              (Found{{24, "unknown_letter"}}));
}

TEST(ProcedureFile, DuplicateIds) {
    const std::string text = std::string(kValid) + "\n[[role]]\nid = \"coordinator\"\nname = \"Nog een\"\n";
    EXPECT_EQ(diagnose(text), (Found{{45, "duplicate_id"}}));
}

TEST(ProcedureFile, UnknownRuleAndMissingRuleParameters) {
    std::string text = std::string(kValid) + "\n[[rule]]\nkind = \"be_nice\"\ntext = \"-\"\n";
    EXPECT_EQ(diagnose(text), (Found{{45, "unknown_rule"}}));
    text = std::string(kValid) + "\n[[rule]]\nkind = \"lapse\"\ntext = \"-\"\n";
    EXPECT_EQ(diagnose(text), (Found{{45, "rule_needs"}, {45, "rule_needs"}}));
}

TEST(ProcedureFile, DurationRulesNeedCalendarPeriods) {
    const std::string text =
        std::string(kValid) + "\n[[rule]]\nkind = \"retention\"\nperiod = \"10 werkdagen\"\ntext = \"-\"\n";
    EXPECT_EQ(diagnose(text), (Found{{45, "rule_period_not_calendar"}}));
}

// The complainant hears of every change to how long they wait: an extension or a pause sends a
// letter addressed to them (issue 10: no silent pauses).
TEST(ProcedureFile, ExtensionsAndPausesAreAnnouncedToTheComplainant) {
    const std::string extend =
        std::string(kValid) +
        "\n[[action]]\nid = \"extend\"\nname = \"Verlengen\"\nfrom = [\"open\"]\nroles = "
        "[\"coordinator\"]\nextends = [\"resolution\"]\nextension = \"2 weken\"\n";
    EXPECT_EQ(diagnose(extend), (Found{{45, "extension_without_letter"}}));
    EXPECT_EQ(diagnose(extend + "letters = [\"antwoord\"]\n"), Found{});
    const std::string pause = std::string(kValid) +
                              "\n[[action]]\nid = \"pause\"\nname = \"Wachten\"\nfrom = [\"open\"]\nroles = "
                              "[\"coordinator\"]\npauses = true\n";
    EXPECT_EQ(diagnose(pause), (Found{{45, "pause_without_letter"}}));
    EXPECT_EQ(diagnose(pause + "letters = [\"antwoord\"]\n"), Found{});
    // A letter only to staff does not count.
    const std::string to_staff = replace(pause, "to = [\"complainant\"]", "to = [\"coordinator\"]");
    EXPECT_EQ(diagnose(to_staff + "letters = [\"antwoord\"]\n"), (Found{{45, "pause_without_letter"}}));
}

TEST(ProcedureFile, NoFinalStage) {
    EXPECT_EQ(diagnose(replace(kValid, "final = true", "final = false")),
              (Found{{0, "no_final_stage"}, {19, "stage_without_way_out"}}));
}

// The public form offers only kinds marked public; its default must be one of them, and a public
// kind must be open to the web channel.
TEST(ProcedureFile, ThePublicFormsKindsAreConsistent) {
    const std::string kind = "initial_stage = \"open\"";
    EXPECT_EQ(diagnose(replace(kValid, kind, kind + "\npublic = true\npublic_default = true")), Found{});
    EXPECT_EQ(diagnose(replace(kValid, kind, kind + "\npublic_default = true")),
              (Found{{6, "public_default_not_public"}}));
    EXPECT_EQ(diagnose(replace(kValid, kind, kind + "\npublic = true\nchannels = [\"letter\"]")),
              (Found{{6, "public_kind_not_on_web"}}));
    const std::string two = replace(kValid, kind, kind + "\npublic = true\npublic_default = true") +
                            "\n[[kind]]\nid = \"question\"\nname = \"Vraag\"\ninitial_stage = \"open\"\n"
                            "public = true\npublic_default = true\n";
    EXPECT_EQ(diagnose(two), (Found{{6, "several_public_defaults"}}));
}

// An action that sets the people a case is about takes the field `about`, of type people.
TEST(ProcedureFile, SettingWhomTheCaseIsAboutNeedsAPeopleField) {
    const std::string action =
        "\n[[action]]\nid = \"link\"\nname = \"Koppelen\"\nfrom = [\"*\"]\nroles = [\"coordinator\"]\n"
        "optional = [\"about\"]\nsets_about = true\n";
    const std::string people = "\n[[field]]\nid = \"about\"\nname = \"Over\"\ntype = \"people\"\n";
    const std::string person = "\n[[field]]\nid = \"about\"\nname = \"Over\"\ntype = \"person\"\n";
    EXPECT_EQ(diagnose(std::string(kValid) + people + action), Found{});
    EXPECT_EQ(diagnose(std::string(kValid) + person + action), (Found{{50, "about_field_required"}}));
    EXPECT_EQ(diagnose(std::string(kValid) + people + replace(action, "optional = [\"about\"]\n", "")),
              (Found{{50, "about_field_required"}}));
}

TEST(ProcedureFile, UnknownTimeZone) {
    EXPECT_EQ(diagnose(std::string(kValid) + "\n[calendar]\ntimezone = \"Mars/Olympus\"\n"),
              (Found{{0, "unknown_timezone"}}));
}

TEST(ProcedureFile, CalendarSettings) {
    const std::string text =
        std::string(kValid) +
        "\n[calendar]\nomit = [{ holiday = \"bevrijdingsdag\", unless_year_divisible_by = 5 }]\n"
        "extra_days = [{ date = \"2027-12-31\", name = \"Oudejaarsdag\" }]\n"
        "closures = [{ from = \"12-27\", to = \"01-02\", name = \"Kerstsluiting\" }]\n";
    auto result = meldpunt::loading::load_procedure_text(text);
    ASSERT_TRUE(result.loaded) << result.diagnostics.size();
    const auto& cal = result.loaded->calendar;
    EXPECT_TRUE(cal.is_working_day(meldpunt::calendar::make_day(2026, 5, 5)));
    EXPECT_FALSE(cal.is_working_day(meldpunt::calendar::make_day(2027, 12, 31)));
    EXPECT_FALSE(cal.is_working_day(meldpunt::calendar::make_day(2027, 12, 28)));
    EXPECT_EQ(diagnose(std::string(kValid) + "\n[calendar]\nomit = [{ holiday = \"sinterklaas\" }]\n"),
              (Found{{0, "unknown_holiday"}}));
    EXPECT_EQ(diagnose(std::string(kValid) +
                       "\n[calendar]\nextra_days = [{ date = \"2027-02-30\", name = \"x\" }]\n"),
              (Found{{46, "bad_date"}}));
}

TEST(ProcedureFile, ACalendarClosedAllYearIsRefused) {
    EXPECT_EQ(diagnose(std::string(kValid) +
                       "\n[calendar]\nclosures = [{ from = \"01-02\", to = \"01-01\", name = \"Dicht\" }]\n"),
              (Found{{0, "too_many_days_off"}}));
}

TEST(ProcedureFile, HugeInputIsRefusedNotRead) {
    const std::string huge(5 * 1024 * 1024, '#');
    // load_procedure_text parses whatever it is given; the file loader refuses files over 4 MiB.
    EXPECT_TRUE(meldpunt::loading::load_procedure_text(huge).diagnostics.size() > 0);
}

}  // namespace

// A role that sees the cases that reached some stages (002: the committee, the complaints put
// before it) names known stages, and only such a role names them.
TEST(ProcedureFile, ARoleThatSeesByStageNamesItsStages) {
    const std::string role = "id = \"coordinator\"";
    EXPECT_EQ(diagnose(replace(kValid, role, role + "\nsees = \"reached\"\nreached = [\"open\"]")), Found{});
    EXPECT_EQ(diagnose(replace(kValid, role, role + "\nsees = \"reached\"")),
              (Found{{11, "reached_without_stages"}}));
    EXPECT_EQ(diagnose(replace(kValid, role, role + "\nsees = \"reached\"\nreached = [\"elders\"]")),
              (Found{{11, "unknown_stage"}}));
    EXPECT_EQ(diagnose(replace(kValid, role, role + "\nsees = \"all\"\nreached = [\"open\"]")),
              (Found{{11, "stages_without_reached"}}));
    EXPECT_EQ(diagnose(replace(kValid, role, role + "\nsees = \"afdeling\"")),
              (Found{{11, "unknown_visibility"}}));
}

// An action may wait for fields an earlier step records (004 §Artikel 5); some action must record
// them, or it could never be taken.
TEST(ProcedureFile, AFieldAnActionWaitsForIsRecordedBySomeAction) {
    const std::string close = "id = \"close\"";
    EXPECT_EQ(diagnose(replace(kValid, close, close + "\nrecorded = [\"onbekend\"]")),
              (Found{{24, "unknown_field"}}));
    const std::string field = "\n[[field]]\nid = \"cause\"\nname = \"Oorzaak\"\ntype = \"text\"\n";
    EXPECT_EQ(diagnose(replace(kValid, close, close + "\nrecorded = [\"cause\"]") + field),
              (Found{{24, "recorded_never_set"}}));
    // Recording it in the same action does not count: the action would wait for itself.
    EXPECT_EQ(
        diagnose(replace(kValid, close, close + "\nrecorded = [\"cause\"]\noptional = [\"cause\"]") + field),
        (Found{{24, "recorded_never_set"}}));
}

// Issue 15: a procedure of 100 stages stalled the server (its diagram was laid out on a request
// thread). Its size is bounded: the stage beyond the bound is the diagnostic's line, and nothing
// else of it is checked.
TEST(ProcedureFileSize, AProcedureBeyondTheBoundsIsRefusedAtTheFirstItemTooMany) {
    std::string text = kValid;
    int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    int stage_41 = 0;
    for (int i = 0; i < 100; ++i) {
        text +=
            "\n[[stage]]\nid = \"s" + std::to_string(i) + "\"\nname = \"Stap " + std::to_string(i) + "\"\n";
        line += 1;
        if (i == 38)  // with "open" and "closed", the 41st stage: its [[stage]] line
            stage_41 = line;
        line += 3;
    }
    const auto found = diagnose(text);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].second, "too_many");
    EXPECT_GE(found[0].first, stage_41);  // the 41st stage's table (its header or its id)
    EXPECT_LE(found[0].first, stage_41 + 1);
    // Within the bounds nothing changes: the seed procedures are far below them.
    EXPECT_TRUE(diagnose(kValid).empty());
}

// A version stored before the bounds existed keeps loading for the cases that run under it: the
// bounds apply to a file given now, not to one read back from the register.
TEST(ProcedureFileSize, AVersionStoredBeforeTheBoundsStillLoads) {
    std::string text = kValid;
    for (int i = 0; i < 45; ++i)
        text += "\n[[role]]\nid = \"r" + std::to_string(i) + "\"\nname = \"Rol " + std::to_string(i) + "\"\n";
    const auto given = meldpunt::loading::load_procedure_text(text);
    EXPECT_FALSE(given.loaded);
    ASSERT_EQ(given.diagnostics.size(), 1u);
    EXPECT_EQ(given.diagnostics[0].code, "too_many");
    const auto stored =
        meldpunt::loading::load_procedure_text(text, meldpunt::procedure_file::SizeBounds::unchecked);
    ASSERT_TRUE(stored.loaded);
    EXPECT_EQ(stored.loaded->procedure.roles.size(), 46u);
}
