#include "service/dossier_files.hpp"

#include "domain/procedure/builtin_roles.hpp"
#include "service/case_steps.hpp"

namespace meldpunt::service {

std::optional<ServiceError> refuse_files(const Principal& who, const CaseRecord& record, size_t files,
                                         size_t bytes) {
    if (files == 0)
        return std::nullopt;
    const cases::Case& c = record.stored.state;
    if (c.closed_on || c.anonymised_on)
        return ServiceError::with_message(ErrorKind::conflict, "case_closed", "api.files_case_closed");
    if (!who.complainant_of.empty()) {
        size_t count = files, total = bytes;
        for (const auto& d : record.documents)
            if (d.uploaded_by == procedure::kComplainantRole) {
                ++count;
                total += static_cast<size_t>(d.size);
            }
        if (count > kMaxComplainantFiles || total > kMaxComplainantBytes)
            return ServiceError::with_message(
                ErrorKind::payload_too_large, "files_quota", "api.files_quota",
                {std::to_string(kMaxComplainantFiles), std::to_string(kMaxComplainantBytes / (1024 * 1024))});
        return std::nullopt;
    }
    if (record.shared_documents_only)
        return ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.files_not_yours");
    if (c.handler == who.email)
        return std::nullopt;
    const cases::Engine engine(record.procedure->procedure, record.procedure->calendar);
    if (engine.available_actions(c, actor_for(who, c)).empty())
        return ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.files_not_yours");
    return std::nullopt;
}

}  // namespace meldpunt::service
