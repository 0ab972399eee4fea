#pragma once
// The register's storage: one interface, two databases (embedded SQLite, PostgreSQL).
//
// All access happens inside transact(): the function runs in one database transaction that is
// committed when it returns and rolled back when it throws. When the database reports a conflict
// another writer caused (busy, serialisation failure, a raced unique key) the whole function is
// run again, so it must not have effects outside the transaction. Once transact() returns, the
// transaction is durable.
//
// Thread-safety: a Store may be shared by all threads; each transaction uses its own connection.
// On SQLite, writes from many threads are group-committed (see write_batched): work must not call
// transact() from inside transact().
// Several processes may share one PostgreSQL database: nothing the store relies on lives in memory.
#include <algorithm>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/records.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class Tx {
  public:
    explicit Tx(SqlConnection& connection) : db_(connection) {}

    // Writes what the transaction deferred (see below); the Store calls it before committing.
    void finish();
    // For group commit: where a unit's deferred writes begin, and dropping them when it rolls back.
    size_t deferred_mark() const { return pending_text_.size(); }
    void forget_deferred_since(size_t mark) { pending_text_.resize(std::min(mark, pending_text_.size())); }

    std::optional<OrgRecord> org(const std::string& id);
    std::vector<OrgRecord> orgs();
    void insert_org(const OrgRecord& org, int64_t now);

    // Procedure versions start at 1; add_procedure returns the new version number.
    int add_procedure(const std::string& org, const std::string& text, int64_t now);
    std::optional<std::string> procedure_text(const std::string& org, int version);
    int latest_procedure_version(const std::string& org);

    // Serialises changes to the organisation's accounts until the transaction ends (PostgreSQL:
    // a row lock, across servers; SQLite's write transaction is exclusive already).
    void lock_org(const std::string& org);
    void insert_user(const UserRecord& user, int64_t now);
    std::optional<UserRecord> user(const std::string& id);
    std::optional<UserRecord> user_by_email(const std::string& org, const std::string& email);
    // The first (by e-mail) active person holding `role` in `org`, e.g. the director named in a letter.
    std::optional<UserRecord> user_with_role(const std::string& org, const std::string& role);
    void insert_token(const std::string& token_hash, const std::string& user_id, int64_t now);
    void delete_tokens_of(const std::string& user_id);
    // Only an active account's token counts.
    std::optional<UserRecord> user_by_token(const std::string& token_hash);

    void set_password(const std::string& user_id, const std::string& password_hash);
    void grant_role(const std::string& user_id, const RoleGrant& grant);
    void revoke_role(const std::string& user_id, const RoleGrant& grant);
    // nullopt enables the account again.
    void set_disabled(const std::string& user_id, std::optional<int64_t> disabled_at);
    std::vector<UserRecord> users_of(const std::string& org);  // by e-mail

    // Web sessions, by the hash of their token; an expired session is as good as none.
    void insert_session(const std::string& token_hash, const std::string& user_id, int64_t now,
                        int64_t expires_at);
    // Only an active account's session counts.
    std::optional<UserRecord> session_user(const std::string& token_hash, int64_t now);
    void delete_session(const std::string& token_hash);
    void delete_sessions_of(const std::string& user_id);
    void delete_expired_sessions(int64_t now);

    // Failed logins per key (an account, an address), for throttling.
    void record_login_failure(const std::string& key, int64_t at);
    int64_t login_failures_since(const std::string& key, int64_t since);
    void clear_login_failures(const std::string& key);
    void clear_login_failures_at(const std::string& key, int64_t at);
    void forget_login_failures_before(int64_t at);

    // Filings on the public form per client address, for the flood limit.
    void record_public_filing(const std::string& client, int64_t at);
    int64_t public_filings_since(const std::string& client, int64_t since);
    void forget_public_filings_before(int64_t at);

    // A complainant's private link to their case, by the hash of its token.
    void insert_portal_link(const std::string& token_hash, const std::string& org,
                            const std::string& reference, int64_t now);
    std::optional<std::pair<std::string, std::string>> portal_link(const std::string& token_hash);

    // The next number in the organisation's series for `year` (1, 2, ...), shared by every process.
    int64_t next_reference_number(const std::string& org, int year);

    std::optional<StoredCase> get_case(const std::string& org, const std::string& reference);
    std::optional<CaseStamp> case_stamp(const std::string& org, const std::string& reference);
    // `data`, when given, is encode_case(stored.c) made beforehand (outside the transaction); its
    // reference may be empty, as the reference column is authoritative.
    void insert_case(const StoredCase& stored, const std::optional<std::string>& data = std::nullopt);
    // Writes `stored` if the case is still at `expected_version`; returns false (nothing written) if
    // someone else changed it first.
    bool update_case(const StoredCase& stored, int64_t expected_version);
    std::vector<StoredCase> list_cases(const std::string& org, const CaseQuery& query);
    int64_t count_cases();

    std::optional<std::string> idempotent_reference(const std::string& org, const std::string& key);
    void remember_idempotency(const std::string& org, const std::string& key, const std::string& reference);

    void put_document(const DocumentRecord& document, const std::string& content);
    std::vector<DocumentRecord> documents(const std::string& org, const std::string& reference);
    std::optional<std::pair<DocumentRecord, std::string>> document(const std::string& org,
                                                                   const std::string& reference,
                                                                   const std::string& id);

    void insert_letter(const LetterRecord& letter);
    std::vector<LetterRecord> letters(const std::string& org, const std::string& reference);
    // The highest letter number of the case (0 when it has none), without loading the letters.
    int64_t last_letter_seq(const std::string& org, const std::string& reference);

    std::optional<AuditEntry> last_audit();
    void insert_audit(const AuditEntry& entry);
    // Entries in sequence order, `limit` at a time from `after_seq`.
    std::vector<AuditEntry> audit_entries(int64_t after_seq, int limit);
    // Serialises appenders across processes (PostgreSQL advisory lock; SQLite is single-writer).
    void lock_audit();

    SqlConnection& connection() { return db_; }

  private:
    // The register in one part of the due-day order (DuePart::any: every case, in the query's
    // reference order).
    enum class DuePart { any, with_due, without_due };
    std::vector<StoredCase> list_cases_in(const std::string& org, const CaseQuery& q, DuePart part);
    std::vector<RoleGrant> roles_of(const std::string& user_id);
    UserRecord user_from(const Row& row);  // columns kUserColumns
    SqlConnection& db_;
    // SQLite's full-text rows of new cases, written by finish() rather than with their case: FTS5
    // writes out its pending index at every savepoint, and group commit opens one per unit of work.
    // (No work searches for a case it created in the same transaction.)
    struct TextRow {
        std::string org, reference, body;
    };
    std::vector<TextRow> pending_text_;
};

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
    // The same for work that only reads: it does not wait for writers. Inside a SharedRead of this
    // store on the same thread it joins that scope's transaction.
    void read(const std::function<void(Tx&)>& work);
    Dialect dialect() const { return dialect_; }

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
    void run(const std::function<void(Tx&)>& work, bool read_only);
    Store(std::function<std::unique_ptr<SqlConnection>()> connect, int pool_size);
    std::unique_ptr<SqlConnection> acquire();
    void release(std::unique_ptr<SqlConnection> connection);

    std::function<std::unique_ptr<SqlConnection>()> connect_;
    Dialect dialect_;
    int pool_size_;
    int open_connections_ = 0;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SqlConnection>> idle_;
    // Group commit: writers of this process queue here (for SQLite, which has one writer at a time,
    // handing over at once instead of in its sleeping busy handler; for PostgreSQL, taking the
    // audit-chain and reference-series locks once per batch instead of once per write); whoever
    // finds no batch running takes every queued unit of work, runs each in its own savepoint of one
    // transaction, commits once (one fsync for all) and then wakes them. Each caller still returns
    // only after the commit that holds its work, or with its own unit's exception; a unit that
    // failed with a retryable StorageError (a concurrent change) is run again in a later batch.
    struct PendingWrite {
        const std::function<void(Tx&)>* work;
        std::exception_ptr error;
        bool done = false;
    };
    void write_batched(const std::function<void(Tx&)>& work);
    void run_batch(std::vector<PendingWrite*>& batch);
    std::mutex batch_mutex_;
    std::condition_variable batch_done_;
    std::vector<PendingWrite*> queued_;
    bool batch_running_ = false;
    // SQLite: the write-ahead log is copied into the database by a thread of its own, twice a
    // second, so that this copy and its fsync never stall the writer that happens to cross
    // SQLite's own threshold (which stays as a safety net, set high: sqlite_connection.cpp).
    void checkpoint_loop();
    std::thread checkpointer_;
    std::mutex checkpoint_mutex_;
    std::condition_variable checkpoint_wake_;
    bool stopping_ = false;
};

}  // namespace meldpunt::storage
