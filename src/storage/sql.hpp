#pragma once
// The small seam between Meldpunt's storage code and a SQL database. One statement text serves
// both dialects: parameters are written $1, $2 ... (PostgreSQL's form; the SQLite connection
// rewrites them to ?1, ?2 ...). Each table's file (accounts.cpp, cases.cpp ...) opens with its
// statements as named constants, marked "both dialects" or naming the one they are for; the
// schema's migrations (schema.cpp) are written once per dialect.
//
// Thread-safety: a connection is used by one thread at a time (the pool in store.hpp hands them out).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace meldpunt::storage {

enum class Dialect { sqlite, postgres };

struct Blob {
    std::string bytes;
};

using SqlValue = std::variant<std::monostate, int64_t, std::string, Blob>;

// A result row: each column as text (blobs as raw bytes), NULL as nullopt.
using Row = std::vector<std::optional<std::string>>;

// A database error. `retryable` is set for conflicts that a fresh attempt of the whole
// transaction can resolve (SQLite busy, PostgreSQL serialization failure or deadlock, a unique
// violation raced by another writer).
class StorageError : public std::runtime_error {
  public:
    StorageError(const std::string& message, bool retryable)
        : std::runtime_error(message), retryable_(retryable) {}
    bool retryable() const { return retryable_; }

  private:
    bool retryable_;
};

class SqlConnection {
  public:
    virtual ~SqlConnection() = default;
    virtual Dialect dialect() const = 0;
    // Runs one statement; returns the rows it yields (none for most writes without RETURNING).
    virtual std::vector<Row> query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
    // Runs one statement that yields no rows; returns how many rows it inserted, changed or
    // deleted. Cheaper than RETURNING where only "did it happen?" counts (SQLite builds RETURNING's
    // rows in a temporary table: the sweep spent half its time there).
    virtual int64_t execute(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
    // Runs several statements without parameters (migrations).
    virtual void execute_script(std::string_view sql) = 0;
    // Starts a transaction. A read-only one takes no write lock (SQLite: deferred; PostgreSQL: READ ONLY).
    virtual void begin(bool read_only = false) = 0;
    // False once the connection to the server is lost: the pool then discards it.
    virtual bool healthy() const { return true; }
    virtual void commit() = 0;
    virtual void rollback() = 0;
    // A transaction that changes thousands of pages (a page of the sweep) keeps them in memory
    // until it commits (`wide`), instead of writing the ones that no longer fit into the log in
    // mid-transaction and again at the commit; the connection's usual cache comes back with
    // `wide` false. SQLite only: PostgreSQL's buffers are the server's.
    virtual void widen_page_cache(bool /*wide*/) {}
};

}  // namespace meldpunt::storage
