#pragma once
// Group commit: writers of this process queue here (for SQLite, which has one writer at a time,
// handing over at once instead of in its sleeping busy handler; for PostgreSQL, taking the
// audit-chain and reference-series locks once per batch instead of once per write); whoever
// finds no batch running takes every queued unit of work, runs each in its own savepoint of one
// transaction, commits once (one fsync for all) and then wakes them. Each caller still returns
// only after the commit that holds its work, or with its own unit's exception; a unit that
// failed with a retryable StorageError (a concurrent change) is run again in a later batch.
//
// Background work (the sweep, on a thread of lower priority: support/background_priority) never
// runs the batch while a request's write waits in it: a request thread takes the batch, so that
// the request's write does not proceed at the background thread's pace. Long background work
// asks waiting() between its steps and commits early when requests wait (service/sweep).
#include <atomic>
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

    // How many units of others wait for the writer, asked from inside a unit: those queued for the
    // next batch and the others in the running one, which commit with the asker's (a hint: it
    // changes as soon as it is read).
    size_t waiting() const {
        const size_t in_batch = in_batch_.load(std::memory_order_relaxed);
        return waiting_.load(std::memory_order_relaxed) + (in_batch > 0 ? in_batch - 1 : 0);
    }
    // How many units are queued or in the running batch, asked from outside the group commit (work
    // of Store::transact_apart, which may hold rows they need: a hint as well).
    size_t in_progress() const {
        return waiting_.load(std::memory_order_relaxed) + in_batch_.load(std::memory_order_relaxed);
    }

  private:
    struct PendingWrite {
        const Work* work;
        std::exception_ptr error;
        bool done = false;
        bool background = false;
    };
    bool requests_queued() const;  // with mutex_ held
    void run_batch(std::vector<PendingWrite*>& batch);

    std::function<void(const Work&)> transact_;
    std::mutex mutex_;
    std::condition_variable batch_done_;
    std::vector<PendingWrite*> queued_;
    std::atomic<size_t> waiting_{0};   // queued_.size(), readable without the mutex
    std::atomic<size_t> in_batch_{0};  // units in the running batch
    bool batch_running_ = false;
};

}  // namespace meldpunt::storage
