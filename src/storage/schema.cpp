#include "storage/schema.hpp"

#include <string>

#include "storage/advisory_locks.hpp"

namespace meldpunt::storage {

void migrate_locked(SqlConnection& connection);

// Migration 10 is the same in both dialects.
constexpr const char* kMigration10 = R"(
ALTER TABLE users ADD COLUMN daily_digest INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_held ON outbox (org, recipient, id) WHERE status = 'held';
ALTER TABLE orgs ADD COLUMN mail_from TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN mail_from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE effects ADD COLUMN told INTEGER NOT NULL DEFAULT 1;
CREATE INDEX effects_untold ON effects (org, recorded_at) WHERE told = 0;
)";

// Migration 12 is the same in both dialects.
constexpr const char* kMigration12 = R"(
ALTER TABLE orgs ADD COLUMN procedure_version BIGINT NOT NULL DEFAULT 0;
UPDATE orgs SET procedure_version = (SELECT COALESCE(MAX(version), 0) FROM procedures WHERE procedures.org = orgs.id);
ALTER TABLE procedures ADD COLUMN added_by TEXT NOT NULL DEFAULT '';
CREATE TABLE procedure_activations (org TEXT NOT NULL REFERENCES orgs(id), seq BIGINT NOT NULL, version BIGINT NOT NULL,
                                    activated_at BIGINT NOT NULL, activated_by TEXT NOT NULL, PRIMARY KEY (org, seq));
INSERT INTO procedure_activations (org, seq, version, activated_at, activated_by)
    SELECT org, version, version, created_at, '' FROM procedures;
CREATE INDEX users_by_email ON users (email);
)";

// Migration 14 (issue 12) is the same in both dialects: a case's conversation (messages, each with
// the ids of the documents that came with it, comma-separated) and how far each member of staff has
// read it. The dashboard looks for the complainant's messages by organisation and time.
constexpr const char* kMigration14 = R"(
CREATE TABLE messages (org TEXT NOT NULL, reference TEXT NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL,
                       author TEXT NOT NULL, visibility TEXT NOT NULL, body TEXT NOT NULL,
                       documents TEXT NOT NULL, PRIMARY KEY (org, reference, seq));
CREATE INDEX messages_from_complainants ON messages (org, at) WHERE author = 'complainant';
CREATE TABLE message_reads (org TEXT NOT NULL, reference TEXT NOT NULL, reader TEXT NOT NULL,
                            seen BIGINT NOT NULL, PRIMARY KEY (org, reference, reader));
)";

// Migration 15 (issue 12) is the same in both dialects: single-use links to set a password (an
// invitation, a reset), kept by their hash only, and the requests for a reset link per address
// and per client, to throttle them.
constexpr const char* kMigration15 = R"(
CREATE TABLE account_links (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, purpose TEXT NOT NULL,
                            created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT);
CREATE INDEX account_links_by_user ON account_links (user_id);
CREATE TABLE link_requests (key TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX link_requests_by_key ON link_requests (key, at);
)";

// Migration 16 (issue 13) is the same in both dialects: reports as they were issued, frozen (the
// report as JSON, with the procedure version it was counted under), one per organisation and period.
constexpr const char* kMigration16 = R"(
CREATE TABLE issued_reports (org TEXT NOT NULL, period TEXT NOT NULL, issued_at BIGINT NOT NULL,
                             issued_by TEXT NOT NULL, procedure_version BIGINT NOT NULL, report TEXT NOT NULL,
                             PRIMARY KEY (org, period));
)";

// Migration 17 (issue 13): the register of improvement measures, numbered per organisation, and
// the cases each came from (storage/measures.hpp).
constexpr const char* kMigration17 = R"(
CREATE TABLE measures (org TEXT NOT NULL, number BIGINT NOT NULL, status TEXT NOT NULL, unit TEXT NOT NULL,
                       owner TEXT NOT NULL, due_on TEXT, review_on TEXT, decided_at BIGINT, closed_at BIGINT,
                       proposed_at BIGINT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL,
                       PRIMARY KEY (org, number));
CREATE INDEX measures_by_review ON measures (review_on, org, number) WHERE review_on IS NOT NULL;
CREATE TABLE measure_cases (org TEXT NOT NULL, reference TEXT NOT NULL, number BIGINT NOT NULL,
                            PRIMARY KEY (org, reference, number));
)";

