#include "service/dossier_files.hpp"

#include "domain/calendar/instant.hpp"
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

namespace {

std::optional<ServiceError> over_public_quota(storage::Tx& tx, const std::string& client, size_t bytes,
                                              int64_t at) {
    const int64_t taken = tx.throttling.public_upload_bytes_since(client, at - kPublicUploadWindowSeconds);
    if (taken + static_cast<int64_t>(bytes) <= kMaxPublicUploadBytes)
        return std::nullopt;
    return ServiceError::with_message(ErrorKind::too_many_requests, "upload_quota", "api.upload_quota",
                                      {std::to_string(kMaxPublicUploadBytes / (1024 * 1024))});
}

}  // namespace

std::optional<ServiceError> count_public_upload(storage::Tx& tx, const Principal& who, size_t bytes,
                                                std::chrono::sys_seconds now) {
    if (who.complainant_of.empty() || bytes == 0)
        return std::nullopt;
    const int64_t at = calendar::unix_seconds(now);
    tx.throttling.forget_public_uploads_before(at - kPublicUploadWindowSeconds);
    if (auto refused = over_public_quota(tx, who.client, bytes, at))
        return refused;
    tx.throttling.record_public_upload(who.client, static_cast<int64_t>(bytes), at);
    return std::nullopt;
}

std::optional<ServiceError> CaseService::refuse_public_upload(const std::string& client, size_t bytes,
                                                              std::chrono::sys_seconds now) {
    std::optional<ServiceError> refused;
    store_.read([&](storage::Tx& tx) {
        refused = over_public_quota(tx, client, bytes, calendar::unix_seconds(now));
    });
    return refused;
}

}  // namespace meldpunt::service
