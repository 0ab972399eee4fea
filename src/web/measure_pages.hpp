#pragma once
// The register of improvement measures as pages (measure_pages.cpp), and the measures a case led
// to, for the case's page.
#include <mstch/mstch.hpp>

#include "web/web_context.hpp"
#include "web/web_request.hpp"

namespace meldpunt::web {

// The case page's section: the measures case `reference` led to, and the link to propose one from
// it for those who may.
mstch::map case_measures(WebContext& ctx, const WebRequest& request, const std::string& reference);

// The dashboard's list of the measures that wait for the reader: those they carry out (decided or in
// progress, the soonest due first) and the proposals they may decide on.
mstch::map dashboard_measures(WebContext& ctx, const WebRequest& request);

}  // namespace meldpunt::web
