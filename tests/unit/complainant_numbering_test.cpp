// A complainant's dossier in their own numbering (issue 15: the timeline told them that internal
// documents existed). The record is built as the service hands it over, already narrowed to what the
// complainant sees.
#include <gtest/gtest.h>

#include "loading/procedure_loader.hpp"
#include "service/complainant_numbering.hpp"

namespace {

using namespace meldpunt;

cases::Event event(const std::string& action, std::map<std::string, std::string> fields) {
    return {action, std::chrono::sys_seconds{}, "anna@focus.nl", "open", "open", std::move(fields)};
}

storage::DocumentRecord document(const std::string& id, const std::string& name) {
    return {"focus", "2027-000001", id, name, "text/plain", 5, "", "shared", 0, "complainant"};
}

// The case as the organisation numbers it: d1 the representative's authorisation (internal),
// d2 an attachment of the complainant's message m1, d3 internal, d4..d11 shared with d12 internal
// between them, d13 shared; m2 an internal note with d3, m3 a reply; letters 1 (to them), 2 (to the
// person it is about), 3 (to them).
service::CaseRecord narrowed_record() {
    service::CaseRecord record;
    auto& state = record.stored.state;
    state.representative = cases::Representative{"Piet", "mantelzorger", "", "d1"};
    for (int i = 1; i <= 13; ++i)
        state.documents.push_back(
            {"d" + std::to_string(i), i == 1 || i == 3 || i == 12 ? "internal" : "shared"});
    state.events = {event("intake", {}),
                    event("message", {{"message", "m1"}, {"visibility", "shared"}, {"documents", "d2"}}),
                    event("message", {{"message", "m2"}, {"visibility", "internal"}, {"documents", "d3"}}),
                    event("message", {{"message", "m3"}, {"visibility", "shared"}})};
    for (int i = 4; i <= 13; ++i)
        if (i != 12)
            state.events.push_back(
                event("document", {{"document", "d" + std::to_string(i)}, {"visibility", "shared"}}));
    state.events.push_back(event("document", {{"document", "d12"}, {"visibility", "internal"}}));
    // What the complainant sees, as the service narrowed it (in the dossier's upload order).
    record.documents = {document("d2", "foto.jpg"), document("d10", "tien.txt"), document("d11", "elf.txt"),
                        document("d13", "dertien.txt")};
    for (int i = 4; i <= 9; ++i)
        record.documents.push_back(document("d" + std::to_string(i), "stuk" + std::to_string(i) + ".txt"));
    record.messages = {{"focus", "2027-000001", 1, 0, "complainant", "shared", "Mijn klacht", {"d2"}},
                       {"focus", "2027-000001", 3, 0, "anna@focus.nl", "shared", "Dank u", {}}};
    record.letters = {{"focus", "2027-000001", 1, "ontvangst", "Ontvangst", "complainant", "", 0},
                      {"focus", "2027-000001", 3, "oordeel", "Oordeel", "complainant", "", 0}};
    return record;
}

TEST(ComplainantNumbering, WhatTheyDoNotSeeLeavesNoGapInTheirNumbers) {
    auto record = narrowed_record();
    service::number_for_complainant(record);

    // Documents in the order the case received them: d2 → d1, d4..d11 → d2..d9, d13 → d10.
    std::map<std::string, std::string> names;
    for (const auto& d : record.documents)
        names[d.id] = d.name;
    EXPECT_EQ(names.size(), 10u);
    EXPECT_EQ(names["d1"], "foto.jpg");
    EXPECT_EQ(names["d2"], "stuk4.txt");
    EXPECT_EQ(names["d8"], "tien.txt");
    EXPECT_EQ(names["d10"], "dertien.txt");
    const auto& state = record.stored.state;
    ASSERT_EQ(state.documents.size(), 10u);
    for (size_t i = 0; i < state.documents.size(); ++i)
        EXPECT_EQ(state.documents[i].id, "d" + std::to_string(i + 1));

    // Messages and letters 1, 2; the attachment follows its document.
    ASSERT_EQ(record.messages.size(), 2u);
    EXPECT_EQ(record.messages[1].seq, 2);
    EXPECT_EQ(record.messages[0].documents, std::vector<std::string>{"d1"});
    ASSERT_EQ(record.letters.size(), 2u);
    EXPECT_EQ(record.letters[1].seq, 2);

    // The events point into their numbering; a pointer to what they do not see is gone, so that it
    // cannot fall on one of theirs (the internal d12 would otherwise name their d12-less dossier).
    EXPECT_EQ(state.events[1].fields.at("message"), "m1");
    EXPECT_EQ(state.events[1].fields.at("documents"), "d1");
    EXPECT_FALSE(state.events[2].fields.contains("message"));
    EXPECT_FALSE(state.events[2].fields.contains("documents"));
    EXPECT_EQ(state.events[3].fields.at("message"), "m2");
    EXPECT_EQ(state.events[4].fields.at("document"), "d2");
    EXPECT_FALSE(state.events.back().fields.contains("document"));
    EXPECT_TRUE(state.representative->authorisation.empty());  // internal: it names them
}

// A step's `documents` field (M.O.S.'s "evidence": the documents the verdict rests on) names them
// in the complainant's numbering too; one they do not see is left out.
TEST(ComplainantNumbering, DocumentsCitedInAStepAreInTheirNumbering) {
    auto record = narrowed_record();
    auto loaded = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
    ASSERT_TRUE(loaded.loaded);
    record.procedure = std::move(loaded.loaded);
    record.stored.state.events.push_back(event("decide", {{"evidence", "d3,d13"}, {"verdict", "gegrond"}}));
    service::number_for_complainant(record);
    EXPECT_EQ(record.stored.state.events.back().fields.at("evidence"), "d10");
    EXPECT_EQ(record.stored.state.events.back().fields.at("verdict"), "gegrond");
    // And back: what they cite in their own numbering is the dossier's.
    const auto narrowed = narrowed_record();
    EXPECT_EQ(service::dossier_document_list(narrowed, "d1,d10"), "d2,d13");
    EXPECT_EQ(service::dossier_document_list(narrowed, "d1,d11"), std::nullopt);
}

TEST(ComplainantNumbering, TheirNumberLeadsBackToTheDossiersDocument) {
    const auto record = narrowed_record();
    EXPECT_EQ(service::dossier_document_id(record, "d1"), "d2");
    EXPECT_EQ(service::dossier_document_id(record, "d9"), "d11");
    EXPECT_EQ(service::dossier_document_id(record, "d10"), "d13");
    EXPECT_EQ(service::dossier_document_id(record, "d11"), std::nullopt);
    EXPECT_EQ(service::dossier_document_id(record, "d3x"), std::nullopt);
    EXPECT_EQ(service::dossier_document_id(record, ""), std::nullopt);
}

}  // namespace
