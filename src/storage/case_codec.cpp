#include "storage/case_codec.hpp"

#include <stdexcept>

#include "domain/calendar/day.hpp"
#include "domain/calendar/period.hpp"

namespace meldpunt::storage {

using nlohmann::json;
using namespace meldpunt::cases;
using calendar::Day;

namespace {

json day(Day d) {
    return calendar::format_day(d);
}
json day(const std::optional<Day>& d) {
    return d ? json(calendar::format_day(*d)) : json(nullptr);
}

Day to_day(const json& j) {
    auto parsed = calendar::parse_day(j.get<std::string>());
    if (!parsed)
        throw std::invalid_argument("bad day in stored case");
    return *parsed;
}
std::optional<Day> to_optional_day(const json& j) {
    if (j.is_null())
        return std::nullopt;
    return to_day(j);
}

json period(const calendar::Period& p) {
    return calendar::describe_period_en(p);
}
calendar::Period to_period(const json& j) {
    auto parsed = calendar::parse_period(j.get<std::string>());
    if (!parsed)
        throw std::invalid_argument("bad period in stored case");
    return *parsed;
}

int64_t seconds(std::chrono::sys_seconds t) {
    return t.time_since_epoch().count();
}
std::chrono::sys_seconds to_seconds(const json& j) {
    return std::chrono::sys_seconds{std::chrono::seconds{j.get<int64_t>()}};
}

json commitment(const Commitment& m) {
    return {{"id", m.id},
            {"what", m.what},
            {"who", m.who},
            {"due", day(m.due)},
            {"made_on", day(m.made_on)},
            {"complainant_sees", m.complainant_sees},
            {"state", commitment_state_name(m.state)},
            {"settled_on", day(m.settled_on)},
            {"note", m.note}};
}

Commitment to_commitment(const json& j) {
    const auto state = parse_commitment_state(j.at("state").get<std::string>());
    if (!state)
        throw std::invalid_argument("bad commitment state in stored case");
    return {j.at("id").get<std::string>(),
            j.at("what").get<std::string>(),
            j.at("who").get<std::string>(),
            to_day(j.at("due")),
            to_day(j.at("made_on")),
            j.at("complainant_sees").get<bool>(),
            *state,
            to_optional_day(j.at("settled_on")),
            j.at("note").get<std::string>()};
}

}  // namespace

json encode_case(const Case& c) {
    json deadlines = json::array();
    for (const auto& d : c.deadlines) {
        json pauses = json::array();
        for (const auto& p : d.pauses)
            pauses.push_back({{"from", day(p.from)}, {"until", day(p.until)}});
        json extensions = json::array();
        for (const auto& e : d.extensions)
            extensions.push_back(period(e));
        deadlines.push_back({{"id", d.id},
                             {"anchor", day(d.anchor)},
                             {"period", period(d.period)},
                             {"extensions", extensions},
                             {"pauses", pauses},
                             {"met_on", day(d.met_on)},
                             {"stopped_on", day(d.stopped_on)},
                             // Read by servers before the sweep (migration 9), during a rolling upgrade.
                             {"overdue_reported", false}});
    }
    json documents = json::array();
    for (const auto& d : c.documents)
        documents.push_back({{"id", d.id}, {"visibility", d.visibility}});
    json letters = json::array();
    for (const auto& l : c.letters)
        letters.push_back({{"letter", l.letter}, {"action", l.action}, {"on", day(l.on)}});
    json events = json::array();
    for (const auto& e : c.events) {
        events.push_back({{"action", e.action},
                          {"at", seconds(e.at)},
                          {"actor", e.actor},
                          {"from_stage", e.from_stage},
                          {"to_stage", e.to_stage},
                          {"fields", e.fields}});
    }
    json representative = nullptr;
    if (c.representative)
        representative = {{"name", c.representative->name},
                          {"relation", c.representative->relation},
                          {"email", c.representative->email},
                          {"authorisation", c.representative->authorisation}};
    json out = {{"reference", c.reference},
                {"procedure_id", c.procedure_id},
                {"procedure_version", c.procedure_version},
                {"kind", c.kind},
                {"requested_kind", c.requested_kind},
                {"channel", c.channel},
                {"received_at", seconds(c.received_at)},
                {"received_on", day(c.received_on)},
                {"event_date", day(c.event_date)},
                {"unit", c.unit},
                {"complainant",
                 {{"name", c.complainant.name},
                  {"email", c.complainant.email},
                  {"phone", c.complainant.phone},
                  {"address", c.complainant.address},
                  {"anonymous", c.complainant.anonymous},
                  {"group", c.complainant.group}}},
                {"representative", representative},
                {"about", c.about},
                {"reported_about", c.reported_about},
                {"handler", c.handler},
                {"stage", c.stage},
                {"admissible", c.admissible},
                {"admissibility_reason", c.admissibility_reason},
                {"deadlines", deadlines},
                {"documents", documents},
                {"letters", letters},
                {"events", events},
                {"facts", c.facts},
                {"paused", c.paused},
                {"closed_on", day(c.closed_on)},
                {"retain_until", day(c.retain_until)},
                {"merged_into", c.merged_into},
                {"anonymised_on", day(c.anonymised_on)}};
    // Only where there are any: most cases have none, and a million rows need not say so.
    if (c.urgent)
        out["urgent"] = true;
    if (!c.referred_to.empty())
        out["referred_to"] = c.referred_to;
    if (!c.commitments.empty()) {
        json& commitments = out["commitments"] = json::array();
        for (const auto& m : c.commitments)
            commitments.push_back(commitment(m));
    }
    return out;
}

Case decode_case(const json& j) {
    try {
        Case c;
        c.reference = j.value("reference", "");  // storage keeps it in its own column too
        c.procedure_id = j.at("procedure_id").get<std::string>();
        c.procedure_version = j.at("procedure_version").get<int>();
        c.kind = j.at("kind").get<std::string>();
        c.requested_kind = j.at("requested_kind").get<std::string>();
        c.channel = j.at("channel").get<std::string>();
        c.received_at = to_seconds(j.at("received_at"));
        c.received_on = to_day(j.at("received_on"));
        c.event_date = to_optional_day(j.at("event_date"));
        c.unit = j.at("unit").get<std::string>();
        const json& who = j.at("complainant");
        c.complainant = {who.at("name").get<std::string>(),  who.at("email").get<std::string>(),
                         who.at("phone").get<std::string>(), who.at("address").get<std::string>(),
                         who.at("anonymous").get<bool>(),    who.value("group", false)};
        if (const json& r = j.at("representative"); !r.is_null())
            c.representative =
                Representative{r.at("name").get<std::string>(), r.at("relation").get<std::string>(),
                               r.at("email").get<std::string>(), r.value("authorisation", "")};
        c.about = j.at("about").get<std::vector<std::string>>();
        c.reported_about = j.value("reported_about", "");  // cases stored before it was asked
        c.handler = j.at("handler").get<std::string>();
        c.stage = j.at("stage").get<std::string>();
        c.admissible = j.at("admissible").get<bool>();
        c.admissibility_reason = j.at("admissibility_reason").get<std::string>();
        for (const auto& d : j.at("deadlines")) {
            DeadlineState state;
            state.id = d.at("id").get<std::string>();
            state.anchor = to_day(d.at("anchor"));
            state.period = to_period(d.at("period"));
            for (const auto& e : d.at("extensions"))
                state.extensions.push_back(to_period(e));
            for (const auto& p : d.at("pauses"))
                state.pauses.push_back({to_day(p.at("from")), to_optional_day(p.at("until"))});
            state.met_on = to_optional_day(d.at("met_on"));
            state.stopped_on = to_optional_day(d.at("stopped_on"));
            // Cases stored before the sweep carry "overdue_reported"; the effects table took its place.
            c.deadlines.push_back(std::move(state));
        }
        for (const auto& d : j.at("documents"))
            c.documents.push_back({d.at("id").get<std::string>(), d.at("visibility").get<std::string>()});
        for (const auto& l : j.at("letters"))
            c.letters.push_back(
                {l.at("letter").get<std::string>(), l.at("action").get<std::string>(), to_day(l.at("on"))});
        for (const auto& e : j.at("events")) {
            c.events.push_back({e.at("action").get<std::string>(), to_seconds(e.at("at")),
                                e.at("actor").get<std::string>(), e.at("from_stage").get<std::string>(),
                                e.at("to_stage").get<std::string>(),
                                e.at("fields").get<std::map<std::string, std::string>>()});
        }
        c.facts = j.at("facts").get<std::map<std::string, std::string>>();
        c.paused = j.at("paused").get<bool>();
        c.closed_on = to_optional_day(j.at("closed_on"));
        c.retain_until = to_optional_day(j.at("retain_until"));
        c.merged_into = j.value("merged_into", "");  // cases stored before duplicates were merged
        if (const auto it = j.find("anonymised_on"); it != j.end())  // cases stored before issue 15
            c.anonymised_on = to_optional_day(*it);
        c.urgent = j.value("urgent", false);
        c.referred_to = j.value("referred_to", "");
        if (const auto it = j.find("commitments"); it != j.end())
            for (const auto& m : *it)
                c.commitments.push_back(to_commitment(m));
        return c;
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("not a stored case: ") + e.what());
    }
}

}  // namespace meldpunt::storage
