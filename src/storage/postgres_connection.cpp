#include "storage/postgres_connection.hpp"

#include <cstdlib>

#include <libpq-fe.h>

#include <cstring>
#include <unordered_map>

namespace meldpunt::storage {

namespace {

// SQLSTATEs a new attempt of the transaction can resolve.
bool retryable_state(const char* state) {
    if (!state)
        return false;
    return std::strcmp(state, "40001") == 0 ||  // serialization_failure
           std::strcmp(state, "40P01") == 0 ||  // deadlock_detected
           std::strcmp(state, "23505") == 0;    // unique_violation (raced by another writer)
}

// A connection attempt gives up after 5 seconds unless the URL says otherwise.
std::string with_timeout(const std::string& url) {
    if (url.find("connect_timeout") != std::string::npos)
        return url;
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
}

class PostgresConnection final : public SqlConnection {
  public:
    explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(with_timeout(url).c_str())) {
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            const std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);
            throw StorageError("cannot connect to PostgreSQL: " + message, false);
        }
        execute_script("SET client_min_messages = warning");
    }
    ~PostgresConnection() override { PQfinish(conn_); }

    Dialect dialect() const override { return Dialect::postgres; }
    bool healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }

    std::vector<Row> query(std::string_view sql, const std::vector<SqlValue>& params) override {
        PGresult* result = run(sql, params);
        std::vector<Row> rows;
        const int n = PQntuples(result), columns = PQnfields(result);
        for (int r = 0; r < n; ++r) {
            Row row;
            for (int c = 0; c < columns; ++c) {
                if (PQgetisnull(result, r, c)) {
                    row.emplace_back(std::nullopt);
                } else {
                    row.emplace_back(decode(result, r, c));
                }
            }
            rows.push_back(std::move(row));
        }
        PQclear(result);
        return rows;
    }

    int64_t execute(std::string_view sql, const std::vector<SqlValue>& params) override {
        PGresult* result = run(sql, params);
        const char* affected = PQcmdTuples(result);  // "" for a statement that counts no rows
        const int64_t n = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
        PQclear(result);
        return n;
    }

    void execute_script(std::string_view sql) override {
        PGresult* result = PQexec(conn_, std::string(sql).c_str());
        check(result);
        PQclear(result);
    }

    void begin(bool read_only) override {
        execute_script(read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                 : "BEGIN ISOLATION LEVEL READ COMMITTED");
    }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {
            PGresult* result = PQexec(conn_, "ROLLBACK");
            PQclear(result);
        }
    }

  private:
    // Runs `sql` with `params` (prepared once per connection where it can be); the result is
    // checked and the caller's to clear.
    PGresult* run(std::string_view sql, const std::vector<SqlValue>& params) {
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            const SqlValue& p = params[i];
            if (std::holds_alternative<std::monostate>(p)) {
                values[i] = nullptr;
                continue;
            }
            if (const auto* number = std::get_if<int64_t>(&p)) {
                texts[i] = std::to_string(*number);
            } else if (const auto* text = std::get_if<std::string>(&p)) {
                texts[i] = *text;
            } else {
                texts[i] = std::get<Blob>(p).bytes;
                formats[i] = 1;  // binary bytea
            }
            values[i] = texts[i].data();
            lengths[i] = static_cast<int>(texts[i].size());
        }
        const std::string* name = prepared(sql, static_cast<int>(params.size()));
        PGresult* result =
            name ? PQexecPrepared(conn_, name->c_str(), static_cast<int>(params.size()), values.data(),
                                  lengths.data(), formats.data(), 1 /* binary results */)
                 : PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(params.size()), nullptr,
                                values.data(), lengths.data(), formats.data(), 1);
        check(result);
        return result;
    }

    // Binary results: integers arrive big-endian, text and bytea as raw bytes.
    static std::string decode(PGresult* result, int r, int c) {
        const char* data = PQgetvalue(result, r, c);
        const int length = PQgetlength(result, r, c);
        const Oid type = PQftype(result, c);
        auto big_endian = [&](int bytes) {
            int64_t value = 0;
            for (int i = 0; i < bytes; ++i)
                value = (value << 8) | static_cast<unsigned char>(data[i]);
            if (bytes < 8 && (static_cast<unsigned char>(data[0]) & 0x80))
                value -= int64_t{1} << (8 * bytes);
            return std::to_string(value);
        };
        switch (type) {
            case 20:
                return big_endian(8);  // int8
            case 23:
                return big_endian(4);  // int4
            case 21:
                return big_endian(2);  // int2
            case 16:
                return data[0] ? "1" : "0";  // bool
            default:
                return std::string(data, static_cast<size_t>(length));
        }
    }

    void check(PGresult* result) {
        const auto status = PQresultStatus(result);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            return;
        const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        const std::string message = PQresultErrorMessage(result);
        const bool retry = retryable_state(state);
        PQclear(result);
        // A lost connection is not repaired here (that would block an I/O thread); the pool drops it
        // and the transaction is retried on a fresh one.
        throw StorageError(message, retry || PQstatus(conn_) == CONNECTION_BAD);
    }

    // Statements are prepared once per connection (parse and plan once, run many times). The cache
    // is bounded: the register's filter combinations are few, but never trust "few" with memory.
    const std::string* prepared(std::string_view sql, int parameter_count) {
        const std::string key(sql);
        if (auto it = prepared_.find(key); it != prepared_.end())
            return &it->second;
        if (prepared_.size() >= kMaxPrepared)
            return nullptr;
        std::string name = "m" + std::to_string(prepared_.size() + 1);
        PGresult* result = PQprepare(conn_, name.c_str(), key.c_str(), parameter_count, nullptr);
        check(result);
        PQclear(result);
        return &prepared_.emplace(key, std::move(name)).first->second;
    }

    static constexpr size_t kMaxPrepared = 256;
    PGconn* conn_;
    std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgres(const std::string& url) {
    return std::make_unique<PostgresConnection>(url);
}

}  // namespace meldpunt::storage
