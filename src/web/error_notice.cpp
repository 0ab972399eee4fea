#include "web/error_notice.hpp"

#include "domain/calendar/day.hpp"
#include "procedure_file/describe.hpp"
#include "render/due_date_text.hpp"
#include "web/handler_support.hpp"

namespace meldpunt::web {

namespace {

// The rule of the procedure in force that refused: of the kind the error names, for the action
// taken when the procedure has several of that kind.
const procedure::Rule* refusing_rule(const procedure::Procedure& procedure, const std::string& kind,
                                     const std::string& action) {
    const procedure::Rule* found = nullptr;
    for (const auto& rule : procedure.rules) {
        if (rules::rule_kind_id(rule.kind) != kind)
            continue;
        if (rule.action == action)
            return &rule;
        if (!found)
            found = &rule;
    }
    return found;
}

// The refusal's particulars (after the rule's id, source and text) for the reader: days in words,
// people by name.
std::vector<std::string> particulars(WebContext& ctx, const std::string& org, const service::ServiceError& e,
                                     const messages::Catalogue& t) {
    const auto names = people_names(ctx, org);
    std::vector<std::string> out;
    for (size_t i = 3; i < e.args.size(); ++i) {
        const auto day = calendar::parse_day(e.args[i]);
        const auto person = names.find(e.args[i]);
        out.push_back(day ? render::long_date(*day, t) : person != names.end() ? person->second : e.args[i]);
    }
    return out;
}

ErrorNotice rule_notice(WebContext& ctx, const WebRequest& request, const service::ServiceError& e,
                        const std::string& org, const std::string& action) {
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(org);
    const procedure::Rule* rule = loaded ? refusing_rule(loaded->procedure, e.rule, action) : nullptr;
    if (!rule)
        return ErrorNotice(t.text("web.refusal.rule", {e.args.size() > 2 ? e.args[2] : ""}));
    ErrorNotice notice(t.text("web.refusal.rule", {rule->text}));
    if (const std::string hint = "web.refusal." + e.rule; t.has(hint))
        notice.hint = t.text(hint, particulars(ctx, org, e, t));
    const auto place = procedure_file::place_of(procedure_file::describe(loaded->procedure, t),
                                                procedure_file::rule_article_key(*rule));
    if (place) {
        const std::string number = std::to_string(place->chapter) + "." + std::to_string(place->article);
        notice.href = "/" + org + "/procedure#artikel-" + std::to_string(place->chapter) + "-" +
                      std::to_string(place->article);
        notice.link = t.text("web.refusal.article", {number});
    }
    return notice;
}

}  // namespace

void ErrorNotice::add_to(mstch::map& context) const {
    context["error"] = text;
    context["error_hint"] = hint;
    context["error_href"] = href;
    context["error_link"] = link;
}

ErrorNotice error_notice(WebContext& ctx, const WebRequest& request, const service::ServiceError& e,
                         const std::string& org, const std::string& action, const std::string& case_href) {
    const auto& t = request.catalogue(ctx);
    if (!e.rule.empty())
        return rule_notice(ctx, request, e, org, action);
    if (e.code == "version_mismatch") {
        ErrorNotice notice(t.text("web.refusal.changed_meanwhile"));
        notice.href = case_href;
        notice.link = t.text("web.refusal.reload");
        return notice;
    }
    return ErrorNotice(message_of(request, ctx, e));
}

}  // namespace meldpunt::web
