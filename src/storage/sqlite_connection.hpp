#pragma once
// SqlConnection over an SQLite 3 database file in WAL mode with synchronous=FULL: a committed
// transaction survives a crash of the process or the machine.
#include <memory>
#include <string>

#include "storage/sql.hpp"

namespace meldpunt::storage {

// Opens (creating if needed) the database at `path`. Throws StorageError when it cannot.
std::unique_ptr<SqlConnection> open_sqlite(const std::string& path);

}  // namespace meldpunt::storage
