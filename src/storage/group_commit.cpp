#include "storage/group_commit.hpp"

#include <algorithm>

#include "support/background_priority.hpp"

namespace meldpunt::storage {

namespace {

constexpr int kAttempts = 20;

// Both dialects.
constexpr const char* kSavepoint = "SAVEPOINT unit";
constexpr const char* kRelease = "RELEASE unit";
constexpr const char* kRollbackTo = "ROLLBACK TO unit";

bool retryable(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const StorageError& e) {
        return e.retryable();
    } catch (...) {
        return false;
    }
}

}  // namespace

bool GroupCommit::requests_queued() const {
    return std::any_of(queued_.begin(), queued_.end(), [](const PendingWrite* p) { return !p->background; });
}

void GroupCommit::write(const Work& work) {
    const bool background = support::this_thread_is_background();
    PendingWrite me{&work, nullptr, false, background};
    std::unique_lock lock(mutex_);
    for (int attempt = 1;; ++attempt) {
        queued_.push_back(&me);
        waiting_ = queued_.size();
        while (!me.done) {
            // A request thread woken with this one takes the batch (and this unit with it).
            if (batch_running_ || (background && requests_queued())) {
                batch_done_.wait(lock);
                continue;
            }
            batch_running_ = true;
            std::vector<PendingWrite*> batch;
            batch.swap(queued_);
            waiting_ = 0;
            in_batch_ = batch.size();
            lock.unlock();
            run_batch(batch);
            lock.lock();
            in_batch_ = 0;
            for (auto* pending : batch)
                pending->done = true;
            batch_running_ = false;
            batch_done_.notify_all();
        }
        // This unit alone met a concurrent change (e.g. another server's transaction changed the
        // same case first): run it again in a later batch.
        if (!me.error || !retryable(me.error) || attempt == kAttempts)
            break;
        me = PendingWrite{&work, nullptr, false, background};
    }
    if (me.error)
        std::rethrow_exception(me.error);
}

void GroupCommit::run_batch(std::vector<PendingWrite*>& batch) {
    for (auto* pending : batch)
        pending->error = nullptr;
    try {
        transact_([&](Tx& tx) {
            // A retry of the whole transaction (another process held the lock) starts every unit
            // afresh.
            for (auto* pending : batch)
                pending->error = nullptr;
            for (auto* pending : batch) {
                auto& db = tx.connection();
                db.query(kSavepoint, {});
                const auto mark = tx.deferred_mark();
                try {
                    (*pending->work)(tx);
                    db.query(kRelease, {});
                } catch (...) {
                    pending->error = std::current_exception();
                    tx.forget_deferred_since(mark);
                    db.query(kRollbackTo, {});
                    db.query(kRelease, {});
                }
            }
        });
    } catch (...) {
        // The transaction as a whole failed (commit or rollback): every unit in it failed with it.
        for (auto* pending : batch)
            pending->error = std::current_exception();
    }
}

}  // namespace meldpunt::storage
