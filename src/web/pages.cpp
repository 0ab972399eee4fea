#include "web/pages.hpp"

#include <nlohmann/json.hpp>

#include "web/assets.hpp"
#include "web/mustache_data.hpp"

namespace meldpunt::web {

namespace {

// "form.title" → {"form": {"title": ...}}, so that templates write {{t.form.title}}.
mstch::node texts_of(const messages::Catalogue& catalogue) {
    nlohmann::json tree = nlohmann::json::object();
    for (const auto& [key, text] : catalogue.texts_under("web.")) {
        nlohmann::json* node = &tree;
        size_t start = 0;
        for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
            node = &(*node)[key.substr(start, dot - start)];
            start = dot + 1;
        }
        (*node)[key.substr(start)] = text;
    }
    return to_mustache(tree);
}

std::string with_query(const std::string& path, const std::string& query) {
    return path + (path.find('?') == std::string::npos ? "?" : "&") + query;
}

}  // namespace

Pages::Pages()
    : templates_(templates()),
      nl_(messages::Language::nl),
      en_(messages::Language::en),
      texts_nl_(texts_of(nl_)),
      texts_en_(texts_of(en_)) {}

const messages::Catalogue& Pages::catalogue(messages::Language language) const {
    return language == messages::Language::en ? en_ : nl_;
}

std::string Pages::render(const std::string& template_name, mstch::map context, const Frame& frame) const {
    const bool english = frame.language == messages::Language::en;
    const mstch::node& texts = english ? texts_en_ : texts_nl_;
    mstch::map frame_data{
        {"lang", std::string(english ? "en" : "nl")},
        {"title", frame.title},
        {"csrf", frame.csrf},
        {"switch_language_href", with_query(frame.path, english ? "lang=nl" : "lang=en")},
        {"switch_language_label", std::string(english ? "Nederlands" : "English")},
        {"switch_language_lang", std::string(english ? "nl" : "en")},
    };
    if (frame.staff)
        frame_data.emplace("staff", mstch::map{{"name", frame.staff->name.empty() ? frame.staff->email
                                                                                  : frame.staff->name}});
    context.emplace("t", texts);
    context.emplace("frame", frame_data);
    const std::string content = mstch::render(templates_.at(template_name), context, templates_);
    mstch::map layout{{"t", texts}, {"frame", frame_data}, {"content", content}};
    return mstch::render(templates_.at("layout"), layout, templates_);
}

}  // namespace meldpunt::web