// Migration 18 (issue 13): what the reports count. Each case keeps the tallies it counts under
// (domain/report/tally.hpp); report_tallies holds their sums per organisation, month, dimension and
// value, so that a report reads a period's sums instead of every case. Cases written before have no
// figures: the partial index finds them for the reports (counted from their state) and the sweep
// (which fills them in).
constexpr const char* kMigration18Sqlite = R"(
ALTER TABLE cases ADD COLUMN figures TEXT;
CREATE INDEX cases_without_figures ON cases (org, received_at, reference) WHERE figures IS NULL;
CREATE TABLE report_tallies (org TEXT NOT NULL, month TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,
                             count INTEGER NOT NULL, PRIMARY KEY (org, month, dimension, value)) WITHOUT ROWID;
)";
constexpr const char* kMigration18Postgres = R"(
ALTER TABLE cases ADD COLUMN figures TEXT;
CREATE INDEX cases_without_figures ON cases (org, received_at, reference) WHERE figures IS NULL;
CREATE TABLE report_tallies (org TEXT NOT NULL, month TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,
                             count BIGINT NOT NULL, PRIMARY KEY (org, month, dimension, value));
)";

// Migration 19 (issue 14) is the same in both dialects: mail in. Each message that arrived is
// kept once per organisation and Message-ID (its raw bytes among the blobs), with what became of it:
// a case, a reply on a case, a bounce, an auto-reply, or quarantine until staff clear it. Each case
// has one reply address token (klachten+TOKEN@...) once a message to its complainant named it. An
// organisation's own address for mail in, and the mailbox the server polls for it. The register's
// secrets: the key its Message-IDs are made with (Store::message_key), so that nobody outside can
// make up the Message-ID of a message sent to someone else and answer it.
constexpr const char* kMigration19 = R"(
CREATE TABLE incoming_mail (org TEXT NOT NULL, message_key TEXT NOT NULL, received_at BIGINT NOT NULL,
                            outcome TEXT NOT NULL, reference TEXT NOT NULL, sender TEXT NOT NULL,
                            subject TEXT NOT NULL, size BIGINT NOT NULL, reason TEXT NOT NULL,
                            raw_hash TEXT NOT NULL, cleared_at BIGINT, cleared_by TEXT NOT NULL,
                            PRIMARY KEY (org, message_key));
CREATE INDEX incoming_mail_by_time ON incoming_mail (org, received_at);
CREATE INDEX incoming_mail_by_bytes ON incoming_mail (org, raw_hash);
CREATE INDEX incoming_mail_quarantined ON incoming_mail (org, received_at)
    WHERE outcome = 'quarantined' AND cleared_at IS NULL;
CREATE TABLE reply_addresses (token TEXT PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL);
CREATE UNIQUE INDEX reply_addresses_by_case ON reply_addresses (org, reference);
ALTER TABLE orgs ADD COLUMN mail_in TEXT NOT NULL DEFAULT '';
CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE mailboxes (org TEXT PRIMARY KEY, url TEXT NOT NULL, username TEXT NOT NULL, password TEXT NOT NULL,
                        polled_at BIGINT, last_error TEXT NOT NULL);
)";

// Migration 20 (issue 15): retention carried out. Each closed case keeps the day its retention ends
// (purge_on, the case's retain_until until it is anonymised), so that the sweep and the coming-purge
// list walk an index instead of every case.
constexpr const char* kMigration20Sqlite = R"(
ALTER TABLE cases ADD COLUMN purge_on TEXT;
UPDATE cases SET purge_on = json_extract(data, '$.retain_until')
    WHERE data LIKE '%"retain_until":"%' AND json_extract(data, '$.anonymised_on') IS NULL;
CREATE INDEX cases_by_purge ON cases (purge_on, org, reference) WHERE purge_on IS NOT NULL;
)";
constexpr const char* kMigration20Postgres = R"(
ALTER TABLE cases ADD COLUMN purge_on TEXT;
UPDATE cases SET purge_on = CAST(data AS jsonb) ->> 'retain_until'
    WHERE data LIKE '%"retain_until":"%' AND CAST(data AS jsonb) ->> 'anonymised_on' IS NULL;
CREATE INDEX cases_by_purge ON cases (purge_on, org, reference) WHERE purge_on IS NOT NULL;
)";

// Migration 21 (issue 15) is the same in both dialects: a legal hold stops a case's purge until a
// day; a purge finds what the dossier kept beside the case by the case, and a blob's other users by
// its hash; the access log keeps who opened which case, document or export, when and from where
// (NEN 7513).
constexpr const char* kMigration21 = R"(
CREATE TABLE legal_holds (org TEXT NOT NULL, reference TEXT NOT NULL, held_by TEXT NOT NULL, reason TEXT NOT NULL,
                          held_until TEXT NOT NULL, placed_at BIGINT NOT NULL, PRIMARY KEY (org, reference));
