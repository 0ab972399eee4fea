// Every letter of every seed procedure renders from its template with a case's data: no
// placeholder is left unfilled, and what the seed demands is in it.
#include <gtest/gtest.h>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "procedure_file/describe.hpp"
#include "service/letters.hpp"

namespace {

using namespace meldpunt;

TEST(Letters, EverySeedLetterRendersCompletely) {
    const messages::Catalogue nl(messages::Language::nl);
    for (const char* seed : {"mensen-met-een-missie", "gelukwerkt", "mos", "focus", "een-loket-mk"}) {
        auto loaded =
            loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + seed + ".toml").loaded;
        ASSERT_TRUE(loaded) << seed;
        const cases::Engine engine(loaded->procedure, loaded->calendar);
        cases::IntakeRequest request;
        request.reference = "2027-000042";
        request.kind = loaded->procedure.kinds.front().id;
        request.channel = loaded->procedure.kinds.front().channels.empty()
                              ? "letter"
                              : loaded->procedure.kinds.front().channels.front();
        request.received_at = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded->calendar);
        request.complainant.name = "J. de Vries";
        auto c = engine.intake(request).value();
        c.handler = "karin@example.nl";
        for (const auto& field : loaded->procedure.fields)
            c.facts[field.id] = "<" + field.id + ">";
        const service::LetterPeople people{"Organisatie",     "Karin",          "karin@example.nl", "Dirk",
                                           "dirk@example.nl", "/org/procedure", "Onderwerp"};
        for (const auto& letter : loaded->procedure.letters) {
            const std::string text =
                service::render_letter(*loaded, letter, c, people, calendar::make_day(2027, 1, 15), nl);
            EXPECT_EQ(text.find("{{"), std::string::npos) << seed << "/" << letter.id;
            EXPECT_NE(text.find("2027-000042"), std::string::npos) << seed << "/" << letter.id;
            for (const auto& required : letter.must_contain) {
                if (required.rfind("field.", 0) == 0) {
                    EXPECT_NE(text.find("<" + required.substr(6) + ">"), std::string::npos)
                        << seed << "/" << letter.id << " lacks " << required;
                }
            }
            if (std::find(letter.must_contain.begin(), letter.must_contain.end(), "handler.contact") !=
                letter.must_contain.end()) {
                EXPECT_NE(text.find("Karin (karin@example.nl)"), std::string::npos)
                    << seed << "/" << letter.id;
            }
        }
    }
}

// 002 §Uitgangspunten 5 states no finish term: the assumed internal target is the organisation's own
// work, and the regulation's summary in a letter to the complainant names only what it promises.
TEST(Letters, TheProcedureSummaryPromisesNoInternalTarget) {
    const messages::Catalogue nl(messages::Language::nl);
    auto loaded = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml").loaded;
    ASSERT_TRUE(loaded);
    const auto* internal = loaded->procedure.deadline("internal_handling");
    ASSERT_TRUE(internal && internal->internal && internal->assumed);
    const cases::Engine engine(loaded->procedure, loaded->calendar);
    cases::IntakeRequest request;
    request.reference = "2027-000042";
    request.kind = "complaint";
    request.channel = "letter";
    request.received_at = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded->calendar);
    request.complainant.name = "J. de Vries";
    const auto c = engine.intake(request).value();
    const service::LetterPeople people{"M.O.S.",          "Karin",          "karin@example.nl", "Dirk",
                                       "dirk@example.nl", "/mos/procedure", "Onderwerp"};
    const auto* letter = loaded->procedure.letter("klachtencommissie");
    ASSERT_TRUE(letter);
    const std::string text =
        service::render_letter(*loaded, *letter, c, people, calendar::make_day(2027, 1, 15), nl);
    // The promised terms are there; the internal target is not.
    for (const auto& d : loaded->procedure.deadlines) {
        const std::string described = procedure_file::describe_deadline(loaded->procedure, d, nl);
        if (d.internal)
            EXPECT_EQ(text.find(described), std::string::npos) << d.id;
        else
            EXPECT_NE(text.find(described), std::string::npos) << d.id;
    }
    EXPECT_EQ(text.find(internal->name), std::string::npos);
}

}  // namespace
