#pragma once
// Organisations and the versions of their procedure files.
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class Organisations {
  public:
    explicit Organisations(SqlConnection& db) : db_(db) {}

    std::optional<OrgRecord> get(const std::string& id);
    std::vector<OrgRecord> all();  // by id
    void insert(const OrgRecord& org, int64_t now);
    // The address (and name) the organisation's mail is sent from; empty: the server's.
    void set_mail_sender(const std::string& id, const std::string& from, const std::string& name);
    // The address the organisation's mail arrives at (OrgRecord::mail_in); empty: none.
    void set_mail_in(const std::string& id, const std::string& address);

    // Serialises changes to the organisation's accounts until the transaction ends (PostgreSQL:
    // a row lock, across servers; SQLite's write transaction is exclusive already).
    void lock(const std::string& org);

    // Procedure versions start at 1; add_procedure returns the new version number. A version
    // added is not in force until put_in_force names it.
    int add_procedure(const std::string& org, const std::string& text, int64_t now,
                      const std::string& added_by);
    std::optional<std::string> procedure_text(const std::string& org, int version);
    int latest_procedure_version(const std::string& org);  // 0: none yet
    // The version new cases start under (0: none yet), and making `version` that one, kept in the
    // organisation's history of activations.
    int procedure_in_force(const std::string& org);
    void put_in_force(const std::string& org, int version, int64_t now, const std::string& by);
    // Every version, oldest first, each with the times it was put in force.
    std::vector<ProcedureVersionRecord> procedure_versions(const std::string& org);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
