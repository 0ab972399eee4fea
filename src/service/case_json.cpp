#include "service/case_json.hpp"

#include "domain/calendar/instant.hpp"
#include "render/deadline_json.hpp"

namespace meldpunt::service {

using Json = nlohmann::ordered_json;

namespace {
Json day_or_null(const std::optional<calendar::Day>& day) {
    return day ? Json(calendar::format_day(*day)) : Json(nullptr);
}
}  // namespace

Json document_json(const storage::DocumentRecord& d) {
    return {{"id", d.id},
            {"name", d.name},
            {"content_type", d.content_type},
            {"size", d.size},
            {"sha256", d.hash},
            {"visibility", d.visibility},
            {"uploaded_at",
             calendar::format_instant(std::chrono::sys_seconds{std::chrono::seconds{d.uploaded_at}})},
            {"uploaded_by", d.uploaded_by}};
}

Json message_json(const storage::MessageRecord& m) {
    return {{"id", "m" + std::to_string(m.seq)},
            {"at", calendar::format_instant(std::chrono::sys_seconds{std::chrono::seconds{m.at}})},
            {"author", m.author},
            {"visibility", m.visibility},
            {"body", m.body},
            {"documents", m.documents}};
}

// Whether a party who sees only what is shared reads event `e`: not how staff judged or passed the
// case on (their notes), nor the commitments kept from the complainant (and of the others not who
// carries them out: case_json leaves that field out).
bool shared_event(const cases::Case& c, const cases::Event& e) {
    if (e.action == "urgency" || e.action == "forward")
        return false;
    if (!e.action.starts_with("commitment"))
        return true;
    const auto id = e.fields.find("commitment");
    const cases::Commitment* m = id == e.fields.end() ? nullptr : c.commitment(id->second);
    return m && m->complainant_sees;
}

// What was agreed with the complainant; a party who sees only what is shared reads only what was
// agreed with them, not who carries it out or staff's notes.
Json commitments_json(const cases::Case& c, bool whole) {
    Json out = Json::array();
    for (const auto& m : c.commitments) {
        if (!whole && !m.complainant_sees)
            continue;
        Json line = {{"id", m.id},
                     {"what", m.what},
                     {"due", calendar::format_day(m.due)},
                     {"state", cases::commitment_state_name(m.state)},
                     {"settled_on", day_or_null(m.settled_on)}};
        if (whole) {
            line["who"] = m.who;
            line["made_on"] = calendar::format_day(m.made_on);
            line["complainant_sees"] = m.complainant_sees;
            line["note"] = m.note;
        }
        out.push_back(std::move(line));
    }
    return out;
}

Json case_summary_json(const CaseRecord& r) {
    const auto& c = r.stored.state;
    return {{"reference", c.reference},
            {"kind", c.kind},
            {"stage", c.stage},
            {"unit", c.unit},
            {"handler", c.handler},
            {"received_at", calendar::format_instant(c.received_at)},
            {"next_due", day_or_null(r.stored.next_due)},
            {"subject", r.stored.subject},
            {"version", r.stored.version},
            {"merged_into", c.merged_into.empty() ? Json(nullptr) : Json(c.merged_into)}};
}

Json case_json(const CaseView& view, const messages::Catalogue& catalogue) {
    const auto& r = view.record;
    const auto& c = view.state;
    Json out = case_summary_json(r);
    out["channel"] = c.channel;
    out["received_on"] = calendar::format_day(c.received_on);
    out["event_date"] = day_or_null(c.event_date);
    out["description"] = r.stored.description;
    out["admissible"] = c.admissible;
    out["admissibility_reason"] =
        c.admissibility_reason.empty() ? Json(nullptr) : Json(c.admissibility_reason);
    out["procedure"] = {{"id", c.procedure_id}, {"version", c.procedure_version}};
    out["complainant"] = {{"name", c.complainant.name},           {"email", c.complainant.email},
                          {"phone", c.complainant.phone},         {"address", c.complainant.address},
                          {"anonymous", c.complainant.anonymous}, {"group", c.complainant.group}};
    out["representative"] = c.representative ? Json{{"name", c.representative->name},
                                                    {"relation", c.representative->relation},
                                                    {"email", c.representative->email},
                                                    {"authorisation", c.representative->authorisation}}
                                             : Json(nullptr);
    out["about"] = c.about;
    out["urgent"] = c.urgent;
    out["referred_to"] = c.referred_to.empty() ? Json(nullptr) : Json(c.referred_to);
    out["about_text"] = c.reported_about;
    Json deadlines = Json::array();
    for (const auto& d : view.deadlines)
        deadlines.push_back(render::deadline_json(view.procedure, d.state, catalogue));
    out["deadlines"] = deadlines;
    Json events = Json::array();
    for (const auto& line : view.events) {
        const auto& e = *line.event;
        if (r.shared_documents_only && !shared_event(c, e))
            continue;
        auto fields = e.fields;
        if (r.shared_documents_only)
            fields.erase("who");
        events.push_back({{"action", e.action},
                          {"at", calendar::format_instant(e.at)},
                          {"actor", e.actor},
                          {"from_stage", e.from_stage},
                          {"to_stage", e.to_stage},
                          {"fields", fields}});
    }
    out["events"] = events;
    Json letters = Json::array();
    for (const auto& line : view.letters) {
        const auto& l = *line.letter;
        letters.push_back({{"letter", l.letter},
                           {"name", l.name},
                           {"to", l.recipients},
                           {"created_at", calendar::format_instant(line.created_at)},
                           {"body", l.body}});
    }
    out["letters"] = letters;
    Json documents = Json::array();
    for (const auto& d : r.documents)
        documents.push_back(document_json(d));
    out["documents"] = documents;
    Json messages = Json::array();
    for (const auto& m : r.messages)
        messages.push_back(message_json(m));
    out["messages"] = messages;
    out["commitments"] = commitments_json(c, !r.shared_documents_only);
    out["closed_on"] = day_or_null(c.closed_on);
    out["retain_until"] = day_or_null(c.retain_until);
    // Which other cases were merged into this one is the organisation's (they may be others').
    out["merged_from"] = r.shared_documents_only ? Json::array() : Json(c.merged_from());
    return out;
}

}  // namespace meldpunt::service
