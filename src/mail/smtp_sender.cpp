#include "mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

namespace meldpunt::mail {

namespace {

struct Upload {
    const std::string* data;
    size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const size_t n = std::min(size * count, upload->data->size() - upload->offset);
    std::memcpy(buffer, upload->data->data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// Keeps the relay's last refusal ("550 5.1.1 No such mailbox here"): its own words are the
// reason a message was not delivered, where libcurl's error says only which command failed.
int keep_last_answer(CURL*, curl_infotype type, char* data, size_t size, void* user) {
    if (type == CURLINFO_HEADER_IN) {
        std::string line(data, size);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        auto& kept = *static_cast<std::string*>(user);
        // A refusal (4xx, 5xx) is kept, in printable ASCII and at most 300 characters (it is shown
        // and stored); a later success forgets an earlier refusal, but "221 Bye" after a refusal
        // does not.
        if (!line.empty() && (line[0] == '4' || line[0] == '5')) {
            kept.clear();
            for (char c : line.substr(0, 300))
                kept += (c >= 0x20 && c < 0x7f) ? c : '?';
        } else if (!line.empty() && line.rfind("221", 0) != 0) {
            kept.clear();
        }
    }
    return 0;
}

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

// Where the login of scheme://user[:password]@host... is ([first, last) of the URL, before the
// '@'), if the URL has one: libcurl then logs in.
std::optional<std::pair<size_t, size_t>> login_in(const std::string& url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
        return std::nullopt;
    const auto user_start = scheme_end + 3;
    const auto at = url.rfind('@', url.find('/', user_start));
    if (at == std::string::npos || at < user_start)
        return std::nullopt;
    return std::pair{user_start, at};
}

// Where the password in the login is, if there is one.
std::optional<std::pair<size_t, size_t>> password_in(const std::string& url) {
    const auto login = login_in(url);
    if (!login)
        return std::nullopt;
    const auto colon = url.find(':', login->first);
    if (colon >= login->second)
        return std::nullopt;
    return std::pair{colon + 1, login->second};
}

}  // namespace

bool is_smtp_url(const std::string& url) {
    return (starts_with(url, "smtp://") || starts_with(url, "smtps://") ||
            starts_with(url, "smtp+starttls://")) &&
           url.find_first_of(" \r\n") == std::string::npos;
}

std::string without_password(const std::string& url) {
    const auto password = password_in(url);
    if (!password)
        return url;
    return url.substr(0, password->first) + "***" + url.substr(password->second);
}

struct SmtpSender::Handle {
    CURL* curl = nullptr;
    std::string url;
    std::string ca_file;
    bool require_tls = false;
    ~Handle() {
        if (curl)
            curl_easy_cleanup(curl);
    }
};

SmtpSender::SmtpSender(SmtpRelay relay) : handle_(std::make_unique<Handle>()) {
    const std::string& url = relay.url;
    if (!is_smtp_url(url))
        throw std::invalid_argument("'" + without_password(url) +
                                    "' is not an SMTP address (smtp://host:port or smtps://host:port)");
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    const bool starttls = starts_with(url, "smtp+starttls://");
    handle_->require_tls = starttls || login_in(url).has_value();
    handle_->url = starttls ? "smtp://" + url.substr(std::strlen("smtp+starttls://")) : url;
    handle_->ca_file = std::move(relay.ca_file);
    handle_->curl = curl_easy_init();
    if (!handle_->curl)
        throw std::runtime_error("libcurl could not start");
}

SmtpSender::~SmtpSender() = default;

SendResult SmtpSender::send(const std::string& from, const std::string& to, const std::string& message) {
    CURL* curl = handle_->curl;
    curl_easy_reset(curl);
    Upload upload{&message};
    const std::string mail_from = "<" + from + ">";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, handle_->url.c_str());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, handle_->require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    if (!handle_->ca_file.empty()) {
        // Only these authorities: not also the system's folder of them.
        curl_easy_setopt(curl, CURLOPT_CAINFO, handle_->ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    std::string last_answer;
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, keep_last_answer);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &last_answer);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    const CURLcode code = curl_easy_perform(curl);
    // The handle must not keep pointers to this call's buffers.
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(curl, CURLOPT_READDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L);
    curl_slist_free_all(recipients);
    if (code == CURLE_OK)
        return {SendResult::Kind::sent, ""};
    long answer = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer);
    const std::string failed = error[0] ? error : curl_easy_strerror(code);
    // The relay's words first when it answered with a refusal; else what went wrong on the way.
    const std::string reason = last_answer.empty() ? failed : last_answer + " (" + failed + ")";
    // Only the recipient refused is permanent: a 5xx to the greeting, STARTTLS, AUTH or MAIL FROM
    // is the relay's configuration, which someone will mend; the message waits for that.
    const bool permanent = answer >= 500 && answer < 600 && failed.find("RCPT") != std::string::npos;
    return {permanent ? SendResult::Kind::permanent : SendResult::Kind::temporary, reason};
}

}  // namespace meldpunt::mail
