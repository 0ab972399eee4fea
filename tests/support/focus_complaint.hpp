#pragma once
// A complaint as the sweep and delivery tests take it in at Focus: by phone over the API, at a
// moment read in Europe/Amsterdam (Focus's calendar).
#include <chrono>
#include <string>

#include <date/tz.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace meldpunt::testing {

// "2027-01-19T08:00:00+01:00" as an instant; local times without an offset are Amsterdam's.
inline std::chrono::sys_seconds amsterdam_instant(const std::string& iso) {
    const calendar::WorkingCalendar amsterdam({}, date::locate_zone("Europe/Amsterdam"));
    const auto parsed = calendar::parse_instant(iso, amsterdam);
    EXPECT_TRUE(parsed) << iso;
    return parsed ? *parsed : std::chrono::sys_seconds{};
}

// Takes in a phone complaint about a missed appointment, received (and registered) at `received`
// by the holder of `token`; returns its reference. Focus's phone intake is reported to the manager
// the same day, contact is due two working days later (003 §Werkwijze). The complainant left a
// phone number only, so that nothing but staff notices goes into the outbox.
inline std::string take_in_focus_phone_complaint(TestServer& server, const std::string& token,
                                                 const std::string& received) {
    server.set_now(received);
    const nlohmann::json body = {{"kind", "complaint"},
                                 {"channel", "phone"},
                                 {"received_at", received},
                                 {"subject", "Afspraak gemist"},
                                 {"description", "De coach kwam niet opdagen."},
                                 {"complainant", {{"name", "J. de Vries"}, {"phone", "06 12345678"}}}};
    auto r = http_request(server.port(), "POST", "/api/v1/orgs/focus/cases",
                          {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                          body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? nlohmann::json::parse(r.body).value("reference", "") : "";
}

}  // namespace meldpunt::testing
