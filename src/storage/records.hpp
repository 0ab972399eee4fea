#pragma once
// What storage keeps, besides cases: organisations, their procedure versions, people and tokens,
// documents, and the audit log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "domain/case/case.hpp"

namespace meldpunt::storage {

struct OrgRecord {
    std::string id;
    std::string name;
    // The address its mail is sent from, and the name with it; empty: the server's (--mail-from).
    std::string mail_from, mail_from_name;
    // The address mail for the organisation arrives at (klachten@...), which replies are addressed
    // to with a case's token (klachten+TOKEN@...); empty: replies go to mail_from, unmatched by address.
    std::string mail_in;
};

// A version of an organisation's procedure file: when and by whom it was added, and each time it
// was put in force (an earlier version can be put back).
struct ProcedureVersionRecord {
    struct Activation {
        int64_t at = 0;
        std::string by;  // empty: before Meldpunt kept who (migration 12)
    };
    int version = 0;
    int64_t added_at = 0;
    std::string added_by;
    std::vector<Activation> activations;
};

// A single-use link to set an account's password: "invite" (a new account) or "reset".
struct AccountLink {
    std::string user_id, purpose;
    int64_t created_at = 0, expires_at = 0;
    std::optional<int64_t> used_at;
};

struct RoleGrant {
    std::string role;
    std::string unit;  // empty: the whole organisation

    bool operator==(const RoleGrant&) const = default;
};

// An API token as its owner sees it in their list: never the token, and not its whole hash.
struct TokenRecord {
    std::string id;  // the first 12 hex digits of its hash: enough to name it, nothing to use
    std::string label;
    int64_t created_at = 0;
    int64_t expires_at = 0;
};

struct UserRecord {
    std::string id;
    std::string org;
    std::string email;
    std::string name;
    std::string password_hash;  // Argon2id (libsodium's string form); empty: no password login
    std::vector<RoleGrant> roles;
    // Set when an administrator disabled the account: it can no longer log in, and its sessions and
    // API tokens are refused. Accounts are never deleted, because cases and the audit log name them.
    std::optional<int64_t> disabled_at;
    // Notices about their cases (assigned, a message from the complainant, deadlines) in one
    // overview a day instead of one e-mail each. Read with the account's own record and with
    // Accounts::users_of, not when a token or session is checked.
    bool daily_digest = false;
    // Who supervises them, by e-mail address; empty: nobody recorded (002 §Begripsomschrijving 8:
    // "Voor vrijwilligers is dat de betreffende coördinator/begeleider en voor stagiairs de
    // stagebegeleider"). Read with the account, as daily_digest.
    std::string supervisor;

    bool active() const { return !disabled_at.has_value(); }
};

struct StoredCase {
    std::string org;
    cases::Case state;    // the case as the engine reads and changes it
    int64_t version = 0;  // optimistic concurrency: each update increments it
    std::string subject;
    std::string description;
    std::optional<calendar::Day> next_due;  // earliest due day of a running deadline
    // The first day a review may have something new to do (Engine::review); none: nothing ahead.
    std::optional<calendar::Day> review_on;
    // What the reports count it under: its tallies as a line (domain/report/tally.hpp), written with
    // it. Empty for a case written before the register kept them: reports count it from its state
    // until the sweep fills them in.
    std::string figures;
};

// Where the sweep's work list goes on: the last case read, and the day it became due.
struct ReviewDue {
    std::string org, reference;
    calendar::Day on{};
};

// When a case is next reviewed, to be set if it is still at `version`; none: nothing ahead.
struct ReviewDay {
    std::string org, reference;
    int64_t version = 0;
    std::optional<calendar::Day> on;
};

// What decides who may see a case, and which state of it they would see: cheap to read, so that
// a caller holding an earlier read of the case can tell whether it is still current.
struct CaseStamp {
    int64_t version = 0;
    std::string unit, handler;
    std::string registered_by;         // who took the case in
    std::vector<std::string> about;    // the people it is about
    std::vector<std::string> reached;  // every stage it has been in
};

// Filters of the register. Empty strings and nullopt mean "any".
struct CaseQuery {
    std::string stage, kind, unit, handler;
    // Free text: a reference ("2027-000123", or its number "123" in any year) finds that case;
    // other text finds the cases whose subject, description or parties' names and e-mail
    // addresses contain every word, each word also as the beginning of a longer one ("medicat").
    std::string text;
    std::optional<calendar::Day> due_before;
    std::optional<calendar::Day> overdue_on;  // running deadlines due before this day
    // Received at or after `received_from` and before `received_before` (Unix seconds).
    std::optional<int64_t> received_from, received_before;
    int limit = 50;
    // The register's orders: by the moment received (then reference), either way, or by the next
    // due day (cases without one last), then reference.
    enum class Order { oldest_first, newest_first, next_due };
    Order order = Order::oldest_first;
    // The cursor: the last case of the previous page (its moment received for the first two
    // orders, its next due day for Order::next_due, empty when it had none).
    std::string after_reference;
    int64_t after_received = 0;
    std::string after_due;
    // Confidentiality: when `restricted`, only cases in `units`, or that reached one of `stages`,
    // or handled or registered by `handled_by`, or (`subjects_see`) about them.
    bool restricted = false;
    std::vector<std::string> units;
    std::vector<std::string> stages;
    std::string handled_by;
    bool subjects_see = false;
};

struct DocumentRecord {
    std::string org, reference, id, name, content_type;
    int64_t size = 0;
    std::string hash;  // SHA-256 of the content, hex; content is stored once per hash
    std::string visibility;
    int64_t uploaded_at = 0;
    std::string uploaded_by;
};

// A letter as generated from its template when the action that requires it happened.
struct LetterRecord {
    std::string org, reference;
    int64_t seq = 0;  // 1, 2, ... per case
    std::string letter, name, recipients, body;
    int64_t created_at = 0;
};

// A message of a case's conversation (seq 1, 2, ... per case; the case's event calls it "m<seq>").
struct MessageRecord {
    std::string org, reference;
    int64_t seq = 0;
    int64_t at = 0;          // Unix seconds
    std::string author;      // a member of staff's e-mail address, or "complainant"
    std::string visibility;  // shared (the complainant reads it) | internal (a note among staff)
    std::string body;
    std::vector<std::string> documents;  // ids of the documents that came with it
};

// The complainant's messages on one case that a member of staff has not read yet.
struct UnreadMessages {
    std::string reference;
    int64_t count = 0;
    int64_t latest_at = 0;
};

struct AuditEntry {
    int64_t seq = 0;
    int64_t at = 0;  // Unix seconds
    std::string org, actor, action, subject, detail;
    std::string prev_hash, hash;
    std::string key_id;  // the key whose HMAC `hash` is (service/audit_key.hpp); empty: SHA-256
};

}  // namespace meldpunt::storage
