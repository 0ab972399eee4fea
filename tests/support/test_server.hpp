#pragma once
// The whole server in the test process: a real store (SQLite file or PostgreSQL database), the
// services, the router (API and web pages) and the HTTP server on a free loopback port, with a
// clock the test sets.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "http/api.hpp"
#include "http/server.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/mail_settings.hpp"
#include "service/procedure_registry.hpp"
#include "service/sessions.hpp"
#include "storage/store.hpp"
#include "web/pages.hpp"
#include "web/web_context.hpp"

namespace meldpunt::testing {

// When the tokens of TestServer::create_user expire: 1 January 2100.
inline constexpr int64_t kTestTokenExpiry = 4102444800;

class TestServer {
  public:
    // `adjust` may change the server's options (http::ServerOptions) before it starts.
    explicit TestServer(const std::string& database_url,
                        const std::function<void(http::ServerOptions&)>& adjust = {});
    ~TestServer();

    int port() const { return port_; }
    storage::Store& store() { return *store_; }
    void set_now(const std::string& iso_instant);
    std::chrono::sys_seconds now() const {
        return std::chrono::sys_seconds{std::chrono::seconds{now_.load()}};
    }

    // Creates an organisation from policies/<procedure>.toml.
    void create_org(const std::string& id, const std::string& procedure);
    // Creates an account and returns its bearer token (valid until kTestTokenExpiry); with a
    // password it can log in on the pages.
    std::string create_user(const std::string& org, const std::string& email, const std::string& role,
                            const std::string& unit = "", const std::string& password = "");

    const http::Router& router() const { return router_; }
    http::ApiContext& api_context() { return *context_; }
    // The access log the API and the pages note openings in (flushed by the tests when they read it).
    service::AccessLog& access() { return *access_; }
    service::WebhookSettings& webhooks() { return *webhooks_; }
    service::DataSubjectDesk& subjects() { return *subjects_; }
    const http::HttpServer& http_server() const { return *server_; }

  private:
    std::unique_ptr<storage::Store> store_;
    service::ProcedureRegistry procedures_;
    std::unique_ptr<service::CaseService> cases_;
    std::unique_ptr<service::Directory> directory_;
    std::unique_ptr<service::Reports> reports_;
    std::unique_ptr<service::MeasureRegister> measures_;
    std::unique_ptr<service::RetentionDesk> retention_;
    std::unique_ptr<service::DataSubjectDesk> subjects_;
    http::Metrics metrics_;
    std::unique_ptr<service::AccessLog> access_;
    std::unique_ptr<service::WebhookSettings> webhooks_;
    std::unique_ptr<http::ApiContext> context_;
    std::unique_ptr<service::Sessions> sessions_;
    std::unique_ptr<service::MailSettings> mail_;
    std::unique_ptr<service::AccountLinks> account_links_;
    web::Pages pages_;
    std::unique_ptr<web::WebContext> web_context_;
    http::Router router_;
    std::unique_ptr<http::HttpServer> server_;
    std::thread thread_;
    std::atomic<int64_t> now_{0};
    int port_ = 0;
};

}  // namespace meldpunt::testing
