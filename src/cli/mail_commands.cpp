#include "cli/mail_commands.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "cli/register.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/mail_settings.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"
#include "support/public_url.hpp"
#include "workers/mailbox_poller.hpp"

namespace meldpunt::cli {

namespace {

// The exit codes a mail system understands (sysexits.h): a temporary failure is tried again later,
// anything else but success goes back to the sender as a bounce.
constexpr int kDelivered = 0;
constexpr int kDataError = 65;   // EX_DATAERR: the message is refused (larger than Meldpunt takes)
constexpr int kNoSuchUser = 67;  // EX_NOUSER: no such organisation
constexpr int kTemporary = 75;   // EX_TEMPFAIL: the database could not take it now
// EX_CONFIG: this server is set up wrongly (a bad option, an organisation without a procedure in
// force); mail systems treat it as temporary, so nothing bounces while it is put right.
constexpr int kConfig = 78;

struct MailOptions {
    std::string db = "var/meldpunt.db";
    std::string audit_key_file = audit_key_file_from_environment();
    std::string org, public_url, address, imap_ca;
};

// Standard input up to `limit` bytes; the rest is read and counted, not kept, so that the mail
// system's pipe is drained. Answers the bytes kept and the whole size.
std::pair<std::string, size_t> read_stdin(size_t limit) {
    std::string kept;
    size_t total = 0;
    char buffer[65536];
    std::cin.sync_with_stdio(false);
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
        const auto got = static_cast<size_t>(std::cin.gcount());
        if (kept.size() < limit)
            kept.append(buffer, std::min(got, limit - kept.size()));
        total += got;
    }
    return {kept, total};
}

// Gives `cases` the public address its letters link to (--public-url); false, said on standard
// error, when it is none.
bool with_public_url(service::CaseService& cases, const std::string& given) {
    if (given.empty())
        return true;
    const auto url = support::normalise_public_url(given);
    if (!url) {
        std::cerr << "--public-url: '" << given << "' is not an http:// or https:// address\n";
        return false;
    }
    cases.set_public_url(*url);
    return true;
}

std::chrono::sys_seconds now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

int receive(const MailOptions& o) {
    // A message larger than the limit is kept up to the limit plus one byte, so that the service
    // sees it is too large and keeps its head in quarantine.
    auto [raw, total] = read_stdin(service::CaseService::kMaxMailBytes + 1);
    std::unique_ptr<storage::Store> store;
    try {
        store = open_register(o.db, o.audit_key_file, 1);
    } catch (const std::invalid_argument& e) {
        // The audit chain's key is missing or unusable: a configuration to fix, not an outage.
        std::cerr << "meldpunt mail receive: " << e.what() << "\n";
        return kConfig;
    } catch (const std::exception& e) {
        std::cerr << "meldpunt mail receive: the register cannot be reached, try again later: " << e.what()
                  << "\n";
        return kTemporary;
    }
    static const messages::Catalogue language(messages::Language::nl);
    service::ProcedureRegistry procedures;
    service::CaseService cases(*store, procedures, language);
    if (!with_public_url(cases, o.public_url))
        return kConfig;
    service::MailReceipt receipt;
    try {
        receipt = cases.receive_mail(o.org, raw, now());
    } catch (const std::exception& e) {
        // The database went away or refused the write (anything else the service keeps in
        // quarantine): nothing was taken in; the mail system keeps the message and delivers it
        // again (the same Message-ID is taken in once).
        std::cerr << "meldpunt mail receive: not taken in now, try again later: " << e.what() << "\n";
        return kTemporary;
    }
    std::cout << service::outcome_name(receipt.outcome);
    if (!receipt.reference.empty())
        std::cout << " " << receipt.reference;
    if (!receipt.reason.empty())
        std::cout << " (" << receipt.reason << ")";
    std::cout << "\n";
    if (receipt.outcome != service::MailOutcome::refused)
        return kDelivered;
    std::cerr << "meldpunt mail receive: " << receipt.reason << " (" << total << " bytes)\n";
    if (receipt.retry_later)
        return kConfig;
    return receipt.reason.rfind("no organisation", 0) == 0 ? kNoSuchUser : kDataError;
}

// One read of every organisation's mailbox (IMAP), as `serve` does every --mail-poll seconds.
int poll(const MailOptions& o) {
    auto store = open_register(o.db, o.audit_key_file, 2);
    static const messages::Catalogue language(messages::Language::nl);
    service::ProcedureRegistry procedures;
    service::CaseService cases(*store, procedures, language);
    if (!with_public_url(cases, o.public_url))
        return 1;
    const auto report = workers::poll_mailboxes(*store, cases, now, o.imap_ca);
    std::cout << report.mailboxes << " mailboxes read, " << report.taken << " messages taken in";
    if (report.failed > 0)
        std::cout << ", " << report.failed << " could not be read (see the administration page)";
    std::cout << "\n";
    return report.failed > 0 ? 1 : 0;
}

int set_address(const MailOptions& o) {
    auto store = open_register(o.db, o.audit_key_file, 1);
    service::MailSettings settings(*store);
    auto done = settings.set_mail_in(o.org, o.address, "cli", now());
    if (auto* e = done.failure()) {
        const messages::Catalogue en(messages::Language::en);
        std::cerr << en.text(e->message, e->args) << "\n";
        return 1;
    }
    std::cout << (o.address.empty() ? "no address for mail in" : "mail in at " + o.address) << " for "
              << o.org << "\n";
    return 0;
}

}  // namespace

