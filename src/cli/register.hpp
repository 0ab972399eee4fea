#pragma once
// How the commands open the register: the database at a URL (a SQLite file's folder made when
// missing), and, for a command that may append to the audit trail, the chain's key
// (service/audit_key.hpp): used when given, required when the chain is keyed.
#include <memory>
#include <string>

#include "storage/store.hpp"

namespace meldpunt::cli {

// The database alone, for a command that does not append to the audit trail.
std::unique_ptr<storage::Store> open_store(const std::string& url, int pool = 4);

// The database with the audit chain's key from `audit_key_file` (empty: none). Throws
// std::invalid_argument when the key file is unusable or the chain is keyed and no key is given.
std::unique_ptr<storage::Store> open_register(const std::string& url, const std::string& audit_key_file,
                                              int pool = 4);

// $MELDPUNT_AUDIT_KEY_FILE, or "".
std::string audit_key_file_from_environment();

}  // namespace meldpunt::cli