CREATE INDEX documents_by_hash ON documents (hash);
CREATE INDEX incoming_mail_by_case ON incoming_mail (org, reference);
CREATE INDEX incoming_mail_by_raw ON incoming_mail (raw_hash);
CREATE INDEX portal_links_by_case ON portal_links (org, reference);
CREATE INDEX idempotency_by_case ON idempotency (org, reference);
CREATE TABLE access_log (org TEXT NOT NULL, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                         reference TEXT NOT NULL, subject TEXT NOT NULL, client TEXT NOT NULL, count BIGINT NOT NULL);
CREATE INDEX access_log_by_case ON access_log (org, reference, at);
CREATE INDEX access_log_by_time ON access_log (org, at);
)";

// Migration 22 (issue 15): what complainants upload is counted per client address, so that
// nobody fills the disk through the public form and the portal (dossier_files.hpp); API tokens get
// a label, an expiry and a short id to list and revoke them by. Tokens from before expire a year
// after they were made, but not within 90 days of this migration, so that no integration stops
// without notice.
constexpr const char* kMigration22Sqlite = R"(
CREATE TABLE public_uploads (client TEXT NOT NULL, at BIGINT NOT NULL, bytes BIGINT NOT NULL);
CREATE INDEX public_uploads_by_client ON public_uploads (client, at);
ALTER TABLE tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE tokens SET expires_at = max(created_at + 31536000, CAST(strftime('%s', 'now') AS INTEGER) + 7776000);
CREATE INDEX tokens_by_user ON tokens (user_id);
)";

constexpr const char* kMigration22Postgres = R"(
CREATE TABLE public_uploads (client TEXT NOT NULL, at BIGINT NOT NULL, bytes BIGINT NOT NULL);
CREATE INDEX public_uploads_by_client ON public_uploads (client, at);
ALTER TABLE tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE tokens SET expires_at = GREATEST(created_at + 31536000, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) + 7776000);
CREATE INDEX tokens_by_user ON tokens (user_id);
)";

// Migration 23 (issue 15): a keyed audit entry names its key (service/audit_key.hpp). Adding a
// column changes no row: the append-only triggers stay as they are.
constexpr const char* kMigration23 = R"(
ALTER TABLE audit ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
)";

// Migration 24 (issue 15): requests of data subjects (GDPR art. 15, 17, 18), with the day each
// arrived, its extension and its decision; and the cases whose processing a granted restriction
// stopped (storage/subject_requests.hpp).
constexpr const char* kMigration24 = R"(
CREATE TABLE subject_requests (org TEXT NOT NULL, id BIGINT NOT NULL, person_name TEXT NOT NULL,
                               person_email TEXT NOT NULL, request_right TEXT NOT NULL, received_on TEXT NOT NULL,
                               registered_by TEXT NOT NULL, registered_at BIGINT NOT NULL,
                               extended_by TEXT NOT NULL DEFAULT '', extension_reason TEXT NOT NULL DEFAULT '',
                               outcome TEXT NOT NULL DEFAULT '', decision TEXT NOT NULL DEFAULT '',
                               decided_by TEXT NOT NULL DEFAULT '', decided_at BIGINT, PRIMARY KEY (org, id));
CREATE TABLE restricted_cases (org TEXT NOT NULL, reference TEXT NOT NULL, request_id BIGINT NOT NULL,
                               since BIGINT NOT NULL, PRIMARY KEY (org, reference));
CREATE INDEX incoming_mail_by_sender ON incoming_mail (org, lower(sender));
)";

// Migration 25 (issue 16): who supervises an account (002 §Begripsomschrijving 8), to whom a
// volunteer's or intern's case goes (002 §A.1a).
constexpr const char* kMigration25 = R"(
ALTER TABLE users ADD COLUMN supervisor TEXT NOT NULL DEFAULT '';
)";

// Migration 26 (issue 16): webhooks. An organisation's subscriptions, each with the events it
// takes (",case.created,case.closed,") and the secret its deliveries are signed with; the
// deliveries, the outbox's second kind (storage/webhooks.hpp), one per subscription and event; and
// the steps held until an external system acknowledges them (a closing waiting for the ERP). A
// delivery done with is kept 90 days (the subscription's log), then forgotten.
constexpr const char* kMigration26Sqlite = R"(
CREATE TABLE webhook_subscriptions (org TEXT NOT NULL, id BIGINT NOT NULL, url TEXT NOT NULL, events TEXT NOT NULL,
                                    secret TEXT NOT NULL, description TEXT NOT NULL, active BIGINT NOT NULL,
                                    created_at BIGINT NOT NULL, created_by TEXT NOT NULL, PRIMARY KEY (org, id));
