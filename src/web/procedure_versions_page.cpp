// The versions of an organisation's procedure for its administrator (issue 12: another
// organisation's file went live at once). A new file is checked and added as a version that is not
// yet in force; its page shows how it differs from the version in force, in the regulation's own
// words, and a button puts it in force. An earlier version is put back from its page the same way.
#include <map>

#include "loading/procedure_loader.hpp"
#include "procedure_file/compare.hpp"
#include "service/directory.hpp"
#include "web/admin_page.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"
#include "web/routes.hpp"

namespace meldpunt::web {

namespace {

// How a change is named on the page, and its class for the stylesheet.
struct ChangeLook {
    const char* label;
    const char* css;
};

ChangeLook look_of(procedure_file::ArticleChange::What what) {
    switch (what) {
        case procedure_file::ArticleChange::What::added:
            return {"web.admin.change_added", "added"};
        case procedure_file::ArticleChange::What::removed:
            return {"web.admin.change_removed", "removed"};
        default:
            return {"web.admin.change_changed", "changed"};
    }
}

mstch::array chapters_of(const std::vector<procedure_file::ChapterChanges>& chapters,
                         const messages::Catalogue& t) {
    mstch::array out;
    for (const auto& chapter : chapters) {
        mstch::array changes;
        for (const auto& c : chapter.changes) {
            // Was and becomes where the article reads differently; only a letter's wording
            // changed: the article once, and the wording open.
            const bool both = c.what == procedure_file::ArticleChange::What::changed && c.before != c.after;
            const ChangeLook look = look_of(c.what);
            changes.push_back(
                mstch::map{{"class", std::string(look.css)},
                           {"label", t.text(look.label)},
                           {"both", both},
                           {"before", c.before},
                           {"after", c.after},
                           {"only", both              ? std::string()
                                    : c.after.empty() ? c.before
                                                      : c.after},
                           {"open", !both && c.what == procedure_file::ArticleChange::What::changed},
                           {"wording", !c.detail_before.empty() || !c.detail_after.empty()},
                           {"wording_before", c.detail_before},
                           {"wording_after", c.detail_after}});
        }
        out.push_back(mstch::map{{"heading", chapter.heading}, {"changes", changes}});
    }
    return out;
}

// `text` of a version number in the URL: a positive number of at most six digits, or 0.
int version_in(const std::string& text) {
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return std::stoi(text);
}

Response show_version(WebContext& ctx, const WebRequest& request, int version, int status,
                      const std::string& flash, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto history = ctx.directory.procedure_history(who.org);
    auto shown = version > 0 ? ctx.cases.procedure(who.org, version) : nullptr;
    auto in_force = ctx.cases.procedure(who.org, history.in_force);
    if (!shown || !in_force)
        return error_page(ctx, request, 404, "error.not_found");
    const bool is_in_force = version == history.in_force;
    const auto chapters =
        is_in_force
            ? mstch::array{}
            : chapters_of(procedure_file::compare_procedures(in_force->procedure, shown->procedure, t), t);
    const bool newer = version > history.in_force;
    mstch::map context{
        {"version", std::to_string(version)},
        {"title", t.text("web.admin.version_title", {std::to_string(version)})},
        {"intro", is_in_force ? t.text("web.admin.is_in_force")
                              : t.text("web.admin.compared_with",
                                       {std::to_string(version), std::to_string(history.in_force)})},
        {"chapters", chapters},
        {"no_differences", !is_in_force && chapters.empty()},
        {"can_activate", !is_in_force},
        {"in_force", std::to_string(history.in_force)},
        {"activate_label",
         t.text(newer ? "web.admin.activate" : "web.admin.put_back", {std::to_string(version)})},
        {"flash", flash},
        {"error", error}};
    return html(
        ctx, request, status,
        ctx.pages.render("procedure_version", context,
                         request.frame(t.text("web.admin.version_title", {std::to_string(version)}))));
}

}  // namespace

Response admin_upload_procedure(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& t = request.catalogue(ctx);
    if (form->files.size() != 1)
        return show_admin(ctx, request, 422, "", t.text("web.admin.choose_file"), {});
    const auto& file = form->files.front();
    const auto& who = *request.staff;
    std::vector<procedure_file::Diagnostic> diagnostics;
    auto result =
        ctx.directory.add_procedure_version(who.org, file.content, who.email, ctx.now(), &diagnostics);
    if (auto* e = result.failure()) {
        std::vector<std::string> lines;
        for (const auto& d : diagnostics)
            lines.push_back(loading::format_diagnostic(file.filename, d, t));
        return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), lines);
    }
    return show_version(ctx, request, result.value(), 200,
                        t.text("web.admin.procedure_added", {std::to_string(result.value())}), "");
}

Response admin_procedure_version(WebContext& ctx, const WebCall& request) {
    return show_version(ctx, request, version_in(request.param("version")), 200, "", "");
}

Response admin_activate_procedure(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const int version = version_in(request.param("version"));
    // The comparison the administrator confirmed was with the version in force then.
    const int compared_with = version_in(request.form->get("in_force"));
    auto result = ctx.directory.activate_procedure_version(
        who.org, version, who.email, ctx.now(),
        compared_with > 0 ? std::optional<int>(compared_with) : std::nullopt);
    if (auto* e = result.failure()) {
        if (e->kind == service::ErrorKind::not_found)
            return error_page(ctx, request, 404, "error.not_found");
        return show_version(ctx, request, version, http::http_status(e->kind), "",
                            message_of(request, ctx, *e));
    }
    prepare_procedure_diagrams(ctx, who.org);  // the public page shows it from now on
    return show_admin(ctx, request, 200, t.text("web.admin.activated_now", {std::to_string(version)}), "",
                      {});
}

}  // namespace meldpunt::web
