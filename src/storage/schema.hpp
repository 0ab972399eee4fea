#pragma once
// The database schema as numbered migrations, one text per dialect side by side. A database is
// migrated on open: every migration not yet recorded in schema_migrations runs, in order, each in
// its own transaction. Migrations are only ever appended.
#include <vector>

#include "storage/sql.hpp"

namespace meldpunt::storage {

struct Migration {
    int version;
    const char* sqlite;
    const char* postgres;
};

const std::vector<Migration>& migrations();

// Brings the database behind `connection` up to the newest migration.
void migrate(SqlConnection& connection);

}  // namespace meldpunt::storage
