#pragma once
// An improvement measure as JSON for the API (docs/api.md, "Improvement measures").
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/measure/measure.hpp"

namespace meldpunt::render {

// `steps`: those the reader may take now; `overdue`: decided or in progress and past its due day.
nlohmann::ordered_json measure_json(const std::string& org, const measure::Measure& m, int64_t version,
                                    bool overdue, const std::vector<measure::Step>& steps);

}  // namespace meldpunt::render
