#pragma once
// Loaded procedures by organisation and version. Versions are immutable once stored, so a cache
// per process is safe even with several servers on one database.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "loading/procedure_loader.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

class ProcedureRegistry {
  public:
    // The procedure `version` of `org`, loading it through `tx` on first use; null when there is none.
    std::shared_ptr<const loading::LoadedProcedure> get(storage::Tx& tx, const std::string& org, int version);

  private:
    std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const loading::LoadedProcedure>> cache_;
};

}  // namespace meldpunt::service
