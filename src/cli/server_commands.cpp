#include "cli/server_commands.hpp"

#include "cli/register.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/procedure/builtin_roles.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/language.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "loading/bounded_read.hpp"
#include "loading/procedure_loader.hpp"
#include "service/access_log.hpp"
#include "service/account_links.hpp"
#include "service/audit_anchors.hpp"
#include "service/audit_key.hpp"
#include "service/audit_log.hpp"
#include "service/crypto.hpp"
#include "service/directory.hpp"
#include "service/retention.hpp"
#include "service/sessions.hpp"
#include "service/sweep.hpp"
#include "storage/backup.hpp"
#include "support/background_priority.hpp"
#include "support/descriptor_limit.hpp"
#include "support/mail_address.hpp"
#include "support/periodic.hpp"
#include "support/public_url.hpp"
#include "support/text.hpp"
#include "web/routes.hpp"
#include "workers/delivery.hpp"
#include "workers/mailbox_poller.hpp"
#include "workers/sweep_worker.hpp"
#include "workers/webhook_delivery.hpp"

#include <date/tz.h>

namespace meldpunt::cli {

namespace {

constexpr const char* kDefaultDb = "var/meldpunt.db";

struct Options {
    std::string db = kDefaultDb;
    std::string listen = "127.0.0.1:8080";
    std::string public_url;  // empty: http://ADDRESS:PORT of --listen
    int threads = 8;         // event loops; reading handlers block on the database
    int write_threads = 32;  // changing handlers wait for their commit; many give group commit more to batch
    bool demo = false;
    std::string anchor;        // audit verify --anchor SEQ:HASH
    std::string anchors_file;  // audit verify --anchors: a file written by serve --audit-anchor-file
    // The key of the audit chain (service/audit_key.hpp), for every command that opens the register.
    std::string audit_key_file = audit_key_file_from_environment();
    std::vector<std::string> old_audit_key_files;  // audit verify: keys the chain was made with before
    std::string new_key_file;                      // audit new-key --to
    std::string audit_anchor_file;                 // serve: where anchors are appended
    bool audit_anchor_syslog = false;              // serve: anchors also to the system log
    int audit_anchor_interval = 600;               // serve: seconds between anchors
    std::string backup_file;                       // backup --to, restore --from
    std::string at;                                // sweep --at: the moment to sweep as of (default: now)
    int sweep_interval = 60;         // serve: seconds between sweeps; 0: no sweeps by this server
    int mail_poll = 60;              // serve: seconds between reads of the organisations' mailboxes; 0: none
    std::string metrics_token_file;  // serve: the token a scraper from elsewhere shows for /metrics
    std::string imap_ca;             // serve: the authorities the mailboxes' certificates are checked against
    std::string smtp;                // serve, deliver: the SMTP relay; serve without it sends nothing
    std::string smtp_ca;  // serve, deliver: the authorities the relay's certificate is checked against
    std::string mail_from, mail_from_name;
    int delivery_lease = 900;  // serve, deliver: seconds a claimed message waits before it is claimed again
    bool webhooks_private = false;  // serve, deliver: webhooks may go to loopback and private addresses
    bool secure_cookies = false;    // force Secure cookies on loopback too (behind a TLS proxy)
    bool trust_forwarded_for = false;
    int max_connections = 0;  // serve: 0: 2048, or what fits the descriptor limit
    int max_connections_per_client = 256;
    std::string policies = "policies";
    std::string id, name, procedure, org, email, role, unit, lang;
    bool password_stdin = false;
    bool activate = false;  // org procedure --activate: put the new version in force at once
    int version = 0;        // org activate --version
};

// Connections use descriptors: the server raises its own limit as far as it may, and by default
// holds no more connections than fit beside what it needs otherwise. A cap given on the command
// line is kept, with a warning when the limit may not allow it.
void size_connections(const Options& o, http::ServerOptions& options) {
    const size_t requested =
        o.max_connections > 0 ? static_cast<size_t>(o.max_connections) : options.max_connections;
    const auto limit = support::raise_descriptor_limit(requested + support::kReservedDescriptors);
    options.max_connections =
        o.max_connections > 0 ? requested : support::connections_that_fit(requested, limit.soft);
    if (limit.soft < options.max_connections + support::kReservedDescriptors)
        spdlog::warn(R"({{"event":"descriptor_limit_low","limit":{},"max_connections":{}}})", limit.soft,
                     options.max_connections);
    spdlog::info(R"({{"event":"connection_limits","descriptors":{},"max_connections":{},"per_client":{}}})",
                 limit.soft, options.max_connections, options.max_connections_per_client);
}

// The one clock of the command line and the server: everything below is given its "now".
calendar::Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::unique_ptr<storage::Store> open_register(const Options& o, int pool = 4) {
    return cli::open_register(o.db, o.audit_key_file, pool);
}

// A procedure file named on the command line; load_procedure_text refuses one that is too large.
std::string read_procedure_file(const std::string& path) {
    auto text = loading::read_at_most(path, loading::kMaxProcedureBytes);
    if (!text)
        throw std::runtime_error("cannot read " + path);
    return *text;
}

void print_error(const service::ServiceError& e, const messages::Catalogue& catalogue) {
    std::cerr << catalogue.text(e.message, e.args) << "\n";
}

// --demo: the five seed organisations with one account per role, new tokens printed at each start.
void seed_demo(storage::Store& store, const std::string& policies_dir) {
    const messages::Catalogue en(messages::Language::en);
    service::Directory directory(store);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(policies_dir))
        if (entry.path().extension() == ".toml")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    // One password for every demo account, new at every start: the web pages' logins. Never fixed
    // in code, and only with --demo.
    const std::string password = service::random_token().substr(0, 16);
    std::cout << "Demo accounts (token for the API; password for the web pages: " << password
              << "; new at every start, for demonstration only):\n";
    for (const auto& file : files) {
        const std::string text = read_procedure_file(file.string());
        auto loaded = loading::load_procedure_text(text);
        if (!loaded.loaded)
            continue;
        const auto& p = loaded.loaded->procedure;
        bool exists = false;
        store.read([&](storage::Tx& tx) { exists = tx.orgs.get(p.meta.id).has_value(); });
        if (!exists) {
            auto created = directory.create_org({p.meta.id, p.meta.organisation, text}, "demo", now());
            if (auto* e = created.failure()) {
                print_error(*e, en);
                continue;
            }
        }
        std::vector<std::pair<std::string, std::string>> accounts;  // role, name
        for (const auto& role : p.roles)
            if (!procedure::is_builtin_role(role.id))
                accounts.push_back({role.id, role.name});
        accounts.push_back({service::kAdministratorRole, "Beheerder"});
        for (const auto& [role, name] : accounts) {
            const std::string email = role + "@" + p.meta.id + ".demo";
            std::optional<std::string> token = directory.replace_tokens(p.meta.id, email, "demo", now());
            if (!token) {
                auto created =
                    directory.create_user({p.meta.id, email, name, {{role, ""}}, ""}, "demo", now());
                if (auto* t = created.success())
                    token = *t;
            }
            directory.set_password(p.meta.id, email, password, "demo", now());
            if (token)
                std::cout << "  " << p.meta.id << "  " << email << "  " << *token << "\n";
        }
    }
}

// --smtp and --mail-from go together; refused before anything starts.
std::optional<workers::DeliverySettings> delivery_settings(const Options& o) {
    // The lease holds for webhook deliveries too, with or without mail.
    if (o.delivery_lease < 5 || o.delivery_lease > 86400)
        throw std::invalid_argument("--delivery-lease: " + std::to_string(o.delivery_lease) +
                                    " is not between 5 and 86400 seconds");
    if (o.smtp.empty()) {
        if (!o.mail_from.empty())
            throw std::invalid_argument("--mail-from needs --smtp: the relay to send through");
        return std::nullopt;
    }
    if (!mail::is_smtp_url(o.smtp))
        throw std::invalid_argument("--smtp: '" + mail::without_password(o.smtp) +
                                    "' is not an SMTP address (smtp://host:port, smtps://host:port)");
    if (!o.smtp_ca.empty() && (!std::filesystem::is_regular_file(o.smtp_ca) || !std::ifstream(o.smtp_ca)))
        throw std::invalid_argument("--smtp-ca: '" + o.smtp_ca + "' cannot be read");
    if (!support::is_mail_address(o.mail_from))
        throw std::invalid_argument("--mail-from: '" + o.mail_from +
                                    "' is not an e-mail address (klachten@example.nl)");
    workers::DeliverySettings settings;
    settings.from_address = o.mail_from;
    settings.from_name = o.mail_from_name;
    settings.lease = std::chrono::seconds{o.delivery_lease};
    return settings;
}

// The token in `path` (--metrics-token-file), without the white space around it.
std::string metrics_token(const std::string& path) {
    const auto text = loading::read_at_most(path, 4096);
    const std::string token = text ? support::trimmed(*text) : std::string();
    if (token.size() < 32 || token.size() > 1024 || !support::valid_text(token))
        throw std::invalid_argument("--metrics-token-file: '" + path +
                                    "' does not hold a token of 32 to 1024 characters on one line");
    return token;
}

int serve(const Options& o) {
    // One JSON object per log line: {"time":...,"level":...,"event":...}. The messages are JSON
    // objects themselves; the pattern adds time and level in front of their fields.
    spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","log":%v})");
    service::init_crypto();
    std::optional<std::string> public_url;
    if (!o.public_url.empty() && !(public_url = support::normalise_public_url(o.public_url)))
        throw std::invalid_argument("--public-url: '" + o.public_url +
                                    "' is not an http:// or https:// address (no query, fragment or spaces)");
    const auto colon = o.listen.rfind(':');
    http::ServerOptions options;
    options.address = colon == std::string::npos ? "127.0.0.1" : o.listen.substr(0, colon);
    const int port = std::stoi(colon == std::string::npos ? o.listen : o.listen.substr(colon + 1));
    if (port < 0 || port > 65535)
        throw std::invalid_argument("--listen: port " + std::to_string(port) + " is out of range");
    options.port = static_cast<uint16_t>(port);
    options.threads = o.threads;
    options.write_threads = o.write_threads;
    options.trust_forwarded_for = o.trust_forwarded_for;
    options.max_connections_per_client = static_cast<size_t>(o.max_connections_per_client);
    size_connections(o, options);
    // Letters keep their links for good: served beyond this machine, the address the public uses
    // must be given, not guessed from the listening address (0.0.0.0 is no address for a letter).
    const bool loopback =
        options.address == "127.0.0.1" || options.address == "::1" || options.address == "localhost";
    if (!public_url && !loopback)
        throw std::invalid_argument(
            "--public-url is needed when serving on " + options.address +
            ": the address at which the public reaches Meldpunt, for the links in letters");
    const auto delivery = delivery_settings(o);
    auto store = open_register(o, o.threads + o.write_threads + 2);
    if (o.demo)
        seed_demo(*store, o.policies);
    static const messages::Catalogue letters(messages::Language::nl);
    service::ProcedureRegistry procedures;
    service::CaseService cases(*store, procedures, letters);
    http::Metrics metrics;
    service::Directory directory(*store);
    service::Reports reports(*store, procedures);
    service::MeasureRegister measures(*store, procedures, letters);
    http::ApiContext context{*store, cases, directory, reports, measures, metrics, now};
    // Staff's openings of cases, documents and exports, written a second's worth at a time.
    service::AccessLog access(*store);
    context.access = &access;
    if (!o.metrics_token_file.empty())
        context.metrics_token = metrics_token(o.metrics_token_file);
    context.behind_proxy = o.trust_forwarded_for;
    service::Sessions sessions(*store);
    service::MailSettings mail(*store);
    service::AccountLinks account_links(*store);
    service::RetentionDesk retention(*store, procedures);
    service::DataSubjectDesk subjects(*store, procedures);
    const web::Pages pages;
    // Cookies are Secure unless Meldpunt is served over plain HTTP on this machine only.
    web::WebContext web_context{cases,         directory, sessions,    mail,
                                account_links, reports,   measures,    retention,
                                subjects,      pages,     context.now, !loopback || o.secure_cookies};
    web_context.access = &access;
    service::WebhookSettings webhook_subscriptions(*store);
    web_context.webhooks = &webhook_subscriptions;
    http::Router router;
    http::add_api_routes(router, context);
    web::add_web_routes(router, web_context);
    web::prepare_procedure_diagrams(web_context);  // drawn in the background, before visitors come
    http::HttpServer server(router, metrics, options);
    server.bind();
    const bool v6 = options.address.find(':') != std::string::npos;
    const std::string listening = "http://" + (v6 ? "[" + options.address + "]" : options.address) + ":" +
                                  std::to_string(server.port());
    cases.set_public_url(public_url.value_or(listening));
    measures.set_public_url(public_url.value_or(listening));
    service::Sweeper sweeper(*store, procedures, letters);
    sweeper.set_public_url(public_url.value_or(listening));
    std::optional<workers::SweepWorker> sweeping;
    if (o.sweep_interval > 0)
        sweeping.emplace(*store, sweeper, now, std::chrono::seconds{o.sweep_interval});
    std::optional<workers::DeliveryWorker> delivering;
    if (delivery) {
        auto settings = *delivery;
        settings.public_url = public_url.value_or(listening);
        delivering.emplace(*store, mail::SmtpRelay{o.smtp, o.smtp_ca}, settings, now,
                           std::chrono::seconds{2});
    }
    // Webhooks need no settings of their own: each subscription names its receiver.
    workers::WebhookDeliverySettings webhook_settings;
    webhook_settings.limits.private_networks = o.webhooks_private;
    webhook_settings.lease = std::chrono::seconds{o.delivery_lease};
    workers::WebhookWorker webhooks(*store, cases, webhook_settings, now, std::chrono::seconds{2});
    std::optional<workers::MailboxPoller> polling;
    if (o.mail_poll > 0)
        polling.emplace(*store, cases, o.imap_ca, now, std::chrono::seconds{o.mail_poll});
    std::optional<support::Periodic> logging(
        std::in_place, [&access] { access.flush(); }, std::chrono::seconds{1},
        support::Periodic::Start::after_interval);
    // The audit chain's head published outside the database (service/audit_anchors.hpp).
    service::AnchorPublisher anchors(*store, o.audit_anchor_file, o.audit_anchor_syslog);
    const bool anchoring = !o.audit_anchor_file.empty() || o.audit_anchor_syslog;
    const auto publish_anchor = [&] {
        try {
            if (auto anchor = anchors.publish(now()))
                spdlog::info(R"({{"event":"audit_anchor","seq":{},"hash":"{}"}})", anchor->seq, anchor->hash);
        } catch (const std::exception& e) {
            spdlog::error(R"({{"event":"audit_anchor_failed","error":{}}})", nlohmann::json(e.what()).dump());
        }
    };
    std::optional<support::Periodic> anchoring_loop;
    if (anchoring)
        anchoring_loop.emplace(publish_anchor, std::chrono::seconds{o.audit_anchor_interval},
                               support::Periodic::Start::at_once);
    std::cout << "Meldpunt serves on http://" << options.address << ":" << server.port()
              << "/ (database: " << o.db << ")" << std::endl;
    spdlog::info(R"({{"event":"listening","address":"{}","port":{}}})", options.address, server.port());
    server.run();
    logging.reset();
    access.flush();  // the openings of the last second
    anchoring_loop.reset();
    if (anchoring)
        publish_anchor();  // the entries of the last minutes
    spdlog::info(R"({"event":"stopped"})");
    return 0;
}

