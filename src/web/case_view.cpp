#include "web/case_view.hpp"

#include <algorithm>
#include <cstdio>

#include <date/tz.h>

#include "domain/calendar/instant.hpp"
#include "domain/case/field_value.hpp"
#include "domain/engine/engine.hpp"
#include "render/due_date_text.hpp"
#include "support/text.hpp"

namespace meldpunt::web {

std::string person_name(const PeopleNames& names, const std::string& email) {
    const auto found = names.find(email);
    return found != names.end() ? found->second : email;
}

namespace {

// Who took a step, as staff read it: a colleague by name, the complainant as such.
std::string actor_text(const std::string& actor, const PeopleNames& names, const messages::Catalogue& t) {
    return actor == "complainant" ? t.text("web.timeline.complainant") : person_name(names, actor);
}

// A document's name, when the reader sees the document (the record holds only those).
std::optional<std::string> document_name(const service::CaseView& view, const std::string& id) {
    for (const auto& d : view.record.documents)
        if (d.id == id)
            return d.name;
    return std::nullopt;
}

// "Ongenoegen (informeel)" → "ongenoegen", for a name inside a sentence (ASCII letters; the names
// are Dutch words).
std::string lowercase(const std::string& text) {
    return support::ascii_lowercase(text.substr(0, text.find(" (")));
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : ", ") + part;
    return out;
}

std::string value_of_unit(const procedure::Procedure& p, const std::string& id) {
    const auto* unit = p.unit(id);
    return unit ? unit->name : id;
}

// A value recorded with a step, as its reader says it: names for people, documents and units,
// words for options, yes and no, dates.
std::string value_text(const service::CaseView& view, const std::string& field_id, const std::string& value,
                       const PeopleNames& names, const messages::Catalogue& t) {
    const auto* field = view.procedure.field(field_id);
    if (!field)
        return value;
    std::vector<std::string> parts;
    switch (field->type) {
        case procedure::FieldType::choice:
            return option_label(value, t);
        case procedure::FieldType::boolean:
            return value == "true" ? t.text("web.yes") : value == "false" ? t.text("web.no") : value;
        case procedure::FieldType::date: {
            const auto day = calendar::parse_day(value);
            return day ? render::long_date(*day, t) : value;
        }
        case procedure::FieldType::person:
            return person_name(names, value);
        case procedure::FieldType::people:
            for (const auto& person : cases::split_list(value))
                parts.push_back(person_name(names, person));
            return joined(parts);
        case procedure::FieldType::documents:
            for (const auto& id : cases::split_list(value))
                parts.push_back(document_name(view, id).value_or(t.text("web.timeline.a_document")));
            return joined(parts);
        case procedure::FieldType::unit:
            return value_of_unit(view.procedure, value);
        default:
            return value;
    }
}

// What happened, as one sentence for its reader: staff read who did it, the complainant reads
// "u" or "wij".
std::string event_sentence(const service::CaseView& view, const service::EventLine& line, bool stage_changed,
                           const PeopleNames& names, const messages::Catalogue& t, bool staff) {
    const auto& e = *line.event;
    const bool by_complainant = e.actor == "complainant";
    const std::string who = actor_text(e.actor, names, t);
    if (e.action == "intake") {
        const std::string channel = t.text("web.channel." + view.state.channel);
        if (!staff)
            return t.text(by_complainant ? "web.timeline.you_filed" : "web.timeline.we_registered",
                          {channel});
        return by_complainant ? t.text("web.timeline.filed", {channel})
                              : t.text("web.timeline.registered", {who, channel});
    }
    if (e.action == "document") {
        const auto document = e.fields.find("document");
        const std::string name =
            (document == e.fields.end() ? std::nullopt : document_name(view, document->second))
                .value_or(t.text("web.timeline.a_document"));
        if (!staff)
            return t.text(by_complainant ? "web.timeline.you_added" : "web.timeline.we_added", {name});
        const auto visibility = e.fields.find("visibility");
        const bool shared = visibility != e.fields.end() && visibility->second == "shared";
        return t.text(shared ? "web.timeline.added_shared" : "web.timeline.added_internal", {who, name});
    }
    if (e.action == "correct") {
        std::vector<std::string> changed;
        if (const auto found = e.fields.find("changed"); found != e.fields.end())
            for (const auto& field : cases::split_list(found->second))
                changed.push_back(t.text("web.correct.field." + field));
        if (!staff)
            return t.text("web.timeline.we_corrected");
        return t.text("web.timeline.corrected", {who, joined(changed)});
    }
    if (e.action == "merge") {
        const auto into = e.fields.find("into");
        const std::string other = into == e.fields.end() ? "" : into->second;
        return staff ? t.text("web.timeline.merged_into", {who, other})
                     : t.text("web.timeline.we_merged", {other});
    }
    if (e.action == "merged") {
        const auto from = e.fields.find("from");
        return t.text("web.timeline.merged_from", {who, from == e.fields.end() ? "" : from->second});
    }
    if (e.action == "urgency" || e.action == "forward") {
        const auto field = [&](const char* id) {
            const auto found = e.fields.find(id);
            return found == e.fields.end() ? std::string() : found->second;
        };
        std::string sentence;
        if (e.action == "urgency") {
            sentence =
                t.text(field("urgent") == "yes" ? "web.timeline.urgent" : "web.timeline.not_urgent", {who});
        } else {
            std::vector<std::string> to;
            if (!field("to").empty())
                to.push_back(person_name(names, field("to")));
            if (!field("unit").empty())
                to.push_back(value_of_unit(view.procedure, field("unit")));
            sentence = t.text("web.timeline.forwarded", {who, joined(to)});
        }
        if (!field("note").empty())
            sentence += " " + t.text("web.timeline.note", {field("note")});
        return sentence;
    }
    if (e.action.starts_with("commitment")) {
        const auto id = e.fields.find("commitment");
        const cases::Commitment* m = id == e.fields.end() ? nullptr : view.state.commitment(id->second);
        const std::string what = m ? m->what : "";
        const std::string key = e.action == "commitment" ? "promised" : e.action.substr(sizeof "commitment");
        if (!staff || view.record.shared_documents_only)  // not who carries it out, nor who recorded it
            return t.text("web.timeline.we_" + key, {what});
        if (e.action == "commitment")
            return t.text("web.timeline.promised", {who, what, m ? person_name(names, m->who) : "",
                                                    m ? render::long_date(m->due, t) : ""});
        return t.text("web.timeline." + key, {who, what});
    }
    if (e.action == "message") {
        const auto visibility = e.fields.find("visibility");
        const bool internal = visibility != e.fields.end() && visibility->second == "internal";
        if (!staff)
            return t.text(by_complainant ? "web.timeline.you_wrote" : "web.timeline.we_wrote");
        if (by_complainant)
            return t.text("web.timeline.complainant_wrote");
        return t.text(internal ? "web.timeline.noted" : "web.timeline.replied", {who});
    }
    std::string sentence = t.text(staff ? "web.timeline.step" : "web.timeline.our_step", {line.name, who});
    if (stage_changed)
        sentence +=
            " " + t.text(staff ? "web.timeline.now_in" : "web.timeline.yours_now_in", {line.to_stage_name});
    return sentence;
}

std::string day_text(const std::optional<calendar::Day>& day, const messages::Catalogue& catalogue) {
    return day ? render::long_date(*day, catalogue) : "";
}

// A complainant sees only the deadlines that are promises to them, not the organisation's own work.
mstch::array deadline_rows(const service::CaseView& view, const messages::Catalogue& catalogue, bool staff) {
    mstch::array rows;
    for (const auto& d : view.deadlines) {
        const auto* definition = view.procedure.deadline(d.state.id);
        if (!staff && definition && definition->internal)
            continue;
        const std::string status = cases::status_name(d.state.status);
        rows.push_back(mstch::map{{"name", d.state.id},
                                  {"label", d.name},
                                  {"status", status},
                                  {"status_label", catalogue.text("web.status." + status)},
                                  {"due_text", day_text(d.state.due.due, catalogue)},
                                  {"explanation", render::explanation_text(d.state.due, catalogue)}});
    }
    return rows;
}

// Where the complainant goes instead, when another regulation covers the case (002
// §Toepassingsgebied); empty otherwise.
std::string referral_text(const service::CaseView& view, const messages::Catalogue& t) {
    const procedure::Referral* referral = view.procedure.referral(view.state.referred_to);
    if (!referral)
        return "";
    std::string text = t.text("web.case.referred", {referral->to});
    if (!referral->contact.empty())
        text += " " + referral->contact;
    return text;
}

bool shown_to_complainant(const service::CaseView& view, const std::string& commitment) {
    const cases::Commitment* m = view.state.commitment(commitment);
    return m && m->complainant_sees;
}

// What was agreed with the complainant (003 §Werkwijze 4): for staff each with who carries it out,
// whether the complainant sees it and the note it was settled with; the complainant reads only
// what was agreed with them, and how it stands.
mstch::array commitment_rows(const service::CaseView& view, const PeopleNames& names,
                             const messages::Catalogue& t, bool staff, const std::string& reader) {
    mstch::array rows;
    for (const auto& m : view.state.commitments) {
        if ((!staff || view.record.shared_documents_only) && !m.complainant_sees)
            continue;
        const std::string state = cases::commitment_state_name(m.state);
        mstch::map row{{"id", m.id},
                       {"what", m.what},
                       {"due_text", render::long_date(m.due, t)},
                       {"state", state},
                       {"state_label", t.text("web.commitment.state_" + state)},
                       {"settled_text", day_text(m.settled_on, t)},
                       {"open", m.state == cases::CommitmentState::open}};
        if (staff && !view.record.shared_documents_only) {
            row.emplace("who", m.who);
            row.emplace("who_name", person_name(names, m.who));
            row.emplace("internal", !m.complainant_sees);
            row.emplace("note", m.note);
            row.emplace("mine", m.who == reader);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// Whether a correction changed something the complainant sees of their case.
bool corrects_what_the_complainant_sees(const cases::Event& e) {
    const auto found = e.fields.find("changed");
    if (found == e.fields.end())
        return false;
    for (const auto& field : cases::split_list(found->second))
        if (field != "unit" && field != "about")
            return true;
    return false;
}

// Complainants see what happened, not which member of staff did it, nor the fields staff recorded.
mstch::array event_rows(const service::CaseView& view, const PeopleNames& names, const messages::Catalogue& t,
                        bool staff) {
    mstch::array rows;
    std::string stage_before;
    for (const auto& line : view.events) {
        const auto& e = *line.event;
        const bool stage_changed = e.action != "intake" && e.to_stage != stage_before;
        stage_before = e.to_stage;
        // A complainant reads of the documents they see, not of those kept internal.
        if (const auto document = e.fields.find("document");
            !staff && e.action == "document" &&
            (document == e.fields.end() || !document_name(view, document->second)))
            continue;
        // An internal note: not for the complainant, nor for a party who sees only what is shared.
        if (const auto visibility = e.fields.find("visibility");
            (!staff || view.record.shared_documents_only) && e.action == "message" &&
            (visibility == e.fields.end() || visibility->second != "shared"))
            continue;
        // A correction of the organisation's own details (unit, people) is not the complainant's.
        if (!staff && e.action == "correct" && !corrects_what_the_complainant_sees(e))
            continue;
        // How staff judged and passed the case on is their own work, with their notes.
        if ((!staff || view.record.shared_documents_only) && (e.action == "urgency" || e.action == "forward"))
            continue;
        // Only what was agreed with the complainant themselves, not the organisation's own follow-up.
        if (const auto id = e.fields.find("commitment");
            (!staff || view.record.shared_documents_only) && e.action.starts_with("commitment") &&
            (id == e.fields.end() || !shown_to_complainant(view, id->second)))
            continue;
        // Which other case was merged into theirs is not the complainant's (it may be someone else's).
        if ((!staff || view.record.shared_documents_only) && e.action == "merged")
            continue;
        mstch::map row{{"action", e.action},
                       {"sentence", event_sentence(view, line, stage_changed, names, t, staff)},
                       {"at_text", render::long_date(line.day, t)}};
        if (staff) {
            mstch::array fields;
            const bool said = e.action == "document" || e.action == "message" || e.action == "correct" ||
                              e.action == "merge" || e.action == "merged" ||
                              e.action.starts_with("commitment") || e.action == "urgency" ||
                              e.action == "forward";
            if (!said)  // the sentence says it all
                for (const auto& f : line.fields)
                    fields.push_back(
                        mstch::map{{"name", f.name}, {"value", value_text(view, f.id, f.value, names, t)}});
            row.emplace("has_fields", !fields.empty());
            row.emplace("field_list", fields);
        }
        rows.push_back(row);
    }
    return rows;
}

// The timeline by day, each day named once (the portal: issue 12, "each date once").
mstch::array event_days(const mstch::array& events) {
    mstch::array days;
    std::string current;
    mstch::array today;
    const auto flush = [&] {
        if (!today.empty())
            days.push_back(mstch::map{{"day", current}, {"events", today}});
        today.clear();
    };
    for (const auto& node : events) {
        const auto& row = boost::get<mstch::map>(node);
        const auto& day = boost::get<std::string>(row.at("at_text"));
        if (day != current)
            flush();
        current = day;
        today.push_back(row);
    }
    flush();
    return days;
}

// (What a complainant may see of letters and documents the service has already chosen.)
mstch::array letter_rows(const service::CaseView& view, const messages::Catalogue& catalogue) {
    mstch::array rows;
    for (const auto& line : view.letters)
        rows.push_back(mstch::map{{"letter", line.letter->letter},
                                  {"seq", std::to_string(line.letter->seq)},
                                  {"name", line.letter->name},
                                  {"body", line.letter->body},
                                  {"created_text", render::long_date(line.created_on, catalogue)}});
    return rows;
}

// "3 december 2026 om 14:05", local.
std::string moment_text(std::chrono::sys_seconds at, const service::CaseView& view,
                        const messages::Catalogue& t) {
    const auto& calendar = view.record.procedure->calendar;
    // The clock on the wall in the organisation's time zone, also on the days it is moved.
    const auto local = date::make_zoned(calendar.zone(), at).get_local_time();
    const auto minutes =
        std::chrono::duration_cast<std::chrono::minutes>(local - date::floor<date::days>(local)).count();
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return t.text("web.thread.at", {render::long_date(calendar.local_day(at), t), clock});
}

mstch::map message_row(const service::CaseView& view, const storage::MessageRecord& m,
                       const PeopleNames& names, const messages::Catalogue& t, bool staff,
                       const Reading& reading) {
    const bool from_complainant = m.author == "complainant";
    std::string author;
    if (staff)
        author = from_complainant ? t.text("web.thread.complainant") : person_name(names, m.author);
    else
        author = t.text(from_complainant ? "web.thread.you" : "web.thread.us");
    mstch::array attachments;
    for (const auto& id : m.documents)
        if (const auto name = document_name(view, id))
            attachments.push_back(mstch::map{{"id", id}, {"name", *name}});
    return mstch::map{
        {"is_message", true},
        {"seq", std::to_string(m.seq)},
        {"author", author},
        {"from_complainant", from_complainant},
        {"internal", m.visibility == "internal"},
        {"new", staff && m.seq > reading.up_to && m.author != reading.reader},
        {"when_text", moment_text(std::chrono::sys_seconds{std::chrono::seconds{m.at}}, view, t)},
        {"body", m.body},
        {"attachments", attachments},
        {"has_attachments", !attachments.empty()}};
}

// Messages and letters in the order they were written (a letter and a message of the same second:
// the letter first, as the step that made it came first).
mstch::array thread_rows(const service::CaseView& view, const PeopleNames& names,
                         const messages::Catalogue& t, bool staff, const Reading& reading) {
    std::vector<std::pair<int64_t, mstch::map>> items;
    for (const auto& line : view.letters)
        items.push_back({calendar::unix_seconds(line.created_at) * 2,
                         mstch::map{{"is_letter", true},
                                    {"seq", std::to_string(line.letter->seq)},
                                    {"name", line.letter->name},
                                    {"body", line.letter->body},
                                    {"when_text", moment_text(line.created_at, view, t)}}});
    for (const auto& m : view.record.messages)
        items.push_back({m.at * 2 + 1, message_row(view, m, names, t, staff, reading)});
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    mstch::array rows;
    for (auto& item : items)
        rows.push_back(std::move(item.second));
    return rows;
}

mstch::array document_rows(const service::CaseView& view, const PeopleNames& names,
                           const messages::Catalogue& t) {
    mstch::array rows;
    for (const auto& d : view.record.documents)
        rows.push_back(mstch::map{{"id", d.id},
                                  {"name", d.name},
                                  {"size", std::to_string(d.size)},
                                  {"shared", d.visibility == "shared"},
                                  {"uploaded_by", actor_text(d.uploaded_by, names, t)}});
    return rows;
}

// What staff recorded for the complainant (fields marked complainant_sees): the latest value of
// each, in the procedure's order of fields; the portal shows it above the steps they can take.
mstch::array response_rows(const service::CaseView& view, const PeopleNames& names,
                           const messages::Catalogue& t) {
    std::map<std::string, std::string> latest;
    for (const auto& event : view.state.events)
        for (const auto& [id, value] : event.fields)
            if (const auto* field = view.procedure.field(id);
                field && field->complainant_sees && !value.empty())
                latest[id] = value;
    mstch::array rows;
    for (const auto& field : view.procedure.fields)
        if (const auto found = latest.find(field.id); found != latest.end())
            rows.push_back(mstch::map{{"name", field.name},
                                      {"value", value_text(view, field.id, found->second, names, t)}});
    return rows;
}

mstch::node complainant_node(const cases::Case& c) {
    mstch::map complainant{{"name", c.complainant.name},           {"email", c.complainant.email},
                           {"phone", c.complainant.phone},         {"address", c.complainant.address},
                           {"anonymous", c.complainant.anonymous}, {"group", c.complainant.group}};
    return complainant;
}

// A choice between the engine's "oral" and "written" (how a withdrawal was made, 002
// §Uitgangspunten 6).
bool is_oral_or_written(const procedure::Field& field) {
    return field.type == procedure::FieldType::choice && field.options.size() == 2 &&
           std::find(field.options.begin(), field.options.end(), "oral") != field.options.end() &&
           std::find(field.options.begin(), field.options.end(), "written") != field.options.end();
}

mstch::map field_view(const procedure::Procedure& p, const std::string& id, bool required,
                      const messages::Catalogue& catalogue, const ActionFormOptions& options) {
    const auto* field = p.field(id);
    mstch::map out{{"id", id}, {"name", field ? field->name : id}, {"required", required}};
    const auto type = field ? field->type : procedure::FieldType::text;
    switch (type) {
        case procedure::FieldType::choice: {
            mstch::array choices;
            for (const auto& option : field->options)
                choices.push_back(mstch::map{{"value", option}, {"label", option_label(option, catalogue)}});
            out.emplace("is_choice", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::boolean:
            out.emplace("is_choice", true);
            out.emplace(
                "options",
                mstch::array{
                    mstch::map{{"value", std::string("true")}, {"label", catalogue.text("web.yes")}},
                    mstch::map{{"value", std::string("false")}, {"label", catalogue.text("web.no")}}});
            break;
        case procedure::FieldType::unit: {
            mstch::array choices;
            for (const auto& unit : p.units)
                choices.push_back(mstch::map{{"value", unit.id}, {"label", unit.name}});
            out.emplace("is_choice", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::person: {
            mstch::array choices;
            for (const auto& email : options.people)
                choices.push_back(mstch::map{{"value", email}, {"label", person_name(options.names, email)}});
            out.emplace("is_choice", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::people: {
            mstch::array choices;
            for (const auto& email : options.people)
                choices.push_back(mstch::map{{"value", email},
                                             {"label", person_name(options.names, email)},
                                             {"checked", std::find(options.about.begin(), options.about.end(),
                                                                   email) != options.about.end()}});
            out.emplace("is_people", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::date:
            out.emplace("is_date", true);
            break;
        default:
            out.emplace("is_text", true);
    }
    return out;
}

}  // namespace

// An option of a choice field in words: the catalogue's for the values the engine knows (oral,
// written), the procedure's own word otherwise.
std::string option_label(const std::string& value, const messages::Catalogue& t) {
    const std::string key = "option." + value;
    return t.has(key) ? t.text(key) : value;
}

std::string stage_text(const cases::Case& c, const procedure::Procedure& procedure,
                       const messages::Catalogue& catalogue) {
    if (!c.merged_into.empty())
        return catalogue.text("web.merge.register", {c.merged_into});
    return service::stage_name(procedure, c.stage);
}

mstch::map case_view(const service::CaseView& view, const messages::Catalogue& catalogue, Audience audience,
                     const PeopleNames& names, const Reading& reading) {
    const bool staff = audience == Audience::staff;
    const auto& c = view.state;
    const auto deadlines = deadline_rows(view, catalogue, staff);
    const auto response = response_rows(view, names, catalogue);
    const auto letters = letter_rows(view, catalogue);
    const auto documents = document_rows(view, names, catalogue);
    const auto thread = thread_rows(view, names, catalogue, staff, reading);
    const auto events = event_rows(view, names, catalogue, staff);
    const auto commitments = commitment_rows(view, names, catalogue, staff, reading.reader);
    mstch::map out{
        {"reference", c.reference},
        {"subject", view.record.stored.subject},
        {"description", view.record.stored.description},
        {"kind_name", view.kind_name},
        {"stage_name", stage_text(c, view.procedure, catalogue)},
        {"stage_description", c.merged_into.empty() ? view.stage_description : std::string()},
        {"final", view.final},
        {"unit", c.unit.empty() ? std::string() : value_of_unit(view.procedure, c.unit)},
        {"channel_name", catalogue.text("web.channel." + c.channel)},
        {"received_text", render::long_date(c.received_on, catalogue)},
        {"event_text", day_text(c.event_date, catalogue)},
        {"admissibility_text", c.admissibility_reason.empty()
                                   ? std::string()
                                   : catalogue.text("web.case.not_admissible." + c.admissibility_reason)},
        {"complainant", complainant_node(c)},
        {"deadlines", deadlines},
        {"has_deadlines", !deadlines.empty()},
        {"commitments", commitments},
        {"has_commitments", !commitments.empty()},
        {"response", response},
        {"has_response", !response.empty()},
        {"events", events},
        {"event_days", event_days(events)},
        {"letters", letters},
        {"has_letters", !letters.empty()},
        {"documents", documents},
        {"has_documents", !documents.empty()},
        {"thread", thread},
        {"has_thread", !thread.empty()},
        {"has_about", staff && !c.about.empty()},
        {"urgent", staff && c.urgent},
        {"merged_into", c.merged_into},
        {"merged_into_text",
         c.merged_into.empty() ? std::string() : catalogue.text("web.merge.portal_merged", {c.merged_into})},
        {"reported_about", c.reported_about},
        {"referral_text", referral_text(view, catalogue)},
        {"anonymised_text", c.anonymised_on ? catalogue.text("web.case.anonymised",
                                                             {render::long_date(*c.anonymised_on, catalogue)})
                                            : std::string()},
    };
    if (c.representative)
        out.emplace("representative", mstch::map{{"name", c.representative->name},
                                                 {"relation", c.representative->relation},
                                                 {"email", c.representative->email},
                                                 {"authorisation", c.representative->authorisation}});
    if (staff && !view.record.shared_documents_only) {
        mstch::array merged_from;
        for (const auto& reference : c.merged_from())
            merged_from.push_back(mstch::map{{"reference", reference}});
        out.emplace("has_merged_from", !merged_from.empty());
        out.emplace("merged_from", merged_from);
    }
    if (staff) {
        out.emplace("handler", c.handler.empty() ? std::string() : person_name(names, c.handler));
        std::vector<std::string> about;
        for (const auto& person : c.about)
            about.push_back(person_name(names, person));
        out.emplace("about", joined(about));
    }
    return out;
}

mstch::array action_forms(const service::CaseRecord& record, const service::Principal& who,
                          const messages::Catalogue& catalogue, const ActionFormOptions& given) {
    const auto& p = record.procedure->procedure;
    ActionFormOptions options = given;
    options.about = record.stored.state.about;
    const cases::Engine engine(p, record.procedure->calendar);
    const cases::Actor actor{who.email, who.roles_for_unit(record.stored.state.unit)};
    mstch::array out;
    for (const auto& id : engine.available_actions(record.stored.state, actor)) {
        const auto* action = p.action(id);
        if (!action)
            continue;
        mstch::array fields;
        const bool complainant = !who.complainant_of.empty();
        auto add = [&](const std::string& f, bool required, const std::string& hint = "") {
            // Whoever acts in the portal does so in writing: a field that records how a step was
            // taken (the engine's oral or written) is not asked of them.
            if (const auto* field = p.field(f); complainant && field && is_oral_or_written(*field)) {
                fields.push_back(
                    mstch::map{{"is_given", true}, {"id", f}, {"value", std::string("written")}});
                return;
            }
            auto view = field_view(p, f, required, catalogue, options);
            view.emplace("action_id", id);  // input ids must be unique on a page with many forms
            if (!hint.empty())
                view.emplace("hint", hint);
            fields.push_back(view);
        };
        // Another system gives this reference (a webhook takes "case.closing"): left empty, the
        // step waits for it (service/held_steps.cpp).
        const bool from_elsewhere = record.references_from_elsewhere && !action->external_reference.empty();
        for (const auto& f : action->requires_fields) {
            const bool elsewhere = from_elsewhere && f == action->external_reference;
            add(f, !elsewhere, elsewhere ? catalogue.text("web.held.leave_empty") : "");
        }
        for (const auto& f : action->optional_fields)
            add(f, false);
        // The complainant's buttons speak in their voice ("Ik ga akkoord met het voorstel").
        const std::string voice = "web.portal.button." + id;
        const auto* kind = p.kind(record.stored.state.kind);
        const std::string button = complainant && catalogue.has(voice)
                                       ? catalogue.text(voice, {kind ? lowercase(kind->name) : ""})
                                       : action->name;
        out.push_back(mstch::map{{"id", id},
                                 {"name", action->name},
                                 {"button", button},
                                 {"description", action->description},
                                 {"source", action->source},
                                 {"fields", fields},
                                 {"version", std::to_string(record.stored.version)}});
    }
    return out;
}

}  // namespace meldpunt::web
