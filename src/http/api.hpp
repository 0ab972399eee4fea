#pragma once
// The REST API v1 (docs/api.md, docs/openapi.yaml): one thin handler per endpoint.
#include <chrono>
#include <functional>
#include <memory>

#include "http/metrics.hpp"
#include "http/rendered_case_cache.hpp"
#include "http/router.hpp"
#include "messages/catalogue.hpp"
#include "service/access_log.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/measure_register.hpp"
#include "service/reports.hpp"
#include "storage/store.hpp"

namespace meldpunt::http {

struct ApiContext {
    storage::Store& store;  // for one-snapshot routes and the health check
    service::CaseService& cases;
    service::Directory& directory;
    service::Reports& reports;
    service::MeasureRegister& measures;
    Metrics& metrics;
    std::function<std::chrono::sys_seconds()> now;  // the edge's clock
    // Renderings of recently read cases (about 4 KB each, so at most some 16 MB).
    std::shared_ptr<RenderedCaseCache> rendered = std::make_shared<RenderedCaseCache>(4096);
    // What a scraper from elsewhere than this machine shows to read /metrics (serve
    // --metrics-token-file); empty: only this machine's own scraper reads them.
    std::string metrics_token;
    // Served behind a reverse proxy (serve --trust-forwarded-for): a request from loopback is the
    // proxy's, from anyone, so /metrics asks for the token from every scraper.
    bool behind_proxy = false;
    // Where staff's openings of cases and documents are noted (service/access_log.hpp); set by
    // whoever serves the API.
    service::AccessLog* access = nullptr;
};

void add_api_routes(Router& router, ApiContext& context);

}  // namespace meldpunt::http