// One sweep as of --at (an ISO 8601 moment; a date or a time without an offset is Amsterdam time)
// or now: for cron, for catching up by hand, for tests that move through a year.
int sweep(const Options& o) {
    support::lower_priority_of_this_thread();  // background work: requests beside it go first
    calendar::Instant at = now();
    if (!o.at.empty()) {
        const calendar::WorkingCalendar amsterdam({}, date::locate_zone("Europe/Amsterdam"));
        auto parsed = calendar::parse_instant(o.at, amsterdam);
        if (!parsed)
            throw std::invalid_argument(
                "--at: '" + o.at + "' is not a moment (for example 2027-03-01 or 2027-03-01T09:00:00+01:00)");
        at = *parsed;
    }
    auto store = open_register(o);
    static const messages::Catalogue language(messages::Language::nl);
    service::ProcedureRegistry procedures;
    service::Sweeper sweeper(*store, procedures, language);
    if (!o.public_url.empty()) {
        auto url = support::normalise_public_url(o.public_url);
        if (!url)
            throw std::invalid_argument("--public-url: '" + o.public_url +
                                        "' is not an http:// or https:// address");
        sweeper.set_public_url(*url);
    }
    const auto report = sweeper.sweep(at);
    std::cout << "sweep as of " << calendar::format_instant(at) << ": " << report.reviewed
              << " cases reviewed, " << report.effects << " new effects, " << report.queued
              << " messages queued";
    if (report.unaddressed > 0)
        std::cout << ", " << report.unaddressed << " effects with nobody to tell (no account has the role)";
    if (report.digests > 0)
        std::cout << ", " << report.digests << " daily overviews queued";
    if (report.figures_filled > 0)
        std::cout << ", " << report.figures_filled << " cases counted for the reports";
    if (report.anonymised > 0)
        std::cout << ", " << report.anonymised << " cases anonymised (retention passed)";
    if (report.held > 0)
        std::cout << ", " << report.held << " cases kept for a legal hold";
    if (report.loose_mail > 0)
        std::cout << ", " << report.loose_mail << " messages that became no case destroyed";
    std::cout << "\n";
    return 0;
}

