#pragma once
// Group commit: writers of this process queue here (for SQLite, which has one writer at a time,
// handing over at once instead of in its sleeping busy handler; for PostgreSQL, taking the
// audit-chain and reference-series locks once per batch instead of once per write); whoever
// finds no batch running takes every queued unit of work, runs each in its own savepoint of one
// transaction, commits once (one fsync for all) and then wakes them. Each caller still returns
// only after the commit that holds its work, or with its own unit's exception; a unit that
// failed with a retryable StorageError (a concurrent change) is run again in a later batch.
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "storage/tx.hpp"

namespace meldpunt::storage {

class GroupCommit {
  public:
    using Work = std::function<void(Tx&)>;
    // `transact` runs its argument in one write transaction and commits it (Store::run).
    explicit GroupCommit(std::function<void(const Work&)> transact) : transact_(std::move(transact)) {}

    // Runs `work` in the next batch; returns once that batch committed, or throws what `work`
    // (or the batch's commit) threw.
    void write(const Work& work);

  private:
    struct PendingWrite {
        const Work* work;
        std::exception_ptr error;
        bool done = false;
    };
    void run_batch(std::vector<PendingWrite*>& batch);

    std::function<void(const Work&)> transact_;
    std::mutex mutex_;
    std::condition_variable batch_done_;
    std::vector<PendingWrite*> queued_;
    bool batch_running_ = false;
};

}  // namespace meldpunt::storage
