#include "workers/mailbox_poller.hpp"

#include <spdlog/spdlog.h>

#include "mail/imap_mailbox.hpp"
#include "storage/advisory_locks.hpp"

namespace meldpunt::workers {

namespace {

// Reads one mailbox; answers how many messages were taken in, and the reason of the last
// message that could not be (it stays on the server for the next pass; the ones after it are read
// all the same). Throws ImapError when the mailbox cannot be read at all, and StorageError when
// the register is away (what is left waits for the next pass).
int poll_one(service::CaseService& cases, const storage::MailboxRecord& m,
             const std::function<std::chrono::sys_seconds()>& clock, const std::string& ca_file,
             const std::function<bool()>& stop, std::string& error) {
    mail::ImapMailbox box({m.url, m.username, m.password, ca_file});
    int taken = 0;
    for (const uint64_t uid : box.waiting(kPollBatch)) {
        if (stop && stop())
            break;
        try {
            // One byte beyond the limit tells the register the message is too large (its head
            // is kept in quarantine) without downloading all of it.
            const auto receipt =
                cases.receive_mail(m.org, box.fetch(uid, service::CaseService::kMaxMailBytes + 1), clock());
            if (receipt.retry_later) {
                error = receipt.reason;  // every message waits on the server until it is set up
                break;
            }
            box.mark_taken_in(uid);
            ++taken;
        } catch (const storage::StorageError&) {
            throw;
        } catch (const std::exception& e) {
            error = "message " + std::to_string(uid) + ": " + e.what();
            spdlog::warn(R"({{"event":"mail_in_message_failed","org":"{}","uid":{},"error":"{}"}})", m.org,
                         uid, e.what());
        }
    }
    return taken;
}

}  // namespace

PollReport poll_mailboxes(storage::Store& store, service::CaseService& cases,
                          const std::function<std::chrono::sys_seconds()>& clock, const std::string& ca_file,
                          const std::function<bool()>& stop) {
    PollReport report;
    std::vector<storage::MailboxRecord> mailboxes;
    store.read([&](storage::Tx& tx) { mailboxes = tx.incoming_mail.mailboxes(); });
    for (const auto& m : mailboxes) {
        if (stop && stop())
            break;
        ++report.mailboxes;
        std::string error;
        try {
            report.taken += poll_one(cases, m, clock, ca_file, stop, error);
            if (!error.empty())
                ++report.failed;
        } catch (const storage::StorageError&) {
            throw;  // the register is away: the next pass tries again
        } catch (const std::exception& e) {
            error = e.what();
            ++report.failed;
        }
        store.transact([&](storage::Tx& tx) {
            tx.incoming_mail.mark_polled(m.org, clock().time_since_epoch().count(), error);
        });
    }
    return report;
}

MailboxPoller::MailboxPoller(storage::Store& store, service::CaseService& cases, std::string ca_file,
                             Clock clock, std::chrono::milliseconds interval)
    : store_(store),
      cases_(cases),
      ca_file_(std::move(ca_file)),
      clock_(std::move(clock)),
      loop_([this] { pass(); }, interval, support::Periodic::Start::at_once,
            support::Periodic::Priority::background) {}

void MailboxPoller::pass() {
    try {
        if (leadership_ && !leadership_->held())
            leadership_.reset();
        if (!leadership_)
            leadership_ = store_.try_lead(storage::kMailboxLock);
        if (!leadership_)
            return;
        const auto report =
            poll_mailboxes(store_, cases_, clock_, ca_file_, [this] { return loop_.stopping(); });
        if (report.taken > 0 || report.failed > 0)
            spdlog::info(R"({{"event":"mail_in","mailboxes":{},"taken":{},"failed":{}}})", report.mailboxes,
                         report.taken, report.failed);
    } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"mail_in_failed","error":"{}"}})", e.what());
    }
}

}  // namespace meldpunt::workers
