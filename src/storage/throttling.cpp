#include "storage/throttling.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kInsertLoginFailure = "INSERT INTO login_failures (key, at) VALUES ($1, $2)";
constexpr const char* kCountLoginFailures = "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2";
constexpr const char* kDeleteLoginFailures = "DELETE FROM login_failures WHERE key = $1";
// One row only: a success takes back the failure its own attempt recorded, not others of that second.
constexpr const char* kDeleteOneLoginFailureSqlite =
    "DELETE FROM login_failures WHERE rowid = (SELECT rowid FROM login_failures WHERE key = $1 AND at = $2 "
    "LIMIT 1)";
constexpr const char* kDeleteOneLoginFailurePostgres =
    "DELETE FROM login_failures WHERE ctid = (SELECT ctid FROM login_failures WHERE key = $1 AND at = $2 "
    "LIMIT 1)";
constexpr const char* kDeleteLoginFailuresBefore = "DELETE FROM login_failures WHERE at < $1";
constexpr const char* kInsertFiling = "INSERT INTO public_filings (client, at) VALUES ($1, $2)";
constexpr const char* kCountFilings = "SELECT COUNT(*) FROM public_filings WHERE client = $1 AND at >= $2";
constexpr const char* kInsertLinkRequest = "INSERT INTO link_requests (key, at) VALUES ($1, $2)";
constexpr const char* kDeleteLinkRequestsBefore = "DELETE FROM link_requests WHERE at < $1";
constexpr const char* kCountLinkRequests = "SELECT COUNT(*) FROM link_requests WHERE key = $1 AND at >= $2";
constexpr const char* kDeleteFilingsBefore = "DELETE FROM public_filings WHERE at < $1";
constexpr const char* kInsertUpload = "INSERT INTO public_uploads (client, at, bytes) VALUES ($1, $2, $3)";
constexpr const char* kSumUploads =
    "SELECT CAST(COALESCE(SUM(bytes), 0) AS BIGINT) FROM public_uploads WHERE client = $1 AND at >= $2";
constexpr const char* kDeleteUploadsBefore = "DELETE FROM public_uploads WHERE at < $1";

}  // namespace

void Throttling::record_login_failure(const std::string& key, int64_t at) {
    db_.query(kInsertLoginFailure, {key, at});
}

int64_t Throttling::login_failures_since(const std::string& key, int64_t since) {
    return single_number(db_.query(kCountLoginFailures, {key, since}));
}

void Throttling::clear_login_failures(const std::string& key) {
    db_.query(kDeleteLoginFailures, {key});
}

void Throttling::clear_one_login_failure(const std::string& key, int64_t at) {
    db_.query(
        db_.dialect() == Dialect::sqlite ? kDeleteOneLoginFailureSqlite : kDeleteOneLoginFailurePostgres,
        {key, at});
}

void Throttling::forget_login_failures_before(int64_t at) {
    db_.query(kDeleteLoginFailuresBefore, {at});
}

void Throttling::record_public_filing(const std::string& client, int64_t at) {
    db_.query(kInsertFiling, {client, at});
}

int64_t Throttling::public_filings_since(const std::string& client, int64_t since) {
    return single_number(db_.query(kCountFilings, {client, since}));
}

void Throttling::forget_public_filings_before(int64_t at) {
    db_.query(kDeleteFilingsBefore, {at});
}

void Throttling::record_public_upload(const std::string& client, int64_t bytes, int64_t at) {
    db_.query(kInsertUpload, {client, at, bytes});
}

int64_t Throttling::public_upload_bytes_since(const std::string& client, int64_t since) {
    return single_number(db_.query(kSumUploads, {client, since}));
}

void Throttling::forget_public_uploads_before(int64_t at) {
    db_.query(kDeleteUploadsBefore, {at});
}

void Throttling::record_link_request(const std::string& key, int64_t at) {
    db_.query(kInsertLinkRequest, {key, at});
}

int64_t Throttling::link_requests_since(const std::string& key, int64_t since) {
    return single_number(db_.query(kCountLinkRequests, {key, since}));
}

void Throttling::forget_link_requests_before(int64_t at) {
    db_.query(kDeleteLinkRequestsBefore, {at});
}

}  // namespace meldpunt::storage
