#include "support/webhook_receiver.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

namespace meldpunt::testing {

namespace {

std::string script() {
    return std::string(MELDPUNT_TEST_SUPPORT_DIR) + "/webhook_receiver.py";
}

std::string read_file(const std::string& name) {
    std::ifstream in(name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

WebhookReceiver::WebhookReceiver() {
    std::string pattern = ::testing::TempDir() + "meldpunt-webhooks-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    port_ = free_tcp_port();
    const std::string log = dir_ + "/receiver.log";
    process_ = std::make_unique<Process>(
        std::vector<std::string>{"/usr/bin/python3", script(), std::to_string(port_), dir_ + "/requests"},
        log);
    for (int i = 0; i < 200; ++i) {
        if (read_file(log).find("ready") != std::string::npos)
            return;
        if (!process_->running())
            throw std::runtime_error("the webhook receiver did not start: " + read_file(log));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("the webhook receiver did not start within 10 s");
}

WebhookReceiver::~WebhookReceiver() {
    if (process_)
        process_->kill_hard();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string WebhookReceiver::url(const std::string& kind, const std::string& name) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + kind + "/" + name;
}

std::vector<ReceivedWebhook> WebhookReceiver::requests() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/requests", error))
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().string());
    std::sort(names.begin(), names.end());
    std::vector<ReceivedWebhook> out;
    for (const auto& name : names) {
        const auto record = nlohmann::json::parse(read_file(name));
        ReceivedWebhook r{
            name, record.at("path").get<std::string>(), {}, record.at("body").get<std::string>()};
        for (const auto& [header, value] : record.at("headers").items()) {
            std::string lower = header;
            for (auto& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers[lower] = value.get<std::string>();
        }
        out.push_back(std::move(r));
    }
    return out;
}

size_t WebhookReceiver::wait_for(size_t count, double seconds) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    size_t n = requests().size();
    while (n < count && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        n = requests().size();
    }
    return n;
}

void WebhookReceiver::clear() {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/requests", error))
        std::filesystem::remove(entry.path(), error);
}

std::string WebhookReceiver::verify(const std::string& secret, const ReceivedWebhook& request,
                                    int max_age) const {
    // The secret is hex digits and the file a path of our own: nothing to quote.
    std::string command = "/usr/bin/python3 " + script() + " verify " + secret + " " + request.file;
    if (max_age >= 0)
        command += " " + std::to_string(max_age);
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return "could not run the verifier";
    std::string out;
    char buffer[512];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    const int status = pclose(pipe);
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : out;
}

WebhookReceiver& webhook_receiver() {
    static WebhookReceiver receiver;
    return receiver;
}

}  // namespace meldpunt::testing
