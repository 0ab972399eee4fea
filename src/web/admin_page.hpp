#pragma once
// The administration page itself (admin_pages.cpp), shown again after a change with what happened
// (`flash`) or why it was refused (`error`, a procedure file's `diagnostics`).
#include <string>
#include <vector>

#include "http/router.hpp"
#include "web/web_context.hpp"
#include "web/web_request.hpp"

namespace meldpunt::web {

http::Response show_admin(WebContext& ctx, const WebRequest& request, int status, const std::string& flash,
                          const std::string& error, const std::vector<std::string>& diagnostics);

}  // namespace meldpunt::web
