#include "procedure_file/compare.hpp"

#include <map>

#include "procedure_file/describe.hpp"

namespace meldpunt::procedure_file {

namespace {

std::string joined(const std::vector<std::string>& lines, const std::string& separator = "\n") {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : separator) + line;
    return out;
}

// The parts of a procedure the regulation's chapters do not hold, as articles of one chapter.
Chapter general_part(const procedure::Procedure& p, const messages::Catalogue& c) {
    const procedure::Metadata& m = p.meta;
    Chapter out{c.text("compare.general"), "", {}};
    auto add = [&](const std::string& key, const std::string& value) {
        if (!value.empty())
            out.articles.push_back({key, c.text("compare." + key, {value})});
    };
    add("name", m.name);
    add("organisation", m.organisation);
    add("file_version", std::to_string(m.version));
    add("source", m.source);
    add("introduction", m.introduction);
    add("letterhead", joined(m.letterhead));
    add("place", m.place);
    out.articles.push_back(
        {"subjects_see_case",
         c.text(m.subjects_see_case ? "compare.subjects_see_case_yes" : "compare.subjects_see_case_no")});
    add("timezone", p.calendar.timezone);
    return out;
}

// An article as compared: its first printing, and the stages it is printed under (an action under
// each stage it starts from: a stage added to or dropped from its start is a change of the action).
struct Compared {
    const Article* article = nullptr;
    std::vector<std::string> under;

    bool operator==(const Compared& other) const {
        return article->text == other.article->text && article->detail == other.article->detail &&
               under == other.under;
    }
    // The text, with the stages it starts from where those differ between the two versions.
    std::string text(const Compared& other, const messages::Catalogue& c) const {
        if (under == other.under)
            return article->text;
        return article->text + " " + c.text("compare.from_stages", {joined(under, ", ")});
    }
};

// Articles by key, in their first order.
std::map<std::string, Compared> by_key(const Chapter& chapter) {
    std::map<std::string, Compared> out;
    for (const auto& a : chapter.articles) {
        auto& entry = out[a.key];
        if (!entry.article)
            entry.article = &a;
        if (!a.under.empty())
            entry.under.push_back(a.under);
    }
    return out;
}

ChapterChanges compare_chapter(const Chapter* before, const Chapter* after, const messages::Catalogue& c) {
    ChapterChanges out{after ? after->heading : before->heading, {}};
    const auto old_articles = before ? by_key(*before) : std::map<std::string, Compared>{};
    const auto new_articles = after ? by_key(*after) : std::map<std::string, Compared>{};
    // Removed first, in the old order; then added and changed, in the new order.
    if (before)
        for (const auto& a : before->articles)
            if (!new_articles.count(a.key) && old_articles.at(a.key).article == &a)
                out.changes.push_back({ArticleChange::What::removed, a.text, "", a.detail, ""});
    if (after)
        for (const auto& a : after->articles) {
            const Compared& now = new_articles.at(a.key);
            if (now.article != &a)
                continue;
            auto found = old_articles.find(a.key);
            if (found == old_articles.end()) {
                out.changes.push_back({ArticleChange::What::added, "", a.text, "", a.detail});
                continue;
            }
            const Compared& was = found->second;
            if (was == now)
                continue;
            const bool wording = was.article->detail != a.detail;
            out.changes.push_back({ArticleChange::What::changed, was.text(now, c), now.text(was, c),
                                   wording ? was.article->detail : "", wording ? a.detail : ""});
        }
    return out;
}

}  // namespace

std::vector<ChapterChanges> compare_procedures(const procedure::Procedure& in_force,
                                               const procedure::Procedure& next,
                                               const messages::Catalogue& catalogue) {
    std::vector<Chapter> before = describe(in_force, catalogue).chapters;
    std::vector<Chapter> after = describe(next, catalogue).chapters;
    before.insert(before.begin(), general_part(in_force, catalogue));
    after.insert(after.begin(), general_part(next, catalogue));
    std::vector<ChapterChanges> out;
    auto keep = [&](ChapterChanges changes) {
        if (!changes.changes.empty())
            out.push_back(std::move(changes));
    };
    // Chapters are found by heading (a chapter without articles is left out of a regulation).
    for (const auto& chapter : after) {
        const Chapter* old = nullptr;
        for (const auto& b : before)
            if (b.heading == chapter.heading)
                old = &b;
        keep(compare_chapter(old, &chapter, catalogue));
    }
    for (const auto& chapter : before) {
        bool kept = false;
        for (const auto& a : after)
            kept = kept || a.heading == chapter.heading;
        if (!kept)
            keep(compare_chapter(&chapter, nullptr, catalogue));
    }
    return out;
}

}  // namespace meldpunt::procedure_file
