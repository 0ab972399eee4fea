#pragma once
// The web pages, declared in one place (routes.cpp). Staff pages live under /werk and /login; the
// public pages of an organisation under /{org}/... (organisation ids can never be "werk", "login",
// "logout", "static" or "api": directory.cpp refuses them).
#include "http/router.hpp"
#include "web/web_context.hpp"

namespace meldpunt::web {

void add_web_routes(http::Router& router, WebContext& context);

// Queues the diagrams (both languages) of the procedure in force of `org`, or of every organisation
// when `org` is empty, to be drawn in the background (procedure_diagrams.hpp): at start and when a
// version is put in force, so that visitors find them drawn.
void prepare_procedure_diagrams(WebContext& context, const std::string& org = "");

}  // namespace meldpunt::web