CREATE TABLE webhook_deliveries (id INTEGER PRIMARY KEY, org TEXT NOT NULL, subscription BIGINT NOT NULL,
                                 event TEXT NOT NULL, event_id TEXT NOT NULL, reference TEXT NOT NULL,
                                 payload TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL,
                                 next_attempt_at BIGINT NOT NULL, last_status BIGINT NOT NULL,
                                 last_error TEXT NOT NULL, answer TEXT NOT NULL, created_at BIGINT NOT NULL,
                                 sent_at BIGINT, UNIQUE (org, subscription, event_id));
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (org, subscription, id);
CREATE INDEX webhook_deliveries_by_case ON webhook_deliveries (org, reference) WHERE answer <> '';
CREATE INDEX webhook_deliveries_done ON webhook_deliveries (created_at) WHERE status <> 'queued';
CREATE TABLE held_steps (org TEXT NOT NULL, reference TEXT NOT NULL, action TEXT NOT NULL, field TEXT NOT NULL,
                         actor TEXT NOT NULL, fields TEXT NOT NULL, requested_at BIGINT NOT NULL,
                         status TEXT NOT NULL, error TEXT NOT NULL, event_id TEXT NOT NULL,
                         PRIMARY KEY (org, reference));
)";

constexpr const char* kMigration26Postgres = R"(
CREATE TABLE webhook_subscriptions (org TEXT NOT NULL, id BIGINT NOT NULL, url TEXT NOT NULL, events TEXT NOT NULL,
                                    secret TEXT NOT NULL, description TEXT NOT NULL, active BIGINT NOT NULL,
                                    created_at BIGINT NOT NULL, created_by TEXT NOT NULL, PRIMARY KEY (org, id));
CREATE TABLE webhook_deliveries (id BIGSERIAL PRIMARY KEY, org TEXT NOT NULL, subscription BIGINT NOT NULL,
                                 event TEXT NOT NULL, event_id TEXT NOT NULL, reference TEXT NOT NULL,
                                 payload TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL,
                                 next_attempt_at BIGINT NOT NULL, last_status BIGINT NOT NULL,
                                 last_error TEXT NOT NULL, answer TEXT NOT NULL, created_at BIGINT NOT NULL,
                                 sent_at BIGINT, UNIQUE (org, subscription, event_id));
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (org, subscription, id);
CREATE INDEX webhook_deliveries_by_case ON webhook_deliveries (org, reference) WHERE answer <> '';
CREATE INDEX webhook_deliveries_done ON webhook_deliveries (created_at) WHERE status <> 'queued';
CREATE TABLE held_steps (org TEXT NOT NULL, reference TEXT NOT NULL, action TEXT NOT NULL, field TEXT NOT NULL,
                         actor TEXT NOT NULL, fields TEXT NOT NULL, requested_at BIGINT NOT NULL,
                         status TEXT NOT NULL, error TEXT NOT NULL, event_id TEXT NOT NULL,
                         PRIMARY KEY (org, reference));
)";

// Migration 13 (issue 12): the register finds a case by the names and e-mail addresses of the
// complainant and their representative (the column parties, kept by Cases::insert as
// parties_text), and lists cases in the order they were received. On SQLite a case's rowid becomes
// its moment received times 2^20 plus its place among the cases received in that second (the FTS5
// index is walked in rowid order: that is then the order of receipt), and the indexes the register
// walks end in the rowid; on PostgreSQL they end in (received_at, reference). SQLite looks up the
// terms a search word begins in the FTS5 vocabulary (case_terms; search_text.hpp says why). Existing cases
// take their parties from their data.
constexpr const char* kMigration13Sqlite = R"(
ALTER TABLE cases ADD COLUMN parties TEXT NOT NULL DEFAULT '';
UPDATE cases SET parties = trim(
    CASE WHEN json_extract(data, '$.complainant.anonymous') THEN '' ELSE
    coalesce(json_extract(data, '$.complainant.name'), '') || char(10) ||
    coalesce(json_extract(data, '$.complainant.email'), '') END || char(10) ||
    coalesce(json_extract(data, '$.representative.name'), '') || char(10) ||
    coalesce(json_extract(data, '$.representative.email'), ''), char(10));
CREATE TEMP TABLE case_order AS
    SELECT rowid AS old, received_at * 1048576 + ROW_NUMBER() OVER (PARTITION BY received_at ORDER BY rowid) - 1
           AS new FROM cases;
UPDATE cases SET rowid = -rowid;
UPDATE cases SET rowid = (SELECT new FROM case_order WHERE old = -cases.rowid);
DROP TABLE case_order;
DELETE FROM case_text;
INSERT INTO case_text (rowid, org, reference, body)
    SELECT rowid, org, reference, subject || char(10) || description || char(10) || parties FROM cases;
