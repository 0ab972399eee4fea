#include "storage/organisations.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kSelectOrg =
    "SELECT id, name, mail_from, mail_from_name, mail_in FROM orgs WHERE id = $1";
constexpr const char* kSelectOrgs =
    "SELECT id, name, mail_from, mail_from_name, mail_in FROM orgs ORDER BY id";
constexpr const char* kSetMailSender = "UPDATE orgs SET mail_from = $2, mail_from_name = $3 WHERE id = $1";
constexpr const char* kSetMailIn = "UPDATE orgs SET mail_in = $2 WHERE id = $1";
constexpr const char* kInsertOrg = "INSERT INTO orgs (id, name, created_at) VALUES ($1, $2, $3)";
constexpr const char* kInsertProcedure =
    "INSERT INTO procedures (org, version, text, created_at, added_by) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kSelectInForce = "SELECT procedure_version FROM orgs WHERE id = $1";
constexpr const char* kSetInForce = "UPDATE orgs SET procedure_version = $2 WHERE id = $1";
constexpr const char* kInsertActivation =
    "INSERT INTO procedure_activations (org, seq, version, activated_at, activated_by) "
    "SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM procedure_activations WHERE org = $1";
constexpr const char* kSelectVersions =
    "SELECT version, created_at, added_by FROM procedures WHERE org = $1 ORDER BY version";
constexpr const char* kSelectActivations =
    "SELECT version, activated_at, activated_by FROM procedure_activations WHERE org = $1 ORDER BY seq";
constexpr const char* kSelectProcedureText = "SELECT text FROM procedures WHERE org = $1 AND version = $2";
constexpr const char* kSelectLatestVersion =
    "SELECT COALESCE(MAX(version), 0) FROM procedures WHERE org = $1";
// PostgreSQL only.
constexpr const char* kLockOrgPostgres = "SELECT 1 FROM orgs WHERE id = $1 FOR UPDATE";

OrgRecord org_from(const Row& row) {
    return {text(row, 0), text(row, 1), text(row, 2), text(row, 3), text(row, 4)};
}

}  // namespace

void Organisations::set_mail_sender(const std::string& id, const std::string& from, const std::string& name) {
    db_.query(kSetMailSender, {id, from, name});
}

void Organisations::set_mail_in(const std::string& id, const std::string& address) {
    db_.query(kSetMailIn, {id, address});
}

std::optional<OrgRecord> Organisations::get(const std::string& id) {
    return first_row(db_.query(kSelectOrg, {id}), org_from);
}

std::vector<OrgRecord> Organisations::all() {
    std::vector<OrgRecord> out;
    for (const auto& row : db_.query(kSelectOrgs))
        out.push_back(org_from(row));
    return out;
}

void Organisations::insert(const OrgRecord& org, int64_t now) {
    db_.query(kInsertOrg, {org.id, org.name, now});
}

void Organisations::lock(const std::string& org) {
    if (db_.dialect() == Dialect::postgres)
        db_.query(kLockOrgPostgres, {org});
}

int Organisations::add_procedure(const std::string& org, const std::string& procedure_text, int64_t now,
                                 const std::string& added_by) {
    const int version = latest_procedure_version(org) + 1;
    db_.execute(kInsertProcedure, {org, int64_t{version}, procedure_text, now, added_by});
    return version;
}

int Organisations::procedure_in_force(const std::string& org) {
    const auto rows = db_.query(kSelectInForce, {org});
    return rows.empty() ? 0 : static_cast<int>(number(rows.front(), 0));
}

void Organisations::put_in_force(const std::string& org, int version, int64_t now, const std::string& by) {
    db_.execute(kSetInForce, {org, int64_t{version}});
    db_.execute(kInsertActivation, {org, int64_t{version}, now, by});
}

std::vector<ProcedureVersionRecord> Organisations::procedure_versions(const std::string& org) {
    std::vector<ProcedureVersionRecord> out;
    for (const auto& row : db_.query(kSelectVersions, {org}))
        out.push_back({static_cast<int>(number(row, 0)), number(row, 1), text(row, 2), {}});
    for (const auto& row : db_.query(kSelectActivations, {org})) {
        const int version = static_cast<int>(number(row, 0));
        for (auto& v : out)
            if (v.version == version)
                v.activations.push_back({number(row, 1), text(row, 2)});
    }
    return out;
}

std::optional<std::string> Organisations::procedure_text(const std::string& org, int version) {
    return first_row(db_.query(kSelectProcedureText, {org, int64_t{version}}), first_text);
}

int Organisations::latest_procedure_version(const std::string& org) {
    return static_cast<int>(single_number(db_.query(kSelectLatestVersion, {org})));
}

}  // namespace meldpunt::storage
