// A stored letter as the document its reader gets: the procedure's letterhead and place, the
// address block of a letter on paper (with the complainant's name; an anonymous complainant's
// address alone), the day it was written in Dutch.
#include <gtest/gtest.h>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "service/letter_document.hpp"

namespace {

using namespace meldpunt;

struct LetterDocument : ::testing::Test {
    void SetUp() override {
        auto loaded =
            loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/een-loket-mk.toml").loaded;
        ASSERT_TRUE(loaded);
        loaded->procedure.meta.letterhead = {"Marktstraat 1", "1234 AB Ergens"};
        loaded->procedure.meta.place = "Ergens";
        record.procedure = std::move(loaded);
        record.stored.state.complainant = {"Gerrit Jansen", "", "", "Dorpsstraat 1\n1234 AB Ergens"};
        // Tuesday 2 March 2027, 10:00 in Amsterdam.
        letter = {
            "eenloket",    "2027-000001",          1,         "ontvangstbevestiging", "Ontvangstbevestiging",
            "complainant", "Geachte heer Jansen,", 1803978000};
    }
    service::CaseRecord record;
    storage::LetterRecord letter;
    const messages::Catalogue nl{messages::Language::nl};
};

TEST_F(LetterDocument, APaperLetterCarriesTheLetterheadTheAddressAndTheDayOfWriting) {
    const auto d = service::letter_document(record, letter, nl);
    EXPECT_EQ(d.organisation, record.procedure->procedure.meta.organisation);
    EXPECT_EQ(d.sender_lines, (std::vector<std::string>{"Marktstraat 1", "1234 AB Ergens"}));
    EXPECT_EQ(d.recipient_lines,
              (std::vector<std::string>{"Gerrit Jansen", "Dorpsstraat 1", "1234 AB Ergens"}));
    EXPECT_EQ(d.place_and_date, "Ergens, dinsdag 2 maart 2027");
    EXPECT_EQ(d.references.front(), (std::pair<std::string, std::string>{"Kenmerk", "2027-000001"}));
    EXPECT_EQ(service::letter_file_name(letter), "2027-000001 Ontvangstbevestiging.pdf");
}

TEST_F(LetterDocument, AnAnonymousComplainantsLetterGoesToTheirAddressWithoutAName) {
    record.stored.state.complainant.anonymous = true;
    EXPECT_EQ(service::letter_document(record, letter, nl).recipient_lines,
              (std::vector<std::string>{"Dorpsstraat 1", "1234 AB Ergens"}));
}

TEST_F(LetterDocument, ALetterToStaffHasNoAddressBlock) {
    letter.recipients = "quality_manager";
    EXPECT_TRUE(service::letter_document(record, letter, nl).recipient_lines.empty());
}

}  // namespace
