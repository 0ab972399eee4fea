#include "support/imap_server.hpp"

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/process.hpp"

namespace meldpunt::testing {

namespace {

std::string current_user() {
    const passwd* pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "root";
}

std::string current_group() {
    const group* gr = getgrgid(getegid());
    return gr ? gr->gr_name : "root";
}

}  // namespace

ImapServer::ImapServer() : port_(free_tcp_port()), tls_port_(free_tcp_port()), as_root_(geteuid() == 0) {
    char pattern[] = "/tmp/meldpunt-imap-XXXXXX";
    if (!mkdtemp(pattern))
        throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    // Dovecot's own users read their configuration and the mail below it.
    std::filesystem::permissions(
        dir_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                  std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                  std::filesystem::perms::others_exec);
    std::filesystem::create_directories(dir_ + "/mail");
    std::ofstream(dir_ + "/users").close();
    // As root, Dovecot runs its processes as its own system users and keeps the mail as "dovecot";
    // as anyone else, everything runs as that user.
    const std::string internal = as_root_ ? "dovecot" : current_user();
    const std::string internal_group = as_root_ ? "dovecot" : current_group();
    const std::string login = as_root_ ? "dovenull" : current_user();
    // IMAPS with a certificate of its own for 127.0.0.1, which the client is given to trust.
    shell(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "
        "/CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        dir_ + "/imap.key -out " + dir_ + "/imap.pem");
    std::ofstream conf(dir_ + "/dovecot.conf");
    conf << "protocols = imap\nlisten = 127.0.0.1\nbase_dir = " << dir_ << "/run\nstate_dir = " << dir_
         << "/state\nlog_path = " << dir_ << "/dovecot.log\nssl = yes\nssl_cert = <" << dir_
         << "/imap.pem\nssl_key = <" << dir_ << "/imap.key\ndisable_plaintext_auth = no\n"
         << "auth_mechanisms = plain login\nmail_location = maildir:" << dir_ << "/mail/%u\n"
         << "first_valid_uid = 1\ndefault_internal_user = " << internal
         << "\ndefault_internal_group = " << internal_group << "\ndefault_login_user = " << login << "\n"
         << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << dir_
         << "/users\n}\n"
         << "userdb {\n  driver = static\n  args = uid=" << internal << " gid=" << internal_group
         << " home=" << dir_ << "/mail/%u\n}\n"
         << "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " << port_
         << "\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = " << tls_port_
         << "\n    ssl = yes\n  }\n  chroot =\n}\n"
         << "service anvil {\n  chroot =\n}\n";
    conf.close();
    if (as_root_)
        shell("chown -R dovecot:dovecot " + dir_ + "/mail");
    // Its daemon must not hold the pipe of shell() open.
    shell("/usr/sbin/dovecot -c " + dir_ + "/dovecot.conf </dev/null >" + dir_ + "/start.log 2>&1");
    // Dovecot forks into the background; wait until it answers.
    for (int i = 0; i < 100; ++i) {
        int status = 0;
        shell("curl -s --max-time 2 imap://127.0.0.1:" + std::to_string(port_) + "/ -X CAPABILITY", &status);
        if (status == 0)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("Dovecot did not start: " +
                             shell("cat " + dir_ + "/start.log " + dir_ + "/dovecot.log"));
}

ImapServer::~ImapServer() {
    std::ifstream pid_file(dir_ + "/run/master.pid");
    pid_t pid = 0;
    if (pid_file >> pid && pid > 0) {
        ::kill(pid, SIGTERM);
        for (int i = 0; i < 50 && ::kill(pid, 0) == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string ImapServer::url() const {
    return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX";
}

std::string ImapServer::tls_url() const {
    return "imaps://127.0.0.1:" + std::to_string(tls_port_) + "/INBOX";
}

void ImapServer::reset_mailbox(const std::string& user) {
    std::string users;
    {
        std::ifstream in(dir_ + "/users");
        std::stringstream all;
        all << in.rdbuf();
        users = all.str();
    }
    if (users.find(user + ":") == std::string::npos)
        std::ofstream(dir_ + "/users", std::ios::app) << user << ":{PLAIN}" << user << "\n";
    const std::string home = dir_ + "/mail/" + user;
    std::filesystem::remove_all(home);
    for (const char* sub : {"/new", "/cur", "/tmp"})
        std::filesystem::create_directories(home + sub);
    if (as_root_)
        shell("chown -R dovecot:dovecot " + home);
}

void ImapServer::deliver(const std::string& user, const std::string& raw) {
    // Written in tmp/ and moved into new/, as Maildir wants.
    const std::string name = std::to_string(getpid()) + "." + std::to_string(++delivered_) + ".meldpunt-test";
    const std::string home = dir_ + "/mail/" + user;
    std::ofstream(home + "/tmp/" + name, std::ios::binary) << raw;
    if (as_root_)
        shell("chown dovecot:dovecot " + home + "/tmp/" + name);
    std::filesystem::rename(home + "/tmp/" + name, home + "/new/" + name);
}

size_t ImapServer::with_keyword(const std::string& user, const std::string& keyword) const {
    const auto out = shell("curl -s imap://127.0.0.1:" + std::to_string(port_) + "/INBOX -u " + user + ":" +
                           user + " -X 'UID SEARCH KEYWORD " + keyword + "'");
    const auto at = out.find("* SEARCH");
    if (at == std::string::npos)
        return 0;
    std::istringstream words(out.substr(at + 8, out.find('\n', at) - at - 8));
    size_t n = 0;
    for (std::string w; words >> w;)
        ++n;
    return n;
}

ImapServer& imap_server() {
    static ImapServer server;
    return server;
}

}  // namespace meldpunt::testing