DROP INDEX cases_by_stage;
DROP INDEX cases_by_handler;
CREATE INDEX cases_by_stage ON cases (org, stage);
CREATE INDEX cases_by_handler ON cases (org, handler);
CREATE INDEX cases_by_receipt ON cases (org);
CREATE VIRTUAL TABLE case_terms USING fts5vocab(case_text, 'instance');
)";
constexpr const char* kMigration13Postgres = R"(
ALTER TABLE cases DROP COLUMN search;
ALTER TABLE cases ADD COLUMN parties TEXT NOT NULL DEFAULT '';
UPDATE cases SET parties = concat_ws(E'\n',
    CASE WHEN CAST(data AS jsonb) -> 'complainant' ->> 'anonymous' = 'true' THEN NULL
         ELSE CAST(data AS jsonb) -> 'complainant' ->> 'name' END,
    CASE WHEN CAST(data AS jsonb) -> 'complainant' ->> 'anonymous' = 'true' THEN NULL
         ELSE CAST(data AS jsonb) -> 'complainant' ->> 'email' END,
    CAST(data AS jsonb) -> 'representative' ->> 'name',
    CAST(data AS jsonb) -> 'representative' ->> 'email');
ALTER TABLE cases ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('dutch', subject || ' ' || description || ' ' || parties)) STORED;
CREATE INDEX cases_search ON cases USING GIN (search);
DROP INDEX cases_by_stage;
DROP INDEX cases_by_handler;
CREATE INDEX cases_by_stage ON cases (org, stage, received_at, reference);
CREATE INDEX cases_by_handler ON cases (org, handler, received_at, reference);
CREATE INDEX cases_by_receipt ON cases (org, received_at, reference);
)";

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list{
        {1,
         // SQLite
         R"(
CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE procedures (org TEXT NOT NULL REFERENCES orgs(id), version INTEGER NOT NULL, text TEXT NOT NULL,
                         created_at INTEGER NOT NULL, PRIMARY KEY (org, version));
CREATE TABLE users (id TEXT PRIMARY KEY, org TEXT NOT NULL REFERENCES orgs(id), email TEXT NOT NULL, name TEXT NOT NULL,
                    password_hash TEXT, created_at INTEGER NOT NULL, UNIQUE (org, email));
CREATE TABLE user_roles (user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',
                         PRIMARY KEY (user_id, role, unit));
CREATE TABLE tokens (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at INTEGER NOT NULL);
CREATE TABLE counters (org TEXT NOT NULL, year INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (org, year));
CREATE TABLE cases (org TEXT NOT NULL REFERENCES orgs(id), reference TEXT NOT NULL, kind TEXT NOT NULL,
                    stage TEXT NOT NULL, unit TEXT NOT NULL, handler TEXT NOT NULL, received_at INTEGER NOT NULL,
                    next_due TEXT, version INTEGER NOT NULL, subject TEXT NOT NULL, description TEXT NOT NULL,
                    data TEXT NOT NULL, PRIMARY KEY (org, reference));
CREATE INDEX cases_by_stage ON cases (org, stage, reference);
CREATE INDEX cases_by_handler ON cases (org, handler, reference);
CREATE INDEX cases_by_due ON cases (org, next_due);
CREATE VIRTUAL TABLE case_text USING fts5 (org UNINDEXED, reference UNINDEXED, body,
                                           tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE idempotency (org TEXT NOT NULL, key TEXT NOT NULL, reference TEXT NOT NULL, PRIMARY KEY (org, key));
CREATE TABLE blobs (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL);
CREATE TABLE documents (org TEXT NOT NULL, reference TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                        content_type TEXT NOT NULL, size INTEGER NOT NULL, hash TEXT NOT NULL REFERENCES blobs(hash),
                        visibility TEXT NOT NULL, uploaded_at INTEGER NOT NULL, uploaded_by TEXT NOT NULL,
                        PRIMARY KEY (org, reference, id));
CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, org TEXT NOT NULL, actor TEXT NOT NULL,
                    action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL);
-- The audit log cannot be edited through Meldpunt: the database itself refuses changes.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)",
         // PostgreSQL
         R"(
CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE procedures (org TEXT NOT NULL REFERENCES orgs(id), version INTEGER NOT NULL, text TEXT NOT NULL,
                         created_at BIGINT NOT NULL, PRIMARY KEY (org, version));
CREATE TABLE users (id TEXT PRIMARY KEY, org TEXT NOT NULL REFERENCES orgs(id), email TEXT NOT NULL, name TEXT NOT NULL,
                    password_hash TEXT, created_at BIGINT NOT NULL, UNIQUE (org, email));
CREATE TABLE user_roles (user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',
                         PRIMARY KEY (user_id, role, unit));
CREATE TABLE tokens (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL);
CREATE TABLE counters (org TEXT NOT NULL, year INTEGER NOT NULL, value BIGINT NOT NULL, PRIMARY KEY (org, year));
CREATE TABLE cases (org TEXT NOT NULL REFERENCES orgs(id), reference TEXT NOT NULL, kind TEXT NOT NULL,
                    stage TEXT NOT NULL, unit TEXT NOT NULL, handler TEXT NOT NULL, received_at BIGINT NOT NULL,
                    next_due TEXT, version BIGINT NOT NULL, subject TEXT NOT NULL, description TEXT NOT NULL,
                    data TEXT NOT NULL,
                    search tsvector GENERATED ALWAYS AS (to_tsvector('dutch', subject || ' ' || description)) STORED,
                    PRIMARY KEY (org, reference));
CREATE INDEX cases_by_stage ON cases (org, stage, reference);
CREATE INDEX cases_by_handler ON cases (org, handler, reference);
CREATE INDEX cases_by_due ON cases (org, next_due);
CREATE INDEX cases_search ON cases USING GIN (search);
CREATE TABLE idempotency (org TEXT NOT NULL, key TEXT NOT NULL, reference TEXT NOT NULL, PRIMARY KEY (org, key));
CREATE TABLE blobs (hash TEXT PRIMARY KEY, bytes BYTEA NOT NULL);
CREATE TABLE documents (org TEXT NOT NULL, reference TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                        content_type TEXT NOT NULL, size BIGINT NOT NULL, hash TEXT NOT NULL REFERENCES blobs(hash),
                        visibility TEXT NOT NULL, uploaded_at BIGINT NOT NULL, uploaded_by TEXT NOT NULL,
                        PRIMARY KEY (org, reference, id));
CREATE TABLE audit (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, org TEXT NOT NULL, actor TEXT NOT NULL,
                    action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
)"},
        {2,
         R"(
CREATE TABLE letters (org TEXT NOT NULL, reference TEXT NOT NULL, seq INTEGER NOT NULL, letter TEXT NOT NULL,
                      name TEXT NOT NULL, recipients TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
                      PRIMARY KEY (org, reference, seq));
)",
         R"(
CREATE TABLE letters (org TEXT NOT NULL, reference TEXT NOT NULL, seq INTEGER NOT NULL, letter TEXT NOT NULL,
                      name TEXT NOT NULL, recipients TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,
                      PRIMARY KEY (org, reference, seq));
)"},
        {3,
         // Web sessions, login throttling and complainants' private portal links. Only SHA-256 hashes
         // of session and portal tokens are kept, as for API tokens.
         R"(
CREATE TABLE sessions (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
                       created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
CREATE TABLE portal_links (hash TEXT PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL,
                           created_at INTEGER NOT NULL);
)",
         R"(
CREATE TABLE sessions (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
                       created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE login_failures (key TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
CREATE TABLE portal_links (hash TEXT PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL,
                           created_at BIGINT NOT NULL);
)"},
        {4,
         // Accounts can be disabled (never deleted: cases and the audit log name them). Filings on
         // the public form are counted per client address, to limit floods.
         R"(
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
CREATE TABLE public_filings (client TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX public_filings_by_client ON public_filings (client, at);
)",
         R"(
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
CREATE TABLE public_filings (client TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX public_filings_by_client ON public_filings (client, at);
)"},
        {5,
         // The register sorted by due day walks this index (Tx::list_cases), reference included so
         // that cases due on the same day need no sort either.
         "DROP INDEX cases_by_due; CREATE INDEX cases_by_due ON cases (org, next_due, reference);",
         "DROP INDEX cases_by_due; CREATE INDEX cases_by_due ON cases (org, next_due, reference);"},
        {6,
         // The people a case belongs to besides its handler, for "own" confidentiality: who registered
         // it and whom it is about (in order). Filled from the cases already stored.
         R"(
CREATE TABLE case_people (org TEXT NOT NULL, reference TEXT NOT NULL, person TEXT NOT NULL, relation TEXT NOT NULL,
                          seq INTEGER NOT NULL, PRIMARY KEY (org, reference, relation, seq));
CREATE INDEX case_people_by_person ON case_people (org, person, reference);
INSERT INTO case_people (org, reference, person, relation, seq)
  SELECT org, reference, json_extract(data, '$.events[0].actor'), 'registered', 0 FROM cases
  WHERE json_extract(data, '$.events[0].action') = 'intake';
INSERT INTO case_people (org, reference, person, relation, seq)
  SELECT c.org, c.reference, a.value, 'about', a.key + 1 FROM cases c, json_each(c.data, '$.about') a;
)",
         R"(
CREATE TABLE case_people (org TEXT NOT NULL, reference TEXT NOT NULL, person TEXT NOT NULL, relation TEXT NOT NULL,
                          seq INTEGER NOT NULL, PRIMARY KEY (org, reference, relation, seq));
CREATE INDEX case_people_by_person ON case_people (org, person, reference);
INSERT INTO case_people (org, reference, person, relation, seq)
  SELECT org, reference, data::jsonb #>> '{events,0,actor}', 'registered', 0 FROM cases
  WHERE data::jsonb #>> '{events,0,action}' = 'intake';
INSERT INTO case_people (org, reference, person, relation, seq)
  SELECT c.org, c.reference, a.person, 'about', a.seq FROM cases c,
         jsonb_array_elements_text(c.data::jsonb -> 'about') WITH ORDINALITY AS a(person, seq);
)"},
        {7,
         // Every stage a case has been in, for roles that see the cases that reached some stages
         // (002: the Klachtencommissie sees the complaints put before it, also after its advice).
         // Filled from the stored cases' events and current stages.
         R"(
CREATE TABLE case_stages (org TEXT NOT NULL, reference TEXT NOT NULL, stage TEXT NOT NULL,
                          PRIMARY KEY (org, reference, stage));
CREATE INDEX case_stages_by_stage ON case_stages (org, stage, reference);
INSERT OR IGNORE INTO case_stages (org, reference, stage) SELECT org, reference, stage FROM cases;
INSERT OR IGNORE INTO case_stages (org, reference, stage)
  SELECT c.org, c.reference, json_extract(e.value, '$.to_stage') FROM cases c, json_each(c.data, '$.events') e
  WHERE json_extract(e.value, '$.to_stage') <> '';
)",
         R"(
CREATE TABLE case_stages (org TEXT NOT NULL, reference TEXT NOT NULL, stage TEXT NOT NULL,
                          PRIMARY KEY (org, reference, stage));
CREATE INDEX case_stages_by_stage ON case_stages (org, stage, reference);
INSERT INTO case_stages (org, reference, stage) SELECT org, reference, stage FROM cases ON CONFLICT DO NOTHING;
INSERT INTO case_stages (org, reference, stage)
  SELECT c.org, c.reference, e ->> 'to_stage' FROM cases c, jsonb_array_elements(c.data::jsonb -> 'events') e
  WHERE e ->> 'to_stage' <> '' ON CONFLICT DO NOTHING;
)"},
        {8,
         // case_stages keeps only the stages a case has left; the stage it is in is the cases
         // row's. An intake and an action that keeps the stage then write nothing there.
         R"(
DELETE FROM case_stages WHERE EXISTS (SELECT 1 FROM cases c WHERE c.org = case_stages.org
  AND c.reference = case_stages.reference AND c.stage = case_stages.stage);
)",
         R"(
DELETE FROM case_stages WHERE EXISTS (SELECT 1 FROM cases c WHERE c.org = case_stages.org
  AND c.reference = case_stages.reference AND c.stage = case_stages.stage);
)"},
        {9,
         // The sweep (issue 11): when each case is next reviewed, the effects carried out once per
         // key, and the outbox of messages to send. Cases whose deadlines are still ahead are
         // reviewed from their due day; deadlines that passed before the sweep existed are not
         // told now, months late (the case is looked at again when someone acts on it).
         R"(
ALTER TABLE cases ADD COLUMN review_on TEXT;
CREATE INDEX cases_by_review ON cases (review_on, org, reference) WHERE review_on IS NOT NULL;
UPDATE cases SET review_on = next_due WHERE next_due >= date('now');
CREATE TABLE effects (org TEXT NOT NULL, reference TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL,
                      deadline TEXT NOT NULL, due_on TEXT NOT NULL, effect_on TEXT NOT NULL,
                      recorded_at BIGINT NOT NULL, PRIMARY KEY (org, reference, key));
CREATE TABLE outbox (id INTEGER PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL, cause TEXT NOT NULL,
                     channel TEXT NOT NULL, recipient TEXT NOT NULL, recipient_name TEXT NOT NULL,
                     subject TEXT NOT NULL, body TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
                     status TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL,
                     last_error TEXT NOT NULL, created_at BIGINT NOT NULL, sent_at BIGINT);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_by_case ON outbox (org, reference);
)",
         R"(
