#include "mail/imap_mailbox.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <sstream>

namespace meldpunt::mail {

namespace {

void init_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
    std::string bytes;
    size_t size = 0;
    size_t limit = 0;
};

// Keeps what arrives up to the sink's limit; past it the transfer is stopped (a message larger
// than Meldpunt takes is not downloaded whole).
size_t write_to_sink(char* data, size_t size, size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const size_t n = size * count;
    sink->size += n;
    if (sink->bytes.size() < sink->limit)
        sink->bytes.append(data, std::min(n, sink->limit - sink->bytes.size()));
    return sink->size > sink->limit ? 0 : n;
}

// The host of `url` (without user info, port or path), lower case.
std::string host_of(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    rest = rest.substr(0, rest.find('/'));
    if (const auto at = rest.rfind('@'); at != std::string::npos)
        rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[')
        return rest.substr(0, rest.find(']') + 1);
    rest = rest.substr(0, rest.find(':'));
    std::transform(rest.begin(), rest.end(), rest.begin(), [](unsigned char c) { return std::tolower(c); });
    return rest;
}

// This machine itself: only there may a login go without TLS.
bool loopback(const std::string& url) {
    const auto host = host_of(url);
    if (host == "localhost" || host == "[::1]")
        return true;
    // 127.0.0.0/8 written as four numbers.
    int parts = 0;
    size_t start = 0;
    while (start <= host.size()) {
        const auto dot = std::min(host.find('.', start), host.size());
        const auto part = host.substr(start, dot - start);
        if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos)
            return false;
        if (parts == 0 && part != "127")
            return false;
        ++parts;
        start = dot + 1;
    }
    return parts == 4;
}

}  // namespace

bool is_imap_url(const std::string& url) {
    const bool scheme = url.rfind("imap://", 0) == 0 || url.rfind("imaps://", 0) == 0;
    // A host and a folder; no query, fragment or ";" parameters (they would change what libcurl
    // asks the server), no credentials in it, nothing that is no URL.
    const auto host = url.find("://") + 3;
    const auto path = url.find('/', host);
    return scheme && path != std::string::npos && path > host && path + 1 < url.size() &&
           url.find_first_of(" \r\n\t?#;@\\\"") == std::string::npos;
}

struct ImapMailbox::Handle {
    CURL* curl = nullptr;
    ImapLogin login;
    char error[CURL_ERROR_SIZE] = {};
    ~Handle() {
        if (curl)
            curl_easy_cleanup(curl);
    }
    // Runs one request on the folder's URL (with `suffix`, e.g. ";UID=5"); `command` is a custom
    // IMAP command or empty for a fetch. Throws ImapError.
    void run(const std::string& suffix, const std::string& command, Sink& sink) {
        curl_easy_setopt(curl, CURLOPT_URL, (login.url + suffix).c_str());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_sink);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
        error[0] = '\0';
        const CURLcode code = curl_easy_perform(curl);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
        if (code == CURLE_WRITE_ERROR && sink.size > sink.limit)
            return;  // stopped on purpose: what was kept is what the caller asked for
        if (code != CURLE_OK)
            throw ImapError(std::string(error[0] ? error : curl_easy_strerror(code)));
    }
};

ImapMailbox::ImapMailbox(ImapLogin login) : handle_(std::make_unique<Handle>()) {
    if (!is_imap_url(login.url))
        throw std::invalid_argument("not an IMAP address (imap://host/INBOX, imaps://host/INBOX)");
    init_curl();
    handle_->login = std::move(login);
    while (!handle_->login.url.empty() && handle_->login.url.back() == '/')
        handle_->login.url.pop_back();
    CURL* curl = handle_->curl = curl_easy_init();
    if (!curl)
        throw ImapError("libcurl could not start");
    curl_easy_setopt(curl, CURLOPT_USERNAME, handle_->login.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, handle_->login.password.c_str());
    // A password never crosses a network in the clear: STARTTLS required except on loopback.
    const bool plain_ok = loopback(handle_->login.url) || handle_->login.url.rfind("imaps://", 0) == 0;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, plain_ok ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    if (!handle_->login.ca_file.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, handle_->login.ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
    }
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle_->error);
}

ImapMailbox::~ImapMailbox() = default;

std::vector<uint64_t> ImapMailbox::waiting(size_t limit) {
    Sink sink{{}, 0, 8 << 20};  // a million UIDs; beyond that the rest waits for the next pass
    handle_->run("", std::string("UID SEARCH UNKEYWORD ") + kTakenInKeyword, sink);
    if (sink.size > sink.limit) {
        // Cut off: the last number may be cut too.
        const auto last_space = sink.bytes.find_last_of(' ');
        sink.bytes.resize(last_space == std::string::npos ? 0 : last_space);
    }
    // "* SEARCH 3 7 12\r\n"
    std::vector<uint64_t> uids;
    std::istringstream lines(sink.bytes);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("* SEARCH", 0) != 0)
            continue;
        std::istringstream words(line.substr(8));
        for (std::string word; words >> word;)
            if (!word.empty() && word.find_first_not_of("0123456789") == std::string::npos &&
                word.size() < 20)
                uids.push_back(std::stoull(word));
    }
    std::sort(uids.begin(), uids.end());
    if (uids.size() > limit)
        uids.resize(limit);
    return uids;
}

std::string ImapMailbox::fetch(uint64_t uid, size_t max_bytes) {
    Sink sink{{}, 0, max_bytes};
    handle_->run("/;UID=" + std::to_string(uid), "", sink);
    return std::move(sink.bytes);
}

void ImapMailbox::mark_taken_in(uint64_t uid) {
    Sink sink{{}, 0, 4096};
    handle_->run("", "UID STORE " + std::to_string(uid) + " +FLAGS (\\Seen " + kTakenInKeyword + ")", sink);
}

}  // namespace meldpunt::mail
