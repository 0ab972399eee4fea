#pragma once
// Backups of the embedded register (issue 15). SQLite copies a consistent snapshot of a database
// that is being served (VACUUM INTO: one read transaction, writers go on meanwhile) into a new file
// only its owner may read (it holds every dossier); a restore checks that a file is a Meldpunt
// register that SQLite finds intact and copies it to a new place, where the next start migrates it.
// PostgreSQL has its own tools (pg_dump, or a base backup with WAL archiving for point-in-time
// recovery: README, "Backups").
#include <string>

namespace meldpunt::storage {

// Copies the register at `url` (an SQLite file) to the new file `to`. Throws StorageError when `url`
// is PostgreSQL's, when `to` exists, or when SQLite cannot; a failed copy leaves no file at `to`.
void back_up(const std::string& url, const std::string& to);

// Puts the backup `from` in place as the new register file `to` (a path, or "sqlite:" and a path).
// Throws StorageError when `to` exists or is PostgreSQL's, or `from` is no intact Meldpunt register.
void restore(const std::string& from, const std::string& to);

}  // namespace meldpunt::storage
