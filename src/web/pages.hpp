#pragma once
// Renders a page: a template from web/templates with web/templates/layout.mustache around it.
// Mustache escapes every {{value}}; only HTML that Meldpunt itself made goes in {{{triple}}}.
// Every template sees `t`, the page language's texts below "web." by dotted key ({{t.form.title}}),
// and `frame`: the language, the signed-in person, the CSRF token for forms. Thread-safe.
#include <mstch/mstch.hpp>
#include <optional>
#include <string>

#include "messages/catalogue.hpp"
#include "service/principal.hpp"

namespace meldpunt::web {

struct Frame {
    messages::Language language = messages::Language::nl;
    std::string title;
    std::string csrf;                         // the browser's CSRF token, for every form
    std::optional<service::Principal> staff;  // signed in: staff navigation and logout
    std::string path;                         // this page, for the language switch
};

class Pages {
  public:
    Pages();
    std::string render(const std::string& template_name, mstch::map context, const Frame& frame) const;
    const messages::Catalogue& catalogue(messages::Language language) const;

  private:
    std::map<std::string, std::string> templates_;
    messages::Catalogue nl_, en_;
    mstch::node texts_nl_, texts_en_;
};

}  // namespace meldpunt::web
