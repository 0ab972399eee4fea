#pragma once
// An error as the person who caused it reads it on a page: what happened; for a step the
// regulation does not allow, what the rule means, what to do instead and the article of the
// regulation that says so, as a link (never the rule's id); for a change that came after someone
// else's, a link to the case as it is now.
#include <string>

#include "service/errors.hpp"
#include "web/web_context.hpp"
#include "web/web_request.hpp"

namespace meldpunt::web {

struct ErrorNotice {
    ErrorNotice() = default;
    ErrorNotice(std::string message) : text(std::move(message)) {}  // NOLINT: a plain message is a notice
    std::string text;
    std::string hint;  // what to do instead, may be empty
    std::string href;  // where to read more or look again, with `link` as its text; may be empty
    std::string link;
    // For a page's template: error, error_hint, error_href, error_link.
    void add_to(mstch::map& context) const;
};

// The notice for `e`, refused to `who` of organisation `org` when taking `action` on the case whose
// page is `case_href`.
ErrorNotice error_notice(WebContext& ctx, const WebRequest& request, const service::ServiceError& e,
                         const std::string& org, const std::string& action, const std::string& case_href);

}  // namespace meldpunt::web
