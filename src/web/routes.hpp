#pragma once
// The web pages, declared in one place (routes.cpp). Staff pages live under /werk and /login; the
// public pages of an organisation under /{org}/... (organisation ids can never be "werk", "login",
// "logout", "static" or "api": directory.cpp refuses them).
#include "http/router.hpp"
#include "web/web_context.hpp"

namespace meldpunt::web {

void add_web_routes(http::Router& router, WebContext& context);

}  // namespace meldpunt::web
