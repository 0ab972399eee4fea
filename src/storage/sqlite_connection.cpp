#include "storage/sqlite_connection.hpp"

#include <sqlite3.h>

#include <map>
#include <optional>

namespace meldpunt::storage {

namespace {

// "$1" → "?1": one statement text serves both dialects.
std::string to_sqlite_parameters(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    for (size_t i = 0; i < sql.size(); ++i) {
        const bool parameter = sql[i] == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9';
        out += parameter ? '?' : sql[i];
    }
    return out;
}

class SqliteConnection final : public SqlConnection {
  public:
    explicit SqliteConnection(const std::string& path) {
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw StorageError("cannot open " + path + ": " + message, false);
        }
        sqlite3_busy_timeout(db_, 10000);
        // secure_delete: what is deleted (a purged dossier's documents, an erased person's mail) is
        // overwritten in the file, not left in free pages for anyone who reads the file (issue 15).
        // Checkpoints are the Store's background work; SQLite's own (in whichever commit crosses the
        // threshold) remains only as a safety net, at 8000 pages (32 MiB) instead of 1000.
        execute_script(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
            "PRAGMA wal_autocheckpoint=8000; PRAGMA secure_delete=ON;");
    }

    ~SqliteConnection() override {
        for (auto& [sql, statement] : statements_)
            sqlite3_finalize(statement);
        sqlite3_close(db_);
    }

    Dialect dialect() const override { return Dialect::sqlite; }

    // 8 MiB holds a sweep page's changed pages (some 1,100 at 500 cases); measured at 10^6 cases,
    // larger did no better (docs/performance.md, "The sweep's pages").
    void widen_page_cache(bool wide) override {
        if (wide == usual_cache_size_.has_value())
            return;
        // What was set is noted only once the PRAGMA succeeded.
        if (wide) {
            const auto rows = query("PRAGMA cache_size", {});
            const std::string usual = rows.empty() || !rows[0].at(0) ? "-2000" : *rows[0].at(0);
            execute_script("PRAGMA cache_size=-8192");
            usual_cache_size_ = usual;
        } else {
            execute_script("PRAGMA cache_size=" + *usual_cache_size_);
            usual_cache_size_.reset();
        }
    }

    std::vector<Row> query(std::string_view sql, const std::vector<SqlValue>& params) override {
        sqlite3_stmt* statement = bound(sql, params);
        std::vector<Row> rows;
        while (true) {
            const int rc = sqlite3_step(statement);
            if (rc == SQLITE_DONE)
                break;
            if (rc != SQLITE_ROW) {
                sqlite3_reset(statement);
                fail(rc);
            }
            Row row;
            const int columns = sqlite3_column_count(statement);
            for (int c = 0; c < columns; ++c) {
                if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
                    row.emplace_back(std::nullopt);
                } else {
                    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, c));
                    row.emplace_back(std::string(data ? data : "",
                                                 static_cast<size_t>(sqlite3_column_bytes(statement, c))));
                }
            }
            rows.push_back(std::move(row));
        }
        sqlite3_reset(statement);
        return rows;
    }

    int64_t execute(std::string_view sql, const std::vector<SqlValue>& params) override {
        sqlite3_stmt* statement = bound(sql, params);
        int rc;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        }
        sqlite3_reset(statement);
        if (rc != SQLITE_DONE)
            fail(rc);
        return sqlite3_changes64(db_);
    }

    void execute_script(std::string_view sql) override {
        char* error = nullptr;
        const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
        if (rc != SQLITE_OK) {
            const std::string message = error ? error : sqlite3_errstr(rc);
            sqlite3_free(error);
            throw StorageError(message, rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        }
    }

    // IMMEDIATE: take the write lock at the start, so two writers never deadlock half-way.
    // Through the statement cache: a request's transaction should not compile its BEGIN and COMMIT.
    void begin(bool read_only) override { query(read_only ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", {}); }
    void commit() override { query("COMMIT", {}); }
    void rollback() override {
        if (!sqlite3_get_autocommit(db_))
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }

  private:
    std::optional<std::string> usual_cache_size_;  // while widened: the size to go back to

    // The cached statement for `sql`, reset and bound to `params`.
    sqlite3_stmt* bound(std::string_view sql, const std::vector<SqlValue>& params) {
        sqlite3_stmt* statement = prepare(sql);
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        for (size_t i = 0; i < params.size(); ++i)
            bind(statement, static_cast<int>(i + 1), params[i]);
        return statement;
    }

    sqlite3_stmt* prepare(std::string_view sql) {
        const std::string key(sql);
        if (auto it = statements_.find(key); it != statements_.end())
            return it->second;
        const std::string text = to_sqlite_parameters(sql);
        sqlite3_stmt* statement = nullptr;
        const int rc =
            sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &statement, nullptr);
        if (rc != SQLITE_OK)
            fail(rc);
        statements_.emplace(key, statement);
        return statement;
    }

    static void bind(sqlite3_stmt* statement, int index, const SqlValue& value) {
        if (std::holds_alternative<std::monostate>(value)) {
            sqlite3_bind_null(statement, index);
        } else if (const auto* number = std::get_if<int64_t>(&value)) {
            sqlite3_bind_int64(statement, index, *number);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                              SQLITE_TRANSIENT);
        } else {
            const auto& blob = std::get<Blob>(value).bytes;
            sqlite3_bind_blob(statement, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
        }
    }

    [[noreturn]] void fail(int rc) {
        const int primary = rc & 0xff;
        throw StorageError(sqlite3_errmsg(db_), primary == SQLITE_BUSY || primary == SQLITE_LOCKED);
    }

    sqlite3* db_ = nullptr;
    std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path) {
    // Meldpunt reads no SQLite memory statistics; keeping them takes a process-wide mutex on every
    // allocation. Must precede SQLite's initialisation, hence before the first connection.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    return std::make_unique<SqliteConnection>(path);
}

}  // namespace meldpunt::storage