// One delivery pass: everything in the outbox that is due now goes out, the webhooks' deliveries
// to their receivers and, with --smtp, the mail to the relay.
int deliver(const Options& o) {
    auto settings = delivery_settings(o);
    support::lower_priority_of_this_thread();
    auto store = open_register(o);
    {
        static const messages::Catalogue letters(messages::Language::nl);
        service::ProcedureRegistry procedures;
        service::CaseService cases(*store, procedures, letters);
        workers::WebhookDeliverySettings webhook_settings;
        webhook_settings.limits.private_networks = o.webhooks_private;
        webhook_settings.lease = std::chrono::seconds{o.delivery_lease};
        workers::WebhookDeliverer webhooks(*store, &cases, webhook_settings);
        const auto report = webhooks.deliver([] { return now(); });
        std::cout << "webhooks: " << report.sent << " delivered, " << report.retrying
                  << " to be tried again, " << report.failed << " not delivered, " << report.acknowledged
                  << " steps acknowledged\n";
    }
    if (!settings)
        return 0;
    if (!o.public_url.empty()) {
        auto url = support::normalise_public_url(o.public_url);
        if (!url)
            throw std::invalid_argument("--public-url: '" + o.public_url +
                                        "' is not an http:// or https:// address");
        settings->public_url = *url;
    }
    mail::SmtpSender sender(mail::SmtpRelay{o.smtp, o.smtp_ca});
    workers::Deliverer deliverer(*store, sender, *settings);
    const auto report = deliverer.deliver(now());
    std::cout << report.sent << " sent, " << report.retrying << " to be tried again, " << report.failed
              << " not delivered\n";
    return 0;
}