ALTER TABLE cases ADD COLUMN review_on TEXT;
CREATE INDEX cases_by_review ON cases (review_on, org, reference) WHERE review_on IS NOT NULL;
UPDATE cases SET review_on = next_due WHERE next_due >= to_char(current_date, 'YYYY-MM-DD');
CREATE TABLE effects (org TEXT NOT NULL, reference TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL,
                      deadline TEXT NOT NULL, due_on TEXT NOT NULL, effect_on TEXT NOT NULL,
                      recorded_at BIGINT NOT NULL, PRIMARY KEY (org, reference, key));
CREATE TABLE outbox (id BIGSERIAL PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL, cause TEXT NOT NULL,
                     channel TEXT NOT NULL, recipient TEXT NOT NULL, recipient_name TEXT NOT NULL,
                     subject TEXT NOT NULL, body TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
                     status TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL,
                     last_error TEXT NOT NULL, created_at BIGINT NOT NULL, sent_at BIGINT);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_by_case ON outbox (org, reference);
)"},
        {10,
         // Mail (issue 11): each person chooses one overview a day instead of a message per
         // notice; the notices held for it wait in the outbox as status 'held' until the overview
         // takes them ('digested'). Each organisation sends from its own address when it has one.
         // An effect that reached nobody (no account holds the role) is marked, for the dashboard.
         kMigration10, kMigration10},
        {11,
         // A message is kept once per case and Message-ID, in an index ordered by case: the sweep
         // queues the messages of cases in reference order, so its inserts land together, where a
         // unique index on the Message-ID alone (a hash) put each on a page of its own
         // (docs/performance.md, "The outbox by case"). The Message-ID is a hash of the
         // organisation and the case among others (service/message_id), so it is as unique as before.
         // Servers of an older version cannot queue into this outbox (their ON CONFLICT names the
         // old key): all servers of a database are upgraded together (README).
         R"(
CREATE TABLE outbox_by_message (id INTEGER PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL,
                     cause TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
                     recipient_name TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
                     message_id TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL,
                     next_attempt_at BIGINT NOT NULL, last_error TEXT NOT NULL, created_at BIGINT NOT NULL,
                     sent_at BIGINT);
INSERT INTO outbox_by_message SELECT id, org, reference, cause, channel, recipient, recipient_name, subject,
    body, message_id, status, attempts, next_attempt_at, last_error, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_by_message RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE UNIQUE INDEX outbox_by_case ON outbox (org, reference, message_id);
CREATE INDEX outbox_held ON outbox (org, recipient, id) WHERE status = 'held';
)",
         R"(
