#pragma once
// What is asked of the engine (an intake, an action) and what it answers: plain values. "Now" is
// always part of the request, so the domain never reads a clock.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case/case.hpp"

namespace meldpunt::cases {

struct Actor {
    std::string id;  // e-mail or account id; "complainant" for the complainant
    std::vector<std::string> roles;
};

struct IntakeRequest {
    std::string reference;
    std::string kind;
    std::string channel;  // letter | email | phone | web | in_person
    std::chrono::sys_seconds received_at{};
    std::optional<Day> event_date;
    std::string unit;  // empty: the procedure's default unit
    Complainant complainant;
    std::optional<Representative> representative;
    std::vector<std::string> about;
    Actor registered_by;
    std::string reported_about;  // whom it is about, in the complainant's words
    bool urgent = false;         // judged urgent as it was taken in (002 §B)
    // Whom it goes to at once (route_intake, 002 §A.1); the procedure's rules decide as for an
    // action that sets the handler, and a refusal leaves it unassigned.
    std::string handler;
};

// The case sent on to a unit, a person, or both, with a note (002 §B: "de mail, brief of
// contactformulier wordt doorgestuurd naar de betreffende medewerker ... zo nodig door naar de
// leidinggevende"). The person becomes its handler; the unit its unit.
struct Forwarding {
    std::string unit;
    std::string person;
    std::string note;
    std::chrono::sys_seconds at{};
    Actor actor;
};

struct ActionRequest {
    std::string action;
    std::chrono::sys_seconds at{};
    Actor actor;
    std::map<std::string, std::string> fields;

    // The value given for field `id`, empty when none was.
    std::string field(const std::string& id) const {
        auto it = fields.find(id);
        return it == fields.end() ? "" : it->second;
    }
};

// Staff correct what was registered wrongly (issue 12, case housekeeping): each field given is
// the new value. `subject` and `description` are the register's, not the engine's: the engine
// records that they changed and the caller stores them.
struct Correction {
    std::optional<std::string> subject, description;
    std::optional<std::string> name, email, phone, address;  // the complainant's
    std::optional<std::string> reported_about;
    std::optional<std::string> unit;
    std::optional<std::vector<std::string>> about;
    std::chrono::sys_seconds at{};
    Actor actor;
};

// What an intake or action did, for the timeline, the letters to generate and the tests.
struct Outcome {
    std::string from_stage;
    std::string to_stage;
    std::vector<std::string> letters;
    std::vector<std::string> started;
    std::vector<std::string> met;
    std::vector<std::string> stopped;
};

}  // namespace meldpunt::cases
