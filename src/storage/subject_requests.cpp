#include "storage/subject_requests.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

constexpr const char* kColumns =
    "SELECT org, id, person_name, person_email, request_right, received_on, registered_by, registered_at, "
    "extended_by, extension_reason, outcome, decision, decided_by, decided_at FROM subject_requests ";
// Two coordinators registering at once on PostgreSQL: the organisation's row serialises them, so
// that both do not take the same number.
constexpr const char* kLockOrgPostgres = "SELECT id FROM orgs WHERE id = $1 FOR UPDATE";
constexpr const char* kNextId = "SELECT COALESCE(MAX(id), 0) + 1 FROM subject_requests WHERE org = $1";
constexpr const char* kInsert =
    "INSERT INTO subject_requests (org, id, person_name, person_email, request_right, received_on, "
    "registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const std::string kGet = std::string(kColumns) + "WHERE org = $1 AND id = $2";
const std::string kAll = std::string(kColumns) +
                         "WHERE org = $1 ORDER BY CASE WHEN outcome = '' THEN 0 ELSE 1 END, id DESC LIMIT $2";
constexpr const char* kExtend =
    "UPDATE subject_requests SET extended_by = $3, extension_reason = $4 "
    "WHERE org = $1 AND id = $2 AND outcome = '' AND extended_by = ''";
constexpr const char* kDecide =
    "UPDATE subject_requests SET outcome = $3, decision = $4, decided_by = $5, decided_at = $6 "
    "WHERE org = $1 AND id = $2 AND outcome = ''";
// A request whose restriction still holds stays: its page is where the restriction is lifted.
constexpr const char* kForget =
    "DELETE FROM subject_requests WHERE org = $1 AND outcome <> '' AND decided_at < $2 AND NOT EXISTS "
    "(SELECT 1 FROM restricted_cases r WHERE r.org = subject_requests.org AND r.request_id = "
    "subject_requests.id)";
constexpr const char* kRestrict =
    "INSERT INTO restricted_cases (org, reference, request_id, since) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (org, reference) DO NOTHING";
constexpr const char* kRestriction =
    "SELECT request_id FROM restricted_cases WHERE org = $1 AND reference = $2";
constexpr const char* kRestrictedAll = "SELECT org, reference FROM restricted_cases";
constexpr const char* kLift = "DELETE FROM restricted_cases WHERE org = $1 AND reference = $2";

SubjectRequest request_from(const Row& row) {
    SubjectRequest r;
    r.org = text(row, 0);
    r.id = number(row, 1);
    r.person_name = text(row, 2);
    r.person_email = text(row, 3);
    r.right = text(row, 4);
    r.received_on = optional_day(row, 5).value_or(calendar::Day{});
    r.registered_by = text(row, 6);
    r.registered_at = number(row, 7);
    r.extended_by = text(row, 8);
    r.extension_reason = text(row, 9);
    r.outcome = text(row, 10);
    r.decision = text(row, 11);
    r.decided_by = text(row, 12);
    if (row.at(13))
        r.decided_at = number(row, 13);
    return r;
}

}  // namespace

int64_t SubjectRequests::insert(const SubjectRequest& r) {
    if (db_.dialect() == Dialect::postgres)
        db_.query(kLockOrgPostgres, {r.org});
    const int64_t id = single_number(db_.query(kNextId, {r.org}));
    db_.query(kInsert, {r.org, id, r.person_name, r.person_email, r.right,
                        calendar::format_day(r.received_on), r.registered_by, r.registered_at});
    return id;
}

std::optional<SubjectRequest> SubjectRequests::get(const std::string& org, int64_t id) {
    return first_row(db_.query(kGet, {org, id}), request_from);
}

std::vector<SubjectRequest> SubjectRequests::all(const std::string& org, int limit) {
    std::vector<SubjectRequest> out;
    for (const auto& row : db_.query(kAll, {org, int64_t{limit}}))
        out.push_back(request_from(row));
    return out;
}

bool SubjectRequests::extend(const std::string& org, int64_t id, const std::string& by,
                             const std::string& reason) {
    return db_.execute(kExtend, {org, id, by, reason}) > 0;
}

bool SubjectRequests::decide(const std::string& org, int64_t id, const std::string& outcome,
                             const std::string& decision, const std::string& by, int64_t at) {
    return db_.execute(kDecide, {org, id, outcome, decision, by, at}) > 0;
}

int64_t SubjectRequests::forget_decided_before(const std::string& org, int64_t before) {
    return db_.execute(kForget, {org, before});
}

void SubjectRequests::restrict_case(const std::string& org, const std::string& reference, int64_t request,
                                    int64_t since) {
    db_.query(kRestrict, {org, reference, request, since});
}

std::optional<int64_t> SubjectRequests::restriction_of(const std::string& org, const std::string& reference) {
    return first_row(db_.query(kRestriction, {org, reference}),
                     [](const Row& row) { return number(row, 0); });
}

std::set<std::pair<std::string, std::string>> SubjectRequests::restricted_cases() {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& row : db_.query(kRestrictedAll, {}))
        out.emplace(text(row, 0), text(row, 1));
    return out;
}

bool SubjectRequests::lift_restriction(const std::string& org, const std::string& reference) {
    return db_.execute(kLift, {org, reference}) > 0;
}

}  // namespace meldpunt::storage
