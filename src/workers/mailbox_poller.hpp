#pragma once
// Mail in by IMAP inside `meldpunt serve` (issue 14): every `interval`, while this server leads
// (on PostgreSQL one server of those sharing the database), each organisation's mailbox is read:
// every message not taken in yet is handed to CaseService::receive_mail and marked on the server
// only after it is committed. A database that is away leaves the message unmarked for the next
// pass; the register takes each Message-ID in once, so a message fetched twice is one.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "service/case_service.hpp"
#include "storage/store.hpp"
#include "support/periodic.hpp"

namespace meldpunt::workers {

struct PollReport {
    int mailboxes = 0;  // read this pass
    int taken = 0;      // messages handed to the register and marked
    int failed =
        0;  // mailboxes that could not be read, or not all of it (the reason is on the administration page)
};

// At most this many messages per mailbox and pass: a full mailbox is worked through over passes.
inline constexpr size_t kPollBatch = 200;

// One pass over every organisation's mailbox at the clock's "now". `ca_file`: authorities for the
// servers' certificates ("": the system's). `stop` is asked between messages.
PollReport poll_mailboxes(storage::Store& store, service::CaseService& cases,
                          const std::function<std::chrono::sys_seconds()>& clock, const std::string& ca_file,
                          const std::function<bool()>& stop = {});

class MailboxPoller {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    MailboxPoller(storage::Store& store, service::CaseService& cases, std::string ca_file, Clock clock,
                  std::chrono::milliseconds interval);

  private:
    void pass();

    storage::Store& store_;
    service::CaseService& cases_;
    std::string ca_file_;
    Clock clock_;
    std::unique_ptr<storage::Leadership> leadership_;
    support::Periodic loop_;  // last: stopped first, before the members its passes use
};

}  // namespace meldpunt::workers
