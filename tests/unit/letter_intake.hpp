#pragma once
// The smallest intake the engine tests need: case 2027-000001, a complaint by letter from "J.",
// registered by `by` at `received`.
#include "domain/case/requests.hpp"

namespace meldpunt::testing {

inline cases::IntakeRequest letter_intake(std::chrono::sys_seconds received, const cases::Actor& by) {
    cases::IntakeRequest request;
    request.reference = "2027-000001";
    request.kind = "complaint";
    request.channel = "letter";
    request.received_at = received;
    request.complainant.name = "J.";
    request.registered_by = by;
    return request;
}

}  // namespace meldpunt::testing