ALTER TABLE outbox DROP CONSTRAINT outbox_message_id_key;
DROP INDEX outbox_by_case;
CREATE UNIQUE INDEX outbox_by_case ON outbox (org, reference, message_id);
)"},
        {12,
         // Safe procedure changes (issue 12): a new version is added as a draft and goes live only
         // when an administrator activates it; an earlier one can be put back. The organisation
         // names the version in force, and every activation is kept with who made it. Versions
         // stored before were each in force from the moment they were added, the newest now.
         // A login may name no organisation: its accounts are then found by e-mail address.
         kMigration12, kMigration12},
        {13, kMigration13Sqlite, kMigration13Postgres},
        {14, kMigration14, kMigration14},
        {15, kMigration15, kMigration15},
        {16, kMigration16, kMigration16},
        {17, kMigration17, kMigration17},
        {18, kMigration18Sqlite, kMigration18Postgres},
        {19, kMigration19, kMigration19},
        {20, kMigration20Sqlite, kMigration20Postgres},
        {21, kMigration21, kMigration21},
        {22, kMigration22Sqlite, kMigration22Postgres},
        {23, kMigration23, kMigration23},
        {24, kMigration24, kMigration24},
        {25, kMigration25, kMigration25},
        {26, kMigration26Sqlite, kMigration26Postgres},
    };
    return list;
}