void add_mail_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<MailOptions>();
    CLI::App* mail = app.add_subcommand("mail", "Mail in")->require_subcommand(1);
    CLI::App* receive_cmd = mail->add_subcommand("receive",
                                                 "Take in one e-mail from standard input (a mail system's "
                                                 "pipe); exit 75 asks the mail system to try again");
    receive_cmd->add_option("--db", o->db, "SQLite file or postgresql:// URL")->capture_default_str();
    receive_cmd->add_option("--audit-key-file", o->audit_key_file,
                            "The audit chain's key (default: $MELDPUNT_AUDIT_KEY_FILE)");
    receive_cmd->add_option("--org", o->org, "The organisation the mail was addressed to")->required();
    receive_cmd->add_option("--public-url", o->public_url,
                            "Where the public reaches this server, for the links in the acknowledgement");
    receive_cmd->callback([o, &exit_code] {
        try {
            exit_code = receive(*o);
        } catch (const std::exception& e) {
            std::cerr << "meldpunt mail receive: " << e.what() << "\n";
            exit_code = kTemporary;
        }
    });
    CLI::App* poll_cmd = mail->add_subcommand("poll", "Read every organisation's mailbox once (IMAP)");
    poll_cmd->add_option("--db", o->db, "SQLite file or postgresql:// URL")->capture_default_str();
    poll_cmd->add_option("--audit-key-file", o->audit_key_file,
                         "The audit chain's key (default: $MELDPUNT_AUDIT_KEY_FILE)");
    poll_cmd->add_option("--public-url", o->public_url,
                         "Where the public reaches this server, for the links in the acknowledgement");
    poll_cmd->add_option("--imap-ca", o->imap_ca, "PEM file with the authorities of the mailbox servers");
    poll_cmd->callback([o, &exit_code] {
        try {
            exit_code = poll(*o);
        } catch (const std::exception& e) {
            std::cerr << "meldpunt mail poll: " << e.what() << "\n";
            exit_code = 1;
        }
    });
    CLI::App* address_cmd = mail->add_subcommand(
        "address", "Set the address an organisation's mail arrives at (replies come back to it)");
    address_cmd->add_option("--db", o->db, "SQLite file or postgresql:// URL")->capture_default_str();
    address_cmd->add_option("--audit-key-file", o->audit_key_file,
                            "The audit chain's key (default: $MELDPUNT_AUDIT_KEY_FILE)");
    address_cmd->add_option("--org", o->org, "The organisation")->required();
    address_cmd->add_option("--address", o->address, "klachten@example.nl; empty: none")->required();
    address_cmd->callback([o, &exit_code] {
        try {
            exit_code = set_address(*o);
        } catch (const std::exception& e) {
            std::cerr << "meldpunt mail address: " << e.what() << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace meldpunt::cli
