#include "service/procedure_registry.hpp"

namespace meldpunt::service {

std::shared_ptr<const loading::LoadedProcedure> ProcedureRegistry::get(storage::Tx& tx,
                                                                       const std::string& org, int version) {
    const auto key = std::pair{org, version};
    {
        std::lock_guard lock(mutex_);
        if (auto it = cache_.find(key); it != cache_.end())
            return it->second;
    }
    auto text = tx.orgs.procedure_text(org, version);
    if (!text)
        return nullptr;
    // Stored versions were validated when they were added; one stored before the size bounds
    // existed still loads.
    auto result = loading::load_procedure_text(*text, procedure_file::SizeBounds::unchecked);
    if (!result.loaded)
        return nullptr;
    std::shared_ptr<const loading::LoadedProcedure> loaded = std::move(result.loaded);
    std::lock_guard lock(mutex_);
    return cache_.emplace(key, loaded).first->second;
}

}  // namespace meldpunt::service