// Prints why a procedure file was refused, with each diagnostic at its line; the exit code.
int procedure_refused(const service::ServiceError& error, const std::string& path,
                      const std::vector<procedure_file::Diagnostic>& diagnostics,
                      const messages::Catalogue& catalogue) {
    print_error(error, catalogue);
    for (const auto& d : diagnostics)
        std::cerr << loading::format_diagnostic(path, d, catalogue) << "\n";
    return 1;
}

int org_create(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    auto store = open_register(o);
    std::vector<procedure_file::Diagnostic> diagnostics;
    auto result = service::Directory(*store).create_org({o.id, o.name, read_procedure_file(o.procedure)},
                                                        "cli", now(), &diagnostics);
    if (auto* e = result.failure())
        return procedure_refused(*e, o.procedure, diagnostics, catalogue);
    std::cout << o.id << "\n";
    return 0;
}

int org_procedure(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    auto store = open_register(o);
    service::Directory directory(*store);
    std::vector<procedure_file::Diagnostic> diagnostics;
    auto result =
        directory.add_procedure_version(o.id, read_procedure_file(o.procedure), "cli", now(), &diagnostics);
    if (auto* e = result.failure())
        return procedure_refused(*e, o.procedure, diagnostics, catalogue);
    std::cout << result.value() << "\n";  // added: its number, also when activating it fails
    if (o.activate) {
        auto activated = directory.activate_procedure_version(o.id, result.value(), "cli", now());
        if (auto* e = activated.failure()) {
            print_error(*e, catalogue);
            return 1;
        }
    }
    return 0;
}

