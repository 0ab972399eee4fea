#include "support/test_server.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/calendar/instant.hpp"
#include "service/crypto.hpp"
#include "service/directory.hpp"
#include "web/routes.hpp"

namespace meldpunt::testing {

namespace {
const messages::Catalogue& letter_language() {
    static const messages::Catalogue nl(messages::Language::nl);
    return nl;
}
}  // namespace

TestServer::TestServer(const std::string& database_url,
                       const std::function<void(http::ServerOptions&)>& adjust) {
    service::init_crypto();
    store_ = storage::Store::open(database_url, 8);
    cases_ = std::make_unique<service::CaseService>(*store_, procedures_, letter_language());
    set_now("2027-01-20T12:00:00Z");
    directory_ = std::make_unique<service::Directory>(*store_);
    reports_ = std::make_unique<service::Reports>(*store_, procedures_);
    measures_ = std::make_unique<service::MeasureRegister>(*store_, procedures_, letter_language());
    context_ = std::make_unique<http::ApiContext>(http::ApiContext{
        *store_, *cases_, *directory_, *reports_, *measures_, metrics_, [this] { return now(); }});
    access_ = std::make_unique<service::AccessLog>(*store_);
    context_->access = access_.get();
    http::add_api_routes(router_, *context_);
    sessions_ = std::make_unique<service::Sessions>(*store_);
    mail_ = std::make_unique<service::MailSettings>(*store_);
    account_links_ = std::make_unique<service::AccountLinks>(*store_);
    retention_ = std::make_unique<service::RetentionDesk>(*store_, procedures_);
    subjects_ = std::make_unique<service::DataSubjectDesk>(*store_, procedures_);
    web_context_ = std::make_unique<web::WebContext>(
        web::WebContext{*cases_, *directory_, *sessions_, *mail_, *account_links_, *reports_, *measures_,
                        *retention_, *subjects_, pages_, [this] { return now(); }, false});
    web_context_->access = access_.get();
    webhooks_ = std::make_unique<service::WebhookSettings>(*store_);
    web_context_->webhooks = webhooks_.get();
    web::add_web_routes(router_, *web_context_);
    http::ServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.grace_seconds = 0;
    options.handle_signals = false;
    if (adjust)
        adjust(options);
    server_ = std::make_unique<http::HttpServer>(router_, metrics_, options);
    server_->bind();
    port_ = server_->port();
    cases_->set_public_url("http://127.0.0.1:" + std::to_string(port_));
    measures_->set_public_url("http://127.0.0.1:" + std::to_string(port_));
    thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
    server_->stop();
    thread_.join();
}

void TestServer::set_now(const std::string& iso_instant) {
    const auto calendar = *loading::make_calendar({}, "Europe/Amsterdam");
    auto at = calendar::parse_instant(iso_instant, calendar);
    if (!at)
        throw std::invalid_argument(iso_instant);
    now_ = at->time_since_epoch().count();
}

void TestServer::create_org(const std::string& id, const std::string& procedure) {
    std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/" + procedure + ".toml");
    std::ostringstream text;
    text << in.rdbuf();
    auto result = directory_->create_org({id, "", text.str()}, "test", now());
    if (!result.ok())
        throw std::runtime_error("create_org failed: " + result.error().code);
}

std::string TestServer::create_user(const std::string& org, const std::string& email, const std::string& role,
                                    const std::string& unit, const std::string& password) {
    auto result = directory_->create_user(
        {org, email, email.substr(0, email.find('@')), {{role, unit}}, password}, "test", now());
    if (!result.ok())
        throw std::runtime_error("create_user failed: " + result.error().code);
    // Tests move their clock across years; the account's token lasts through all of them (tokens
    // expire as the service issues them: tested with tokens issued through it).
    const std::string token = result.value();
    store_->transact([&](storage::Tx& tx) {
        const auto user = tx.accounts.user_by_email(org, email);
        tx.accounts.delete_tokens_of(user->id);
        tx.accounts.insert_token(service::sha256_hex(token), user->id, 0, kTestTokenExpiry, "test");
    });
    return token;
}

}  // namespace meldpunt::testing
