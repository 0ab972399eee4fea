#pragma once
// Who opened what (issue 15, in the manner of NEN 7513): each time a member of staff opens a case,
// downloads a document or an export, or reads who looked at a case, with when and from which
// address. Openings of one thing by one person from one address within one writing of the log
// (a second) are one row with their count.
#include <cstdint>
#include <string>
#include <vector>

#include "storage/sql.hpp"

namespace meldpunt::storage {

struct AccessRecord {
    std::string org;
    int64_t at = 0;         // the first opening the row counts
    std::string actor;      // the member of staff (e-mail address)
    std::string action;     // case | document | export | access_log
    std::string reference;  // the case, when it is about one
    std::string subject;    // the document's id, the export's name; empty for the case itself
    std::string client;     // the address the request came from
    int64_t count = 1;
};

class AccessLogTable {
  public:
    explicit AccessLogTable(SqlConnection& db) : db_(db) {}

    void insert(const std::vector<AccessRecord>& records);
    // The openings of the case, newest first, at most `limit`.
    std::vector<AccessRecord> of_case(const std::string& org, const std::string& reference, int limit);
    // The organisation's openings from `since` on, newest first, at most `limit`.
    std::vector<AccessRecord> since(const std::string& org, int64_t since, int limit);
    // Deletes the organisation's openings from before `before`; answers how many rows went.
    int64_t forget_before(const std::string& org, int64_t before);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
