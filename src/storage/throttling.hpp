#pragma once
// Counts that slow down abuse: failed logins per key (an account, an address), filings on the
// public form and bytes uploaded by complainants per client address, and requests for a password link. In the
// database, so that every server counts the same.
#include <cstdint>
#include <string>

#include "storage/sql.hpp"

namespace meldpunt::storage {

class Throttling {
  public:
    explicit Throttling(SqlConnection& db) : db_(db) {}

    void record_login_failure(const std::string& key, int64_t at);
    int64_t login_failures_since(const std::string& key, int64_t since);
    void clear_login_failures(const std::string& key);
    // Removes one failure of `key` recorded at `at` (the one an attempt that succeeded recorded).
    void clear_one_login_failure(const std::string& key, int64_t at);
    void forget_login_failures_before(int64_t at);

    void record_public_filing(const std::string& client, int64_t at);
    int64_t public_filings_since(const std::string& client, int64_t since);
    void forget_public_filings_before(int64_t at);

    // Bytes complainants uploaded from a client address (dossier_files.hpp).
    void record_public_upload(const std::string& client, int64_t bytes, int64_t at);
    int64_t public_upload_bytes_since(const std::string& client, int64_t since);
    void forget_public_uploads_before(int64_t at);

    // Requests for a link to set a password, per key ("address:…", "client:…").
    void record_link_request(const std::string& key, int64_t at);
    int64_t link_requests_since(const std::string& key, int64_t since);
    void forget_link_requests_before(int64_t at);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
