#pragma once
// What the sweep has carried out for each case: one row per effect key (cases::Effect), written in
// the transaction that reviewed the case. The primary key makes "record it" and "was it new?" one
// statement, so that reviewing a case twice, on two servers at once, or after a crash, does every
// effect once.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case/effect.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

struct EffectRecord {
    std::string reference, key, kind, deadline;
    calendar::Day due{}, on{};
    int64_t recorded_at = 0;
    bool told = true;  // false: nobody could be told (no active account holds the role)
};

// An effect to record for a case, and whether anybody was told of it.
struct EffectToRecord {
    std::string org, reference;
    cases::Effect effect;
    bool told = true;
};

class EffectLog {
  public:
    explicit EffectLog(SqlConnection& db) : db_(db) {}

    // Records `effect` for the case, and whether anybody was told of it; false when it was
    // recorded before (nothing written).
    bool record(const std::string& org, const std::string& reference, const cases::Effect& effect, int64_t at,
                bool told = true);
    // Records each of `effects` as above; returns, in their order, whether each was new. One
    // statement on PostgreSQL (rows_parameter.hpp).
    std::vector<bool> record(const std::vector<EffectToRecord>& effects, int64_t at);
    std::vector<EffectRecord> of_case(const std::string& org, const std::string& reference);
    // The organisation's newest effects that reached nobody, at most `limit`.
    std::vector<EffectRecord> untold_of(const std::string& org, int limit);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
