#pragma once
// Many rows as one parameter, for PostgreSQL: a page of the sweep writes hundreds of effects and
// messages, and each statement there is a round trip to the server (docs/performance.md, "The
// sweep in a few statements"). The rows travel as one JSON array of arrays; the statement reads
// them with kRowsFromParameter and takes column i of a row as `r.value ->> i` (text; CAST it for
// numbers). `r.n` is the row's position, from 1, for ORDER BY and for telling which rows a
// statement changed.
//
// SQLite has no round trips (it runs in the process, each statement prepared once), so its
// batches stay one statement per row.
#include <string>
#include <vector>

#include "storage/sql.hpp"

namespace meldpunt::storage {

inline constexpr const char* kRowsFromParameter =
    "jsonb_array_elements(CAST($1 AS jsonb)) WITH ORDINALITY AS r(value, n)";

// The rows as the parameter kRowsFromParameter reads: text as JSON strings, numbers as numbers,
// NULL as null. Throws StorageError (not retryable) for a blob or for text that is not UTF-8,
// neither of which a PostgreSQL text column takes.
std::string rows_parameter(const std::vector<std::vector<SqlValue>>& rows);

}  // namespace meldpunt::storage
