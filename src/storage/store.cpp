#include "storage/store.hpp"

#include <chrono>
#include <fstream>
#include <thread>

#include "storage/postgres_connection.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_connection.hpp"

namespace meldpunt::storage {

namespace {

constexpr int kAttempts = 20;
// The database's side of the leader's connection: probe an idle peer after 30 s, every 10 s, give
// up after 6 unanswered probes (PostgreSQL sets these per session; Store::try_lead).
constexpr const char* kLeaderKeepalive =
    "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 6";

// The innermost SharedRead of this thread, with the store and connection it holds.
struct ActiveRead {
    const Store* store = nullptr;
    SqlConnection* connection = nullptr;
};
thread_local ActiveRead active_read;

// 32 bytes from the kernel's random source, as 64 hex digits.
std::string random_hex() {
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    unsigned char bytes[32];
    if (!urandom.read(reinterpret_cast<char*>(bytes), sizeof bytes))
        throw StorageError("cannot read /dev/urandom", false);
    std::string out;
    for (unsigned char b : bytes) {
        static const char* digits = "0123456789abcdef";
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

// The register's secret `name`, made the first time any server needs it (several starting at
// once agree: the first insert wins).
std::string secret(SqlConnection& db, const std::string& name) {
    db.begin(true);
    try {
        const auto rows = db.query("SELECT value FROM secrets WHERE name = $1", {name});
        db.commit();
        if (!rows.empty() && rows[0][0])
            return *rows[0][0];
    } catch (...) {
        db.rollback();
        throw;
    }
    db.begin(false);
    try {
        db.query("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                 {name, random_hex()});
        const auto rows = db.query("SELECT value FROM secrets WHERE name = $1", {name});
        db.commit();
        return rows.at(0).at(0).value_or("");
    } catch (...) {
        db.rollback();
        throw;
    }
}

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& url, int pool_size) {
    std::function<std::unique_ptr<SqlConnection>()> connect;
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        connect = [url] { return open_postgres(url); };
    } else {
        const std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
        connect = [path] { return open_sqlite(path); };
    }
    auto store = std::unique_ptr<Store>(new Store(connect, pool_size));
    auto first = store->acquire();
    store->dialect_ = first->dialect();
    migrate(*first);
    store->message_key_ = secret(*first, "message_id");
    store->release(std::move(first));
    if (store->dialect_ == Dialect::sqlite)
        store->checkpointer_ = std::make_unique<Checkpointer>(connect);
    return store;
}

Store::Store(std::function<std::unique_ptr<SqlConnection>()> connect, int pool_size)
    : connect_(std::move(connect)),
      dialect_(Dialect::sqlite),
      pool_size_(std::max(1, pool_size)),
      writes_([this](const GroupCommit::Work& work) { run(work, false); }) {}

Store::~Store() = default;

std::unique_ptr<SqlConnection> Store::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_connections_ < pool_size_; });
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }
    ++open_connections_;
    lock.unlock();
    try {
        return connect_();
    } catch (...) {
        std::lock_guard relock(mutex_);
        --open_connections_;
        available_.notify_one();
        throw;
    }
}

void Store::release(std::unique_ptr<SqlConnection> connection) {
    std::lock_guard lock(mutex_);
    if (connection->healthy())
        idle_.push_back(std::move(connection));
    else
        --open_connections_;  // dropped; the next acquire opens a fresh one
    available_.notify_one();
}

void Store::transact(const std::function<void(Tx&)>& work) {
    writes_.write(work);
}

void Store::transact_apart(const std::function<void(Tx&)>& work) {
    if (dialect_ == Dialect::postgres)
        run(work, false);
    else
        transact(work);
}

void Store::read(const std::function<void(Tx&)>& work) {
    if (active_read.store == this) {
        Tx tx(*active_read.connection, message_key_, subscriptions_);
        work(tx);
        return;
    }
    run(work, true);
}

bool Store::ping() {
    try {
        read([](Tx& tx) { tx.ping(); });
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

void Store::run(const std::function<void(Tx&)>& work, bool read_only) {
    for (int attempt = 1;; ++attempt) {
        auto connection = acquire();
        try {
            connection->begin(read_only);
            {
                Tx tx(*connection, message_key_, subscriptions_);
                work(tx);
                tx.finish();
            }  // the Tx ends here, while the connection is still this thread's (~Tx uses it)
            connection->commit();
            release(std::move(connection));
            return;
        } catch (const StorageError& error) {
            connection->rollback();
            release(std::move(connection));
            if (!error.retryable() || attempt == kAttempts)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(attempt * 2));
        } catch (...) {
            connection->rollback();
            release(std::move(connection));
            throw;
        }
    }
}

Store::SharedRead::SharedRead(Store& store) : store_(store) {
    if (active_read.store == &store)
        return;  // joins the outer scope
    connection_ = store.acquire();
    try {
        connection_->begin(true);
    } catch (...) {
        store.release(std::move(connection_));
        throw;
    }
    active_read = {&store, connection_.get()};
}

Store::SharedRead::~SharedRead() {
    if (!connection_)
        return;
    active_read = {};
    try {
        connection_->commit();  // a read transaction: ending it cannot lose anything
    } catch (...) {
        connection_->rollback();
    }
    store_.release(std::move(connection_));
}

std::unique_ptr<Leadership> Store::try_lead(int64_t lock) {
    if (dialect_ == Dialect::sqlite)
        return std::make_unique<Leadership>(nullptr, lock);
    auto connection = connect_();
    // A leader whose host dies holds the lock until the database notices the connection is gone:
    // with the system's keepalive defaults about two hours without a sweep, with these about a
    // minute and a half (over TCP; a local socket closes with its process).
    connection->execute_script(kLeaderKeepalive);
    const auto rows = connection->query("SELECT pg_try_advisory_lock($1)::int", {lock});
    if (rows.empty() || !rows.front().at(0) || *rows.front().at(0) != "1")
        return nullptr;
    return std::make_unique<Leadership>(std::move(connection), lock);
}

}  // namespace meldpunt::storage
