#pragma once
// The register's storage: one interface, two databases (embedded SQLite, PostgreSQL).
//
// All access happens inside transact(): the function runs in one database transaction that is
// committed when it returns and rolled back when it throws. When the database reports a conflict
// another writer caused (busy, serialisation failure, a raced unique key) the whole function is
// run again, so it must not have effects outside the transaction. Once transact() returns, the
// transaction is durable.
//
// Thread-safety: a Store may be shared by all threads; each transaction uses its own connection
// from a pool. Writes from many threads are group-committed (group_commit.hpp): work must not call
// transact() from inside transact().
// Several processes may share one PostgreSQL database: nothing the store relies on lives in memory.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/checkpointer.hpp"
#include "storage/group_commit.hpp"
#include "storage/leadership.hpp"
#include "storage/records.hpp"
#include "storage/sql.hpp"
#include "storage/subscription_cache.hpp"
#include "storage/tx.hpp"

namespace meldpunt::storage {

class Store {
  public:
    // `url`: "postgresql://..." or "postgres://..." for PostgreSQL, otherwise a path to an SQLite file
    // (an optional "sqlite:" prefix is removed). Connects, migrates, and keeps up to `pool_size`
    // connections. Throws StorageError when it cannot.
    static std::unique_ptr<Store> open(const std::string& url, int pool_size = 4);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    void transact(const std::function<void(Tx&)>& work);
    // The same for long background work, apart from the group commit where the database lets
    // writers proceed side by side: on PostgreSQL a transaction of its own connection, so that
    // requests' batches do not queue behind it, nor it behind them (rows it changes are locked
    // until it commits). SQLite has one writer: there it is transact().
    void transact_apart(const std::function<void(Tx&)>& work);
    // How many writes of this process wait for the writer besides the asking one
    // (GroupCommit::waiting): long background work commits what it did and lets them go first.
    size_t writes_waiting() const { return writes_.waiting(); }
    // Whether writes of this process may wait for work of transact_apart, asked from inside it: on
    // SQLite those queued behind it in the group commit; on PostgreSQL, where it is in no batch,
    // any batch queued or running (it may hold rows they need). It then commits what it did.
    bool writes_wait_for_apart_work() const {
        return (dialect_ == Dialect::postgres ? writes_.in_progress() : writes_.waiting()) > 0;
    }
    // The same for work that only reads: it does not wait for writers. Inside a SharedRead of this
    // store on the same thread it joins that scope's transaction.
    void read(const std::function<void(Tx&)>& work);
    Dialect dialect() const { return dialect_; }
    // The key the register's Message-IDs are made with (service/message_id): random, made once per
    // database, kept in it. Also Tx::message_key.
    const std::string& message_key() const { return message_key_; }
    // What this server remembers of the organisations' webhook subscriptions (a change forgets its
    // organisation again once committed: service::WebhookSettings).
    SubscriptionCache& subscriptions() { return subscriptions_; }
    // Whether the database answers (the health check); never throws.
    bool ping();
    // Leadership of `lock` (advisory_locks.hpp) for as long as the result lives, or null when
    // another process holds it. Throws StorageError when the database cannot be reached.
    std::unique_ptr<Leadership> try_lead(int64_t lock);

    // Makes every `read` of `store` on this thread, until the scope ends, one read transaction:
    // one snapshot (a request's authentication and its answer agree) at the cost of one. Only for
    // work that does not write or wait for other threads in between (a request handler that only
    // reads); nested scopes join the outer one. Commits when it ends; an exception escaping a read
    // inside the scope is the caller's to handle, the scope then rolls back.
    class SharedRead {
      public:
        explicit SharedRead(Store& store);
        ~SharedRead();
        SharedRead(const SharedRead&) = delete;
        SharedRead& operator=(const SharedRead&) = delete;

      private:
        Store& store_;
        std::unique_ptr<SqlConnection> connection_;  // null when joining an outer scope
    };

  private:
    friend class SharedRead;
    Store(std::function<std::unique_ptr<SqlConnection>()> connect, int pool_size);
    // One transaction on a pooled connection, run again when it meets a retryable conflict.
    void run(const std::function<void(Tx&)>& work, bool read_only);
    std::unique_ptr<SqlConnection> acquire();
    void release(std::unique_ptr<SqlConnection> connection);

    std::function<std::unique_ptr<SqlConnection>()> connect_;
    Dialect dialect_;
    int pool_size_;
    int open_connections_ = 0;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SqlConnection>> idle_;
    GroupCommit writes_;
    std::string message_key_;
    SubscriptionCache subscriptions_;  // the webhooks' events per organisation (subscription_cache.hpp)
    std::unique_ptr<Checkpointer> checkpointer_;  // SQLite only
};

}  // namespace meldpunt::storage
