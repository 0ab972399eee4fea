#pragma once
// Requests of data subjects (issue 15; GDPR art. 15, 17, 18): a person asks to see, erase or
// restrict what the register keeps about them. Each request is kept with the day it arrived (its
// deadline counts from there), an extension once, and the decision with who took it. The cases
// whose processing a granted restriction stopped are kept beside them.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar/day.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

struct SubjectRequest {
    std::string org;
    int64_t id = 0;  // 1, 2, ... per organisation
    std::string person_name, person_email;
    std::string right;  // access | erasure | restriction
    calendar::Day received_on{};
    std::string registered_by;
    int64_t registered_at = 0;
    std::string extended_by, extension_reason;  // empty until extended (once)
    std::string outcome;                        // empty while open; granted | refused
    std::string decision;                       // the recorded decision, in the decider's words
    std::string decided_by;
    std::optional<int64_t> decided_at;
};

class SubjectRequests {
  public:
    explicit SubjectRequests(SqlConnection& db) : db_(db) {}

    // Stores the request under the organisation's next number, which it answers.
    int64_t insert(const SubjectRequest& request);
    std::optional<SubjectRequest> get(const std::string& org, int64_t id);
    // The organisation's requests, open ones first, then newest first, at most `limit`.
    std::vector<SubjectRequest> all(const std::string& org, int limit);
    // False when the request is decided or was extended already.
    bool extend(const std::string& org, int64_t id, const std::string& by, const std::string& reason);
    // False when the request was decided already.
    bool decide(const std::string& org, int64_t id, const std::string& outcome, const std::string& decision,
                const std::string& by, int64_t at);
    // Deletes the organisation's requests decided before `before`, except those whose restriction
    // still holds; answers how many.
    int64_t forget_decided_before(const std::string& org, int64_t before);

    // Processing of the case stopped by a granted restriction (art. 18).
    void restrict_case(const std::string& org, const std::string& reference, int64_t request, int64_t since);
    // The request whose restriction holds the case, if any.
    std::optional<int64_t> restriction_of(const std::string& org, const std::string& reference);
    // Every restricted case (org, reference): few, read whole by the sweep.
    std::set<std::pair<std::string, std::string>> restricted_cases();
    // True when the case was restricted.
    bool lift_restriction(const std::string& org, const std::string& reference);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
