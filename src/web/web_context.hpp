#pragma once
// What the web pages' handlers work with: the services, the page renderer, the edge's clock.
#include <chrono>
#include <functional>
#include <memory>

#include "service/access_log.hpp"
#include "service/account_links.hpp"
#include "service/case_service.hpp"
#include "service/data_subject.hpp"
#include "service/directory.hpp"
#include "service/mail_settings.hpp"
#include "service/measure_register.hpp"
#include "service/reports.hpp"
#include "service/retention.hpp"
#include "service/sessions.hpp"
#include "service/webhook_settings.hpp"
#include "web/pages.hpp"
#include "web/procedure_diagrams.hpp"

namespace meldpunt::web {

struct WebContext {
    service::CaseService& cases;
    service::Directory& directory;
    service::Sessions& sessions;
    service::MailSettings& mail;
    service::AccountLinks& account_links;
    service::Reports& reports;
    service::MeasureRegister& measures;
    service::RetentionDesk& retention;
    service::DataSubjectDesk& subjects;
    const Pages& pages;
    std::function<std::chrono::sys_seconds()> now;
    bool secure_cookies = true;  // false only when served over plain HTTP (on loopback, for local use)
    std::shared_ptr<ProcedureDiagrams> diagrams = std::make_shared<ProcedureDiagrams>();
    // Where staff's openings of cases, documents and exports are noted (service/access_log.hpp).
    service::AccessLog* access = nullptr;
    // The organisations' webhooks (service/webhook_settings.hpp); set by whoever serves the pages.
    service::WebhookSettings* webhooks = nullptr;
};

}  // namespace meldpunt::web