void migrate(SqlConnection& connection) {
    // Serialise concurrent first starts of several servers on one PostgreSQL database, from the
    // very first statement on.
    const bool postgres = connection.dialect() == Dialect::postgres;
    if (postgres)
        connection.query("SELECT pg_advisory_lock($1)", {kMigrationLock});
    try {
        migrate_locked(connection);
    } catch (...) {
        if (postgres)
            connection.query("SELECT pg_advisory_unlock($1)", {kMigrationLock});
        throw;
    }
    if (postgres)
        connection.query("SELECT pg_advisory_unlock($1)", {kMigrationLock});
}

void migrate_locked(SqlConnection& connection) {
    connection.execute_script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
    for (const auto& migration : migrations()) {
        connection.begin(false);
        try {
            const auto done = connection.query("SELECT version FROM schema_migrations WHERE version = $1",
                                               {int64_t{migration.version}});
            if (done.empty()) {
                connection.execute_script(connection.dialect() == Dialect::sqlite ? migration.sqlite
                                                                                  : migration.postgres);
                connection.query("INSERT INTO schema_migrations (version) VALUES ($1)",
                                 {int64_t{migration.version}});
            }
            connection.commit();
        } catch (...) {
            connection.rollback();
            throw;
        }
    }
}

}  // namespace meldpunt::storage
