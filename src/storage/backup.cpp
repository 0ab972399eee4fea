#include "storage/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "storage/sql.hpp"

namespace meldpunt::storage {

namespace {

// An SQLite handle that is closed however the work ends.
class Handle {
  public:
    Handle(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw StorageError("cannot open " + path + ": " + message, false);
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~Handle() { sqlite3_close(db_); }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    void run(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : sqlite3_errmsg(db_);
            sqlite3_free(error);
            throw StorageError(message, false);
        }
    }
    // The first column of the first row of `sql`, or empty.
    std::string first(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw StorageError(sqlite3_errmsg(db_), false);
        std::string out;
        if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        sqlite3_finalize(statement);
        return out;
    }

  private:
    sqlite3* db_ = nullptr;
};

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// Copies the database open in `source` into the new file `to`: first into `to`.partial, made empty
// and readable by its owner only, then renamed, so that `to` is either whole or absent.
void copy_into(Handle& source, const std::string& to) {
    if (std::filesystem::exists(to))
        throw StorageError(to + " exists already: a backup or restore never overwrites a file", false);
    const std::string partial = to + ".partial";
    std::filesystem::remove(partial);
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        throw StorageError("cannot create " + partial, false);
    ::close(fd);
    try {
        source.run("VACUUM INTO " + quoted(partial));
    } catch (...) {
        std::filesystem::remove(partial);
        throw;
    }
    std::error_code error;
    std::filesystem::rename(partial, to, error);
    if (error) {
        std::filesystem::remove(partial);
        throw StorageError("cannot rename " + partial + " to " + to + ": " + error.message(), false);
    }
}

}  // namespace

void back_up(const std::string& url, const std::string& to) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
        throw StorageError(
            "meldpunt backup copies an SQLite register; back up PostgreSQL with pg_dump, or a base backup "
            "with "
            "WAL archiving (README, Backups)",
            false);
    const std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (!std::filesystem::is_regular_file(path))
        throw StorageError("there is no register at " + path, false);
    Handle source(path, SQLITE_OPEN_READONLY);
    copy_into(source, to);
}

void restore(const std::string& from, const std::string& to_url) {
    if (to_url.rfind("postgresql://", 0) == 0 || to_url.rfind("postgres://", 0) == 0)
        throw StorageError(
            "meldpunt restore puts back an SQLite register; restore PostgreSQL with pg_restore", false);
    const std::string to = to_url.rfind("sqlite:", 0) == 0 ? to_url.substr(7) : to_url;
    if (!std::filesystem::is_regular_file(from))
        throw StorageError("there is no backup at " + from, false);
    Handle backup(from, SQLITE_OPEN_READONLY);
    std::string check;
    try {
        check = backup.first("PRAGMA integrity_check");
    } catch (const StorageError&) {
        throw StorageError(from + " is not an SQLite database", false);
    }
    if (check != "ok")
        throw StorageError(from + " is damaged: " + check, false);
    if (backup.first("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
            .empty() ||
        backup.first("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit'").empty())
        throw StorageError(from + " is not a Meldpunt register", false);
    copy_into(backup, to);
}

}  // namespace meldpunt::storage
