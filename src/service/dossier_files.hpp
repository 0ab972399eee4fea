#pragma once
// Who may add files to a case's dossier, and how many (issue 15): anyone who could see a case, and
// the complainant after closing, could add files without end. Nobody adds files to a closed case
// (its dossier is complete: it is kept, then anonymised, as it was). The complainant adds at most
// kMaxComplainantFiles files and kMaxComplainantBytes in all while it is open; staff add files
// while they take part in the case: as its handler, or holding a role that may take a step of the
// procedure in the stage it is in. A party who sees only what is shared (the person it is about)
// adds none. Mail that arrives is kept whatever this says (mail_intake.hpp): it is what arrived.
//
// Across cases, complainants from one client address upload at most kMaxPublicUploadBytes in
// kPublicUploadWindowSeconds (the public form files ten cases an hour per address, each of which
// would otherwise take its own quota).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "service/case_service.hpp"

namespace meldpunt::service {

inline constexpr size_t kMaxComplainantFiles = 30;
inline constexpr size_t kMaxComplainantBytes = 60 * 1024 * 1024;

inline constexpr int64_t kMaxPublicUploadBytes = 200 * 1024 * 1024;
inline constexpr int64_t kPublicUploadWindowSeconds = 24 * 3600;

// A refusal when `who` may not add `files` files of `bytes` in all to `record`'s dossier now.
std::optional<ServiceError> refuse_files(const Principal& who, const CaseRecord& record, size_t files,
                                         size_t bytes);

// For a complainant: counts `bytes` against their client address in `tx`, or refuses them when the
// address's quota would be exceeded. Nothing for staff.
std::optional<ServiceError> count_public_upload(storage::Tx& tx, const Principal& who, size_t bytes,
                                                std::chrono::sys_seconds now);

}  // namespace meldpunt::service
