#pragma once
// One database transaction, as the services see it: the register's tables grouped by what they
// keep, each with its own SQL (organisations.cpp, accounts.cpp, cases.cpp, dossier.cpp,
// audit_table.cpp, throttling.cpp, effect_log.cpp, outbox.cpp, issued_reports.cpp, measures.cpp,
// report_tallies.cpp, incoming_mail.cpp, retention.cpp, access_log_table.cpp,
// subject_requests.cpp, webhooks.cpp). A Tx is
// made by the Store (store.hpp) for the work it runs.
#include <cstddef>
#include <string>

#include "storage/access_log_table.hpp"
#include "storage/accounts.hpp"
#include "storage/audit_table.hpp"
#include "storage/cases.hpp"
#include "storage/dossier.hpp"
#include "storage/effect_log.hpp"
#include "storage/incoming_mail.hpp"
#include "storage/issued_reports.hpp"
#include "storage/measures.hpp"
#include "storage/organisations.hpp"
#include "storage/outbox.hpp"
#include "storage/report_tallies.hpp"
#include "storage/retention.hpp"
#include "storage/sql.hpp"
#include "storage/subject_requests.hpp"
#include "storage/throttling.hpp"
#include "storage/webhooks.hpp"

namespace meldpunt::storage {

class Tx {
  public:
    Tx(SqlConnection& connection, const std::string& message_key, SubscriptionCache& subscriptions)
        : report_tallies(connection),
          orgs(connection),
          accounts(connection),
          cases(connection, report_tallies),
          dossier(connection),
          audit(connection),
          throttling(connection),
          effects(connection),
          outbox(connection),
          issued_reports(connection),
          measures(connection),
          incoming_mail(connection),
          retention(connection),
          access_log(connection),
          subject_requests(connection),
          webhooks(connection, subscriptions),
          db_(connection),
          message_key_(message_key) {}
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

    ReportTallies report_tallies;  // first: the cases count into it
    Organisations orgs;
    Accounts accounts;
    Cases cases;
    Dossier dossier;
    AuditTable audit;
    Throttling throttling;
    EffectLog effects;
    Outbox outbox;
    IssuedReports issued_reports;
    Measures measures;
    IncomingMail incoming_mail;
    Retention retention;
    AccessLogTable access_log;
    SubjectRequests subject_requests;
    Webhooks webhooks;

    // Writes what the transaction deferred (Cases::write_deferred); the Store calls it before
    // committing.
    void finish() {
        cases.write_deferred();
        report_tallies.write_deferred();
    }
    // For group commit: where a unit's deferred writes begin, and dropping them when it rolls back.
    struct DeferredMark {
        size_t text = 0, tallies = 0;
    };
    DeferredMark deferred_mark() const { return {cases.deferred_mark(), report_tallies.deferred_mark()}; }
    void forget_deferred_since(DeferredMark mark) {
        cases.forget_deferred_since(mark.text);
        report_tallies.forget_deferred_since(mark.tallies);
    }

    // This transaction will change thousands of pages: they stay in memory until the Tx ends
    // (SqlConnection::widen_page_cache; the sweep: docs/performance.md, "The sweep's pages"). The
    // Tx must end before its connection goes back to the pool (Store::run).
    void expect_many_pages();

    // Asks the database for an answer (the health check).
    void ping() { db_.query("SELECT 1"); }

    SqlConnection& connection() { return db_; }
    // The key of the register's Message-IDs (Store::message_key).
    const std::string& message_key() const { return message_key_; }

  private:
    SqlConnection& db_;
    const std::string& message_key_;
    bool wide_ = false;
};

}  // namespace meldpunt::storage
