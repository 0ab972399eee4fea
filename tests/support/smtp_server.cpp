#include "support/smtp_server.hpp"

#include "support/mime_reader.hpp"

#include <cctype>

#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace meldpunt::testing {

SmtpServer::SmtpServer(std::optional<RelayLogin> login) : login_(std::move(login)) {
    std::string pattern = ::testing::TempDir() + "meldpunt-smtp-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    port_ = free_tcp_port();
    start();
}

SmtpServer::~SmtpServer() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void SmtpServer::start() {
    const std::string log = dir_ + "/sink.log";
    std::filesystem::remove(log);
    std::vector<std::string> command{"/usr/bin/python3",
                                     std::string(MELDPUNT_TEST_SUPPORT_DIR) + "/smtp_sink.py",
                                     std::to_string(port_), dir_ + "/mail"};
    if (login_)
        command.insert(command.end(), {"--secure", login_->user, login_->password});
    process_ = std::make_unique<Process>(command, log);
    // The sink prints "ready" to its log once it listens.
    for (int i = 0; i < 200; ++i) {
        std::ifstream in(log);
        std::stringstream text;
        text << in.rdbuf();
        if (text.str().find("ready") != std::string::npos)
            return;
        if (!process_->running())
            throw std::runtime_error("the SMTP server did not start: " + text.str());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("the SMTP server did not start within 10 s");
}

void SmtpServer::stop() {
    if (process_) {
        process_->kill_hard();
        process_.reset();
    }
}

std::vector<std::string> SmtpServer::messages() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/mail", error))
        if (entry.path().extension() == ".eml")
            names.push_back(entry.path().string());
    std::sort(names.begin(), names.end());
    std::vector<std::string> out;
    for (const auto& name : names) {
        std::ifstream in(name, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        out.push_back(text.str());
    }
    return out;
}

size_t SmtpServer::wait_for(size_t count, double seconds) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    size_t n = messages().size();
    while (n < count && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        n = messages().size();
    }
    return n;
}

void SmtpServer::clear() {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/mail", error))
        std::filesystem::remove(entry.path(), error);
}

SmtpServer& smtp_server() {
    static SmtpServer server;
    return server;
}

SmtpServer& secure_smtp_server() {
    static SmtpServer server(kSecureRelayLogin);
    return server;
}

std::string header_of(const std::string& message, const std::string& name) {
    std::istringstream in(message);
    std::string line, value;
    bool in_header = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            break;
        if (in_header && (line[0] == ' ' || line[0] == '\t')) {
            value += line;
            continue;
        }
        if (in_header)
            return value;
        const auto colon = line.find(':');
        if (colon != std::string::npos && strcasecmp(line.substr(0, colon).c_str(), name.c_str()) == 0) {
            in_header = true;
            value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
        }
    }
    return in_header ? value : "";
}

std::string body_text(const std::string& message) {
    std::string text = part_of_type(message, "text/plain").content;
    std::erase(text, '\r');
    return text;
}

}  // namespace meldpunt::testing
