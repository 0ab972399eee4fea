#pragma once
// Mail in: every message that arrived, once per organisation and Message-ID, with what became of
// it (the raw bytes kept among the blobs, so that anyone can check what arrived); the cases' reply
// address tokens; and the mailbox the server polls for an organisation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql.hpp"

namespace meldpunt::storage {

struct IncomingMailRecord {
    std::string org;
    // The Message-ID, or for a message without one the hash of its bytes: the same message
    // delivered twice is one message.
    std::string message_key;
    int64_t received_at = 0;
    // case (a new case) | reply (a message on a case) | bounce | automatic | quarantined
    std::string outcome;
    std::string reference;  // the case it became or joined; empty for the rest
    std::string sender, subject;
    int64_t size = 0;
    std::string reason;    // why it was quarantined, or which header made it automatic
    std::string raw_hash;  // the blob with its bytes (a quarantined message beyond the limit: its head)
    std::optional<int64_t> cleared_at;
    std::string cleared_by;
};

// The mailbox an organisation's mail is fetched from (IMAP or IMAPS URL with the folder).
struct MailboxRecord {
    std::string org, url, username, password;
    std::optional<int64_t> polled_at;
    std::string last_error;  // empty: the last poll went well
};

class IncomingMail {
  public:
    explicit IncomingMail(SqlConnection& db) : db_(db) {}

    // Keeps `raw` among the blobs under `hash`.
    void put_raw(const std::string& hash, const std::string& raw);
    std::optional<std::string> raw(const std::string& hash);

    // Records the message; false when the organisation has one with its key already.
    bool record(const IncomingMailRecord& mail);
    std::optional<IncomingMailRecord> get(const std::string& org, const std::string& message_key);
    // The organisation's message whose bytes have this hash (IncomingMailRecord::raw_hash).
    std::optional<IncomingMailRecord> by_raw_hash(const std::string& org, const std::string& raw_hash);
    // The organisation's newest arrivals, newest first, at most `limit`.
    std::vector<IncomingMailRecord> recent(const std::string& org, int limit);
    // The messages from `sender` (an address in lower case) that became no case, oldest first, at
    // most `limit` (a data subject's request, issue 15).
    std::vector<IncomingMailRecord> loose_from(const std::string& org, const std::string& sender, int limit);
    // The messages in quarantine that nobody cleared, newest first, at most `limit`.
    std::vector<IncomingMailRecord> quarantined(const std::string& org, int limit);
    // Staff have dealt with a quarantined message: true when it was in quarantine.
    bool clear(const std::string& org, const std::string& message_key, const std::string& by, int64_t at);

    // The case's reply token, or empty; adding one keeps the first a case got.
    std::string reply_token(const std::string& org, const std::string& reference);
    void add_reply_token(const std::string& org, const std::string& reference, const std::string& token);
    // The case a token belongs to in `org`, or nullopt.
    std::optional<std::string> case_of_token(const std::string& org, const std::string& token);

    std::optional<MailboxRecord> mailbox(const std::string& org);
    std::vector<MailboxRecord> mailboxes();
    // Sets the organisation's mailbox; an empty URL removes it.
    void set_mailbox(const MailboxRecord& mailbox);
    void mark_polled(const std::string& org, int64_t at, const std::string& error);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