int org_activate(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    auto store = open_register(o);
    auto activated = service::Directory(*store).activate_procedure_version(o.id, o.version, "cli", now());
    if (auto* e = activated.failure()) {
        print_error(*e, catalogue);
        return 1;
    }
    return 0;
}

int user_create(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    service::init_crypto();
    auto store = open_register(o);
    std::string password;
    if (o.password_stdin)
        std::getline(std::cin, password);
    auto result = service::Directory(*store).create_user(
        {o.org, o.email, o.name, {{o.role, o.unit}}, password}, "cli", now());
    if (auto* e = result.failure()) {
        print_error(*e, catalogue);
        return 1;
    }
    std::cout << result.value() << "\n";
    return 0;
}

// "SEQ:HASH" as `audit verify` prints it.
std::optional<service::AuditAnchor> parse_anchor(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || text.size() - colon - 1 != 64 ||
        text.find_first_not_of("0123456789abcdef", colon + 1) != std::string::npos)
        return std::nullopt;
    try {
        size_t used = 0;
        const int64_t seq = std::stoll(text.substr(0, colon), &used);
        if (used != colon || seq < 1)
            return std::nullopt;
        return service::AuditAnchor{seq, text.substr(colon + 1)};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// The keys a verification checks keyed entries with: the current one and those before it.
std::vector<service::AuditKey> verification_keys(const Options& o) {
    std::vector<service::AuditKey> keys;
    if (!o.audit_key_file.empty())
        keys.push_back(service::read_audit_key(o.audit_key_file));
    for (const auto& file : o.old_audit_key_files)
        keys.push_back(service::read_audit_key(file));
    return keys;
}

void print_broken(const service::AuditVerification& result) {
    if (result.problem == "anchor")
        std::cout << "audit log BROKEN: entry " << result.first_bad_seq
                  << " of an anchor is missing or different (entries removed or rewritten); "
                  << result.entries << " entries form a valid chain\n";
    else if (result.problem == "no_key")
        std::cout << "audit log NOT VERIFIED from entry " << result.first_bad_seq << ": it was made with key "
                  << result.missing_key << ", which was not given (--audit-key-file, --old-audit-key-file); "
                  << result.entries << " entries verified before it\n";
    else if (result.problem == "head_unkeyed")
        std::cout << "audit log NOT VERIFIED: its newest entry (" << result.first_bad_seq
                  << ") is not keyed, though a key was given: no entry was written with the key yet, or the"
                     " chain was rewritten without it\n";
    else if (result.problem == "unkeyed")
        std::cout << "audit log BROKEN at entry " << result.first_bad_seq
                  << ": an unkeyed entry after keyed ones (written without the key); " << result.entries
                  << " entries verified before it\n";
    else
        std::cout << "audit log BROKEN at entry " << result.first_bad_seq << " (" << result.problem << "); "
                  << result.entries << " entries verified before it\n";
}

int audit_verify(const Options& o) {
    service::init_crypto();
    std::vector<service::AuditAnchor> anchors;
    if (!o.anchors_file.empty())
        anchors = service::read_anchor_file(o.anchors_file);
    if (!o.anchor.empty()) {
        auto anchor = parse_anchor(o.anchor);
        if (!anchor)
            throw std::invalid_argument("--anchor: expected SEQ:HASH as printed by audit verify, got " +
                                        o.anchor);
        anchors.push_back(*anchor);
    }
    const auto keys = verification_keys(o);
    auto store = open_store(o.db);
    const auto result = service::verify_audit(*store, anchors, keys);
    if (!result.intact) {
        print_broken(result);
        return 1;
    }
    std::cout << "audit log intact: " << result.entries << " entries (" << result.keyed_entries << " keyed), "
              << anchors.size() << " anchors checked\n";
    if (result.entries > 0)
        std::cout << "anchor: " << result.entries << ":" << result.head_hash
                  << "  (keep it outside the database; --anchor checks that no later verification lost it)\n";
    return 0;
}

// A new key for the audit chain, in a file of its own (service/audit_key.hpp).
int audit_new_key(const Options& o) {
    service::init_crypto();
    const auto key = service::write_new_audit_key(o.new_key_file);
    std::cout
        << "audit key " << key.id << " written to " << o.new_key_file
        << " (readable by its owner only; keep a copy where the database's owner cannot reach it, and give it"
           " to every command with --audit-key-file or MELDPUNT_AUDIT_KEY_FILE)\n";
    return 0;
}

// A consistent copy of the SQLite register while it is served (storage/backup.hpp).
int backup(const Options& o) {
    storage::back_up(o.db, o.backup_file);
    std::cout << "backup of " << o.db << " written to " << o.backup_file
              << " (readable by its owner only; restore with meldpunt restore)\n";
    return 0;
}

// A backup put in place as a new register file, migrated to this version and its audit chain checked.
int restore(const Options& o) {
    storage::restore(o.backup_file, o.db);
    auto store = open_store(o.db);
    const auto result = service::verify_audit(*store, {}, verification_keys(o));
    std::cout << "restored " << o.backup_file << " as " << o.db << "; audit log "
              << (result.intact ? "intact: " + std::to_string(result.entries) + " entries"
                                : "BROKEN at entry " + std::to_string(result.first_bad_seq))
              << "\n";
    return result.intact ? 0 : 1;
}

template <typename F>
void guarded(int& exit_code, F f) {
    try {
        exit_code = f();
    } catch (const std::exception& e) {
        std::cerr << "meldpunt: " << e.what() << "\n";
        exit_code = 1;
    }
}

}  // namespace

