#pragma once
// SqlConnection over libpq. Parameters are sent separately from the statement text (never
// interpolated); blobs travel as binary bytea.
#include <memory>
#include <string>

#include "storage/sql.hpp"

namespace meldpunt::storage {

// `url`: a libpq connection string or URI (postgresql://user@host:port/db). Throws StorageError.
std::unique_ptr<SqlConnection> open_postgres(const std::string& url);

}  // namespace meldpunt::storage
