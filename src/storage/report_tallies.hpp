#pragma once
// The register's tallies for the reports (domain/report/tally.hpp): per organisation, month of
// receipt, dimension and value, how many cases count there. Changed with every case written, by
// the difference between what the case counted under before and after (Cases::insert, update), and
// read a period at a time by the reports.
//
// The changes of a transaction are gathered and written at its end, summed per key and in the
// keys' order: a batch of group commit writes each row once however many of its cases count there,
// and two transactions change rows in the same order (no deadlock between them on PostgreSQL).
#include <cstddef>
#include <string>
#include <vector>

#include "domain/report/tally.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class ReportTallies {
  public:
    explicit ReportTallies(SqlConnection& db) : db_(db) {}

    // Adds `changes` to the tallies of `org` when the transaction ends (write_deferred).
    void change(const std::string& org, const std::vector<report::Tally>& changes);
    // Every tally of `org` with a month in [first_month, last_month] ("2027-01"), as written.
    std::vector<report::Tally> in_months(const std::string& org, const std::string& first_month,
                                         const std::string& last_month);

    // The gathered changes; the Tx calls it before committing.
    void write_deferred();
    // For group commit: where a unit's changes begin, and dropping them when it rolls back.
    size_t deferred_mark() const { return pending_.size(); }
    void forget_deferred_since(size_t mark);

  private:
    struct Pending {
        std::string org;
        report::Tally tally;
    };
    SqlConnection& db_;
    std::vector<Pending> pending_;
};

}  // namespace meldpunt::storage