// Every command that touches the register takes the same --db option.
void add_db_option(CLI::App* command, Options& o) {
    command->add_option("--db", o.db, "SQLite file or postgresql:// URL")->capture_default_str();
    command->add_option("--audit-key-file", o.audit_key_file,
                        "The audit chain's key (default: $MELDPUNT_AUDIT_KEY_FILE; see audit new-key)");
}

// The database, the organisation (`--id`, described by `id_help`), its procedure file, and the
// language of the file's diagnostics.
static void add_procedure_file_options(CLI::App* command, Options& o, const char* id_help) {
    add_db_option(command, o);
    command->add_option("--id", o.id, id_help)->required();
    command->add_option("--procedure", o.procedure, "Procedure file")->required();
    command->add_option("--lang", o.lang, "nl or en");
}

void add_server_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<Options>();
    CLI::App* serve_cmd = app.add_subcommand("serve", "Serve the register over HTTP");
    add_db_option(serve_cmd, *o);
    serve_cmd->add_option("--listen", o->listen, "Address:port")->capture_default_str();
    serve_cmd->add_option("--public-url", o->public_url,
                          "Where the public reaches this server, for the links in letters "
                          "(default: http://ADDRESS:PORT of --listen)");
    serve_cmd->add_option("--threads", o->threads, "Event loops (they also run reading requests)")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    serve_cmd->add_option("--write-threads", o->write_threads, "Threads for requests that change something")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve_cmd->add_flag("--secure-cookies", o->secure_cookies,
                        "Mark cookies Secure even on a loopback address (Meldpunt behind a TLS proxy)");
    serve_cmd->add_flag("--trust-forwarded-for", o->trust_forwarded_for,
                        "Take the client's address from X-Forwarded-For (only behind a proxy that sets it)");
    serve_cmd->add_option(
        "--audit-anchor-file", o->audit_anchor_file,
        "Append the audit chain's head to this file on a schedule (best on another machine)");
    serve_cmd->add_flag("--audit-anchor-syslog", o->audit_anchor_syslog,
                        "Also write the audit chain's head to the system log");
    serve_cmd
        ->add_option("--audit-anchor-interval", o->audit_anchor_interval, "Seconds between audit anchors")
        ->check(CLI::Range(10, 86400))
        ->capture_default_str();
    serve_cmd
        ->add_option("--max-connections", o->max_connections,
                     "Connections held open at once (default: 2048, or what the descriptor limit allows)")
        ->check(CLI::Range(16, 1 << 20));
    serve_cmd
        ->add_option("--max-connections-per-client", o->max_connections_per_client,
                     "Connections one client address holds at once (not behind --trust-forwarded-for)")
        ->check(CLI::Range(1, 1 << 20))
        ->capture_default_str();
    serve_cmd
        ->add_option("--sweep-interval", o->sweep_interval,
                     "Seconds between sweeps of due deadlines (0: this server does not sweep)")
        ->capture_default_str();
    serve_cmd
        ->add_option("--mail-poll", o->mail_poll,
                     "Seconds between reads of the organisations' mailboxes (IMAP, set on the administration "
                     "page; 0: this server reads none)")
        ->capture_default_str();
    serve_cmd
        ->add_option("--metrics-token-file", o->metrics_token_file,
                     "File with the token (32 characters or more) a scraper on another machine shows for "
                     "/metrics as 'Authorization: Bearer TOKEN'; without it only this machine reads them")
        ->check(CLI::ExistingFile);
    serve_cmd->add_option(
        "--imap-ca", o->imap_ca,
        "PEM file with the authorities that sign the mailbox servers' certificates, trusted "
        "instead of the system's");
    const auto add_mail_options = [&](CLI::App* command) {
        command
            ->add_option("--smtp", o->smtp,
                         "SMTP relay: smtp://[user:password@]host:port (STARTTLS when offered; always "
                         "with a password), smtp+starttls://... (required) or smtps://...; or from "
                         "MELDPUNT_SMTP, which keeps a password off the process list")
            ->envname("MELDPUNT_SMTP");
        command->add_option("--smtp-ca", o->smtp_ca,
                            "PEM file with the authorities that sign the relay's certificate (a relay "
                            "with an internal certificate), trusted instead of the system's");
        command->add_option("--mail-from", o->mail_from,
                            "Sender address of every message (klachten@example.nl)");
        command->add_option("--mail-from-name", o->mail_from_name, "Sender name shown with it");
        command
            ->add_option("--delivery-lease", o->delivery_lease,
                         "Seconds a batch of 10 messages (or webhook deliveries) being sent is held before "
                         "another try may take it (after a server died in mid-send); keep it well above what "
                         "10 sends take")
            ->capture_default_str();
    };
    add_mail_options(serve_cmd);
    const auto add_webhook_options = [&](CLI::App* command) {
        command->add_flag("--webhooks-to-private-networks", o->webhooks_private,
                          "Let webhooks reach loopback and private addresses (an ERP in the same network); "
                          "without it an organisation's webhook cannot make this server probe its network");
    };
    add_webhook_options(serve_cmd);
    serve_cmd->add_flag("--demo", o->demo,
                        "Create the seed organisations and demo accounts, print their tokens");
    serve_cmd->add_option("--policies", o->policies, "Folder with the procedure files for --demo");
    serve_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return serve(*o); }); });

    CLI::App* org = app.add_subcommand("org", "Organisations")->require_subcommand(1);
    CLI::App* org_create_cmd =
        org->add_subcommand("create", "Create an organisation with its procedure file");
    add_procedure_file_options(org_create_cmd, *o, "Organisation id (a-z, 0-9, -)");
    org_create_cmd->add_option("--name", o->name, "Display name (default: from the procedure)");
    org_create_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return org_create(*o); }); });

    CLI::App* org_procedure_cmd = org->add_subcommand(
        "procedure",
        "Add a new version of an organisation's procedure, not yet in force (prints its number)");
    add_procedure_file_options(org_procedure_cmd, *o, "Organisation id");
    org_procedure_cmd->add_flag("--activate", o->activate,
                                "Put the new version in force at once (otherwise: org activate, or the "
                                "administration page after comparing it with the version in force)");
    org_procedure_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return org_procedure(*o); }); });
    CLI::App* org_activate_cmd = org->add_subcommand(
        "activate",
        "Put a version of an organisation's procedure in force (a newer one, or an earlier one back)");
    add_db_option(org_activate_cmd, *o);
    org_activate_cmd->add_option("--id", o->id, "Organisation id")->required();
    org_activate_cmd->add_option("--version", o->version, "The version to put in force")->required();
    org_activate_cmd->add_option("--lang", o->lang, "nl or en");
    org_activate_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return org_activate(*o); }); });

    CLI::App* user = app.add_subcommand("user", "People")->require_subcommand(1);
    CLI::App* user_create_cmd =
        user->add_subcommand("create", "Create a staff account; prints its API token");
    add_db_option(user_create_cmd, *o);
    user_create_cmd->add_option("--org", o->org, "Organisation id")->required();
    user_create_cmd->add_option("--email", o->email, "E-mail address")->required();
    user_create_cmd->add_option("--name", o->name, "Name")->required();
    user_create_cmd->add_option("--role", o->role, "Role from the organisation's procedure, or administrator")
        ->required();
    user_create_cmd->add_option("--unit", o->unit, "Limit the role to this unit");
    user_create_cmd->add_flag("--password-stdin", o->password_stdin, "Read a password from standard input");
    user_create_cmd->add_option("--lang", o->lang, "nl or en");
    user_create_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return user_create(*o); }); });

    CLI::App* sweep_cmd = app.add_subcommand(
        "sweep", "Review every case that is due: reminders, notices and escalations, each once");
    add_db_option(sweep_cmd, *o);
    sweep_cmd->add_option("--at", o->at, "Sweep as of this moment (ISO 8601; default: now)");
    sweep_cmd->add_option("--public-url", o->public_url, "Where staff open cases, for the links in messages");
    sweep_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return sweep(*o); }); });

    CLI::App* deliver_cmd = app.add_subcommand("deliver", "Send what the outbox holds that is due, once");
    add_db_option(deliver_cmd, *o);
    add_mail_options(deliver_cmd);
    add_webhook_options(deliver_cmd);
    deliver_cmd->add_option("--public-url", o->public_url,
                            "Where complainants open their portal, for the links in letters");
    deliver_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return deliver(*o); }); });

    CLI::App* audit = app.add_subcommand("audit", "The audit trail")->require_subcommand(1);
    CLI::App* verify = audit->add_subcommand("verify", "Check the hash chain; exit 1 when it is broken");
    add_db_option(verify, *o);
    verify->add_option("--anchor", o->anchor,
                       "SEQ:HASH printed by an earlier verification: it must still be there");
    verify->add_option("--anchors", o->anchors_file,
                       "A file of anchors written by serve --audit-anchor-file: each must still be there");
    verify->add_option("--old-audit-key-file", o->old_audit_key_files,
                       "A key the chain was made with before the current one (repeatable)");
    CLI::App* new_key = audit->add_subcommand("new-key", "Make a new key for the audit chain");
    new_key->add_option("--to", o->new_key_file, "The new key file (must not exist)")->required();
    new_key->callback([o, &exit_code] { guarded(exit_code, [&] { return audit_new_key(*o); }); });
    verify->callback([o, &exit_code] { guarded(exit_code, [&] { return audit_verify(*o); }); });

    CLI::App* backup_cmd =
        app.add_subcommand("backup", "Copy the SQLite register while it is served (PostgreSQL: pg_dump)");
    add_db_option(backup_cmd, *o);
    backup_cmd->add_option("--to", o->backup_file, "The new file the copy goes to")->required();
    backup_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return backup(*o); }); });
    CLI::App* restore_cmd = app.add_subcommand(
        "restore", "Put a backup in place as a new register file (--db), migrated and its audit log checked");
    restore_cmd->add_option("--from", o->backup_file, "The backup file")->required();
    restore_cmd->add_option("--db", o->db, "The new SQLite register file (must not exist)")->required();
    restore_cmd->add_option("--audit-key-file", o->audit_key_file, "The audit chain's key, to verify it");
    restore_cmd->add_option("--old-audit-key-file", o->old_audit_key_files,
                            "Keys the chain was made with before");
    restore_cmd->callback([o, &exit_code] { guarded(exit_code, [&] { return restore(*o); }); });
}

}  // namespace meldpunt::cli
