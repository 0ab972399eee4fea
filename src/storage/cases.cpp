#include "storage/cases.hpp"

#include <algorithm>

#include "storage/case_codec.hpp"
#include "storage/row_values.hpp"
#include "storage/rows_parameter.hpp"
#include "storage/search_text.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kNextReference =
    "INSERT INTO counters (org, year, value) VALUES ($1, $2, 1) "
    "ON CONFLICT (org, year) DO UPDATE SET value = counters.value + 1 RETURNING value";
// Columns as read by case_from.
constexpr const char* kSelectCase =
    "SELECT org, reference, version, subject, description, next_due, data, review_on, figures FROM cases "
    "WHERE org = $1 AND reference = $2";
constexpr const char* kSelectStamp =
    "SELECT version, unit, handler, stage FROM cases WHERE org = $1 AND reference = $2";
// The people a case belongs to besides its handler (who registered it, whom it is about), and the
// stages it has left, in one statement. case_stages holds only stages a case has left: the one it
// is in is the cases row's, so that an intake and an action that keeps the stage write nothing there.
constexpr const char* kSelectPeopleAndStages =
    "SELECT person, relation, seq FROM case_people WHERE org = $1 AND reference = $2 "
    "UNION ALL SELECT stage, 'reached', 0 FROM case_stages WHERE org = $1 AND reference = $2 ORDER BY 3";
constexpr const char* kInsertStage =
    "INSERT INTO case_stages (org, reference, stage) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
constexpr const char* kInsertPerson =
    "INSERT INTO case_people (org, reference, person, relation, seq) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kAboutPerson =
    "SELECT reference FROM case_people WHERE org = $1 AND person = $2 AND relation = 'about' "
    "ORDER BY reference LIMIT $3";
constexpr const char* kDeleteAbout =
    "DELETE FROM case_people WHERE org = $1 AND reference = $2 AND relation = 'about'";
constexpr const char* kRegistered = "registered";
constexpr const char* kAbout = "about";
constexpr const char* kReached = "reached";
constexpr const char* kInsertCasePostgres =
    "INSERT INTO cases (org, reference, kind, stage, unit, handler, received_at, next_due, version, subject, "
    "description, data, review_on, parties, figures, purge_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, $14, $15, $16)";
// SQLite: the rowid is the moment received times kRowsPerSecond plus the number of cases received
// before in that second, so that the rowid order, which the FTS5 index walks in, is the register's
// order of receipt (migration 13).
constexpr const char* kInsertCaseSqlite =
    "INSERT INTO cases (rowid, org, reference, kind, stage, unit, handler, received_at, next_due, version, "
    "subject, description, data, review_on, parties, figures, purge_on) VALUES (COALESCE((SELECT MAX(rowid) "
    "+ 1 "
    "FROM cases WHERE rowid >= $7 * 1048576 AND rowid < ($7 + 1) * 1048576), $7 * 1048576), "
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
constexpr const char* kUpdateCase =
    "UPDATE cases SET kind = $3, stage = $4, unit = $5, handler = $6, next_due = $7, version = $8, "
    "data = $9, review_on = $11, figures = $12, purge_on = $14 WHERE org = $1 AND reference = $2 "
    "AND version = $10 "
    // The figures as read: the sweep fills in a case's first figures without a new version, and on
    // PostgreSQL a request may have read the case before; counting both would count it twice.
    "AND figures IS NOT DISTINCT FROM $13";
// Cases whose figures the register does not count yet, along the partial index
// cases_without_figures (migration 18), which holds only those.
constexpr const char* kWithoutFigures =
    "SELECT org, reference, version, subject, description, next_due, data, review_on, figures FROM cases "
    "WHERE org = $1 AND figures IS NULL AND received_at >= $2 AND received_at < $3 "
    "AND (received_at, reference) > ($4, $5) ORDER BY received_at, reference LIMIT $6";
constexpr const char* kAnyWithoutFigures =
    "SELECT org, reference, version, subject, description, next_due, data, review_on, figures FROM cases "
    "WHERE figures IS NULL AND (org, received_at, reference) > ($1, $2, $3) ORDER BY org, received_at, "
    "reference "
    "LIMIT $4";
constexpr const char* kSetFigures =
    "UPDATE cases SET figures = $4 WHERE org = $1 AND reference = $2 AND version = $3 AND figures IS NULL";
// The sweep's work list: every organisation's cases due for a review by `day`, in the order they
// became due, after a cursor.
constexpr const char* kDueForReview =
    "SELECT org, reference, version, subject, description, next_due, data, review_on, figures FROM cases "
    "WHERE review_on IS NOT NULL AND review_on <= $1 "
    "AND (review_on, org, reference) > ($2, $3, $4) ORDER BY review_on, org, reference LIMIT $5";
constexpr const char* kSetReviewOn =
    "UPDATE cases SET review_on = $4 WHERE org = $1 AND reference = $2 AND version = $3";
// PostgreSQL: many cases in one statement, each row's columns in kSetReviewOn's parameter order;
// it returns the positions of the rows whose case was still at its version.
const std::string kSetReviewOnRowsPostgres =
    std::string("UPDATE cases SET review_on = r.value ->> 3 FROM ") + kRowsFromParameter +
    " WHERE cases.org = r.value ->> 0 AND cases.reference = r.value ->> 1 "
    "AND cases.version = CAST(r.value ->> 2 AS BIGINT) RETURNING r.n";
constexpr const char* kCountCases = "SELECT COUNT(*) FROM cases";
constexpr const char* kSelectIdempotency = "SELECT reference FROM idempotency WHERE org = $1 AND key = $2";
constexpr const char* kInsertIdempotency =
    "INSERT INTO idempotency (org, key, reference) VALUES ($1, $2, $3)";
constexpr const char* kInsertPortalLink =
    "INSERT INTO portal_links (hash, org, reference, created_at) VALUES ($1, $2, $3, $4)";
constexpr const char* kSelectPortalLink = "SELECT org, reference FROM portal_links WHERE hash = $1";
// SQLite only: the text row shares the case row's rowid, so that a search is a rowid set (list_in).
constexpr const char* kInsertTextSqlite =
    "INSERT INTO case_text (rowid, org, reference, body) "
    "VALUES ((SELECT rowid FROM cases WHERE org = $1 AND reference = $2), $1, $2, $3)";
constexpr const char* kUpdateText =
    "UPDATE cases SET subject = $3, description = $4, parties = $5 WHERE org = $1 AND reference = $2";
constexpr const char* kDeleteTextSqlite =
    "DELETE FROM case_text WHERE rowid = (SELECT rowid FROM cases WHERE org = $1 AND reference = $2)";
// The register's query is put together by list_in from these parts.
constexpr const char* kListColumns =
    "SELECT c.org, c.reference, c.version, c.subject, c.description, c.next_due, c.data, c.review_on, "
    "c.figures ";
constexpr const char* kListFromCases = "FROM cases c WHERE c.org = $1";
// SQLite: the FTS5 index walked in rowid order, which is the order of receipt.
constexpr const char* kListFromTextSqlite =
    "FROM case_text t JOIN cases c ON c.rowid = t.rowid WHERE c.org = $1";
constexpr const char* kTextWalkSqlite = "case_text MATCH ?";
constexpr const char* kTextMatchSqlite = "c.rowid IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)";
constexpr const char* kTextMatchPostgres = "c.search @@ to_tsquery('dutch', ?)";
// SQLite: the next term of the FTS5 index from $1 on, below $2 (the vocabulary table of migration 13).
constexpr const char* kNextTermSqlite = "SELECT term FROM case_terms WHERE term >= $1 AND term < $2 LIMIT 1";
// A word that begins more terms than this is searched for as a prefix.
constexpr size_t kMostTermsPerWord = 16;
// The years an organisation has references in: a number typed alone is looked up in each.
constexpr const char* kReferenceYears = "SELECT year FROM counters WHERE org = $1 ORDER BY year";

// NULL for a case whose figures are not known (the partial index cases_without_figures holds those).
SqlValue figures_value(const std::string& figures) {
    return figures.empty() ? SqlValue{} : SqlValue{figures};
}

// The day the sweep anonymises the case (service/retention.hpp): its retention's end, once.
std::optional<calendar::Day> purge_on(const cases::Case& c) {
    return c.anonymised_on ? std::nullopt : c.retain_until;
}

StoredCase case_from(const Row& row) {
    StoredCase stored;
    stored.org = text(row, 0);
    stored.version = number(row, 2);
    stored.subject = text(row, 3);
    stored.description = text(row, 4);
    stored.next_due = optional_day(row, 5);
    stored.state = decode_case(nlohmann::json::parse(text(row, 6)));
    stored.review_on = optional_day(row, 7);
    stored.figures = text(row, 8);
    stored.state.reference = text(row, 1);
    return stored;
}

}  // namespace

int64_t Cases::next_reference_number(const std::string& org, int year) {
    return single_number(db_.query(kNextReference, {org, int64_t{year}}));
}

std::optional<StoredCase> Cases::get(const std::string& org, const std::string& reference) {
    return first_row(db_.query(kSelectCase, {org, reference}), case_from);
}

std::optional<CaseStamp> Cases::stamp(const std::string& org, const std::string& reference) {
    auto stamp = first_row(db_.query(kSelectStamp, {org, reference}), [](const Row& row) {
        return CaseStamp{number(row, 0), text(row, 1), text(row, 2), "", {}, {text(row, 3)}};
    });
    if (!stamp)
        return stamp;
    for (const auto& row : db_.query(kSelectPeopleAndStages, {org, reference})) {
        const std::string relation = text(row, 1);
        if (relation == kRegistered)
            stamp->registered_by = text(row, 0);
        else if (relation == kReached)
            stamp->reached.push_back(text(row, 0));
        else
            stamp->about.push_back(text(row, 0));
    }
    return stamp;
}

std::vector<std::string> Cases::about_person(const std::string& org, const std::string& person, int limit) {
    std::vector<std::string> out;
    for (const auto& row : db_.query(kAboutPerson, {org, person, int64_t{limit}}))
        out.push_back(text(row, 0));
    return out;
}

void Cases::write_about(const std::string& org, const cases::Case& c) {
    int64_t seq = 1;
    for (const auto& person : c.about)
        db_.query(kInsertPerson, {org, c.reference, person, std::string(kAbout), seq++});
}

void Cases::insert(const StoredCase& s, const std::optional<std::string>& data) {
    const cases::Case& c = s.state;
    db_.query(db_.dialect() == Dialect::sqlite ? kInsertCaseSqlite : kInsertCasePostgres,
              {s.org, c.reference, c.kind, c.stage, c.unit, c.handler,
               int64_t{c.received_at.time_since_epoch().count()}, day_value(s.next_due), s.version, s.subject,
               s.description, data ? *data : encode_case(c).dump(), day_value(s.review_on), parties_text(c),
               figures_value(s.figures), day_value(purge_on(c))});
    count_figures(s.org, "", s.figures);
    if (!c.registered_by().empty())
        db_.query(kInsertPerson,
                  {s.org, c.reference, c.registered_by(), std::string(kRegistered), int64_t{0}});
    write_about(s.org, c);
    write_stages_left(s.org, c);
    if (db_.dialect() == Dialect::sqlite)
        pending_text_.push_back(
            {s.org, c.reference, s.subject + "\n" + s.description + "\n" + parties_text(c)});
}

void Cases::write_deferred() {
    for (const auto& row : pending_text_)
        db_.query(kInsertTextSqlite, {row.org, row.reference, row.body});
    pending_text_.clear();
}

void Cases::forget_deferred_since(size_t mark) {
    pending_text_.resize(std::min(mark, pending_text_.size()));
}

void Cases::write_stages_left(const std::string& org, const cases::Case& c) {
    for (const auto& stage : c.stages_reached())
        if (stage != c.stage)
            db_.query(kInsertStage, {org, c.reference, stage});
}

void Cases::count_figures(const std::string& org, const std::string& before, const std::string& after) {
    if (before == after)
        return;
    // A line this version cannot read counts as none (tally.hpp: a new line format comes with a
    // migration that counts the register afresh).
    const auto keys = [](const std::string& line) {
        auto read = line.empty() ? std::nullopt : report::keys_of_line(line);
        return read ? std::move(*read) : std::vector<report::TallyKey>{};
    };
    tallies_.change(org, report::tally_difference(keys(before), keys(after)));
}

std::vector<StoredCase> Cases::without_figures(const std::string& org, int64_t from, int64_t before,
                                               const std::pair<int64_t, std::string>& after, int limit) {
    std::vector<StoredCase> out;
    for (const auto& row :
         db_.query(kWithoutFigures, {org, from, before, after.first, after.second, int64_t{limit}}))
        out.push_back(case_from(row));
    return out;
}

std::vector<StoredCase> Cases::any_without_figures(const FiguresCursor& after, int limit) {
    std::vector<StoredCase> out;
    for (const auto& row :
         db_.query(kAnyWithoutFigures, {after.org, after.received_at, after.reference, int64_t{limit}}))
        out.push_back(case_from(row));
    return out;
}

bool Cases::set_figures(const std::string& org, const std::string& reference, int64_t version,
                        const std::string& figures) {
    if (figures.empty() || db_.execute(kSetFigures, {org, reference, version, figures}) == 0)
        return false;
    count_figures(org, "", figures);
    return true;
}

bool Cases::update(const StoredCase& s, int64_t expected_version, const std::string& stage_before,
                   const std::string& figures_before) {
    const cases::Case& c = s.state;
    const int64_t changed = db_.execute(
        kUpdateCase, {s.org, c.reference, c.kind, c.stage, c.unit, c.handler, day_value(s.next_due),
                      s.version, encode_case(c).dump(), expected_version, day_value(s.review_on),
                      figures_value(s.figures), figures_value(figures_before), day_value(purge_on(c))});
    if (changed == 0)
        return false;
    count_figures(s.org, figures_before, s.figures);
    db_.query(kDeleteAbout, {s.org, c.reference});
    write_about(s.org, c);
    // Only a change of stage adds a stage left (never removed: a stage once reached stays reached).
    if (stage_before != c.stage)
        write_stages_left(s.org, c);
    return true;
}

void Cases::update_text(const StoredCase& s) {
    const cases::Case& c = s.state;
    db_.query(kUpdateText, {s.org, c.reference, s.subject, s.description, parties_text(c)});
    if (db_.dialect() == Dialect::sqlite) {  // PostgreSQL's search column is generated from these
        db_.query(kDeleteTextSqlite, {s.org, c.reference});
        db_.query(kInsertTextSqlite,
                  {s.org, c.reference, s.subject + "\n" + s.description + "\n" + parties_text(c)});
    }
}

std::vector<StoredCase> Cases::due_for_review(calendar::Day by, const ReviewDue& after, int limit) {
    std::vector<StoredCase> out;
    for (const auto& row : db_.query(kDueForReview, {calendar::format_day(by), calendar::format_day(after.on),
                                                     after.org, after.reference, int64_t{limit}}))
        out.push_back(case_from(row));
    return out;
}

bool Cases::set_review_on(const std::string& org, const std::string& reference, int64_t version,
                          std::optional<calendar::Day> on) {
    return db_.execute(kSetReviewOn, {org, reference, version, day_value(on)}) > 0;
}

std::vector<bool> Cases::set_review_on(const std::vector<ReviewDay>& days) {
    std::vector<bool> set(days.size(), false);
    if (days.empty())
        return set;
    if (db_.dialect() != Dialect::postgres) {
        for (size_t i = 0; i < days.size(); ++i)
            set[i] = set_review_on(days[i].org, days[i].reference, days[i].version, days[i].on);
        return set;
    }
    std::vector<std::vector<SqlValue>> rows;
    rows.reserve(days.size());
    for (const auto& d : days)
        rows.push_back({d.org, d.reference, d.version, day_value(d.on)});
    for (const auto& row : db_.query(kSetReviewOnRowsPostgres, {rows_parameter(rows)})) {
        const int64_t position = number(row, 0);
        if (position >= 1 && position <= static_cast<int64_t>(days.size()))
            set[static_cast<size_t>(position - 1)] = true;
    }
    return set;
}

std::vector<StoredCase> Cases::list(const std::string& org, const CaseQuery& q) {
    // A reference typed into the search box finds its case when this query would list it (the same
    // filters and confidentiality, from the start); otherwise the text is searched for as words. The
    // choice does not depend on the page, so paging stays in one mode.
    TextFilter text = reference_filter(org, q.text);
    if (!text.references.empty()) {
        CaseQuery probe = q;
        probe.after_reference.clear();
        probe.order = CaseQuery::Order::oldest_first;
        probe.limit = 1;
        if (list_in(org, probe, text, DuePart::any).empty())
            text = word_filter(q.text);
    } else {
        text = word_filter(q.text);
    }
    if (text.nothing)
        return {};
    if (q.order != CaseQuery::Order::next_due)
        return list_in(org, q, text, DuePart::any);
    // By due day: first the cases that have one, along the index cases_by_due (org, next_due,
    // reference); then those without, by reference. Two index walks that stop at the limit,
    // instead of sorting the whole register. A cursor without a due day is in the second part.
    const size_t limit = static_cast<size_t>(std::clamp(q.limit, 1, 500));
    std::vector<StoredCase> out;
    const bool in_second_part = !q.after_reference.empty() && q.after_due.empty();
    if (!in_second_part) {
        out = list_in(org, q, text, DuePart::with_due);
        if (out.size() >= limit)
            return out;
    }
    CaseQuery rest = q;
    rest.limit = static_cast<int>(limit - out.size());
    if (!in_second_part)
        rest.after_reference.clear();
    for (auto& stored : list_in(org, rest, text, DuePart::without_due))
        out.push_back(std::move(stored));
    return out;
}

Cases::TextFilter Cases::reference_filter(const std::string& org, const std::string& typed) {
    TextFilter filter;
    if (!looks_like_reference(typed))
        return filter;
    std::vector<int64_t> years;
    for (const auto& row : db_.query(kReferenceYears, {org}))
        years.push_back(number(row, 0));
    filter.references = reference_candidates(typed, years);
    return filter;
}

Cases::TextFilter Cases::word_filter(const std::string& typed) {
    TextFilter filter;
    const auto words = search_words(typed);
    if (db_.dialect() == Dialect::postgres) {
        if (!words.empty())
            filter.match = tsquery_prefix_query(words);
        return filter;
    }
    for (const auto& word : words) {
        std::optional<std::vector<std::string>> terms;
        if (const auto plain = plain_term(word))
            terms = terms_beginning(*plain);
        if (terms && terms->empty()) {
            filter.nothing = true;
            return filter;
        }
        filter.match += (filter.match.empty() ? "" : " AND ") + fts5_word_query(word, terms);
    }
    return filter;
}

std::optional<std::vector<std::string>> Cases::terms_beginning(const std::string& prefix) {
    // One seek per term: `term >= after_term(t)` moves past t without reading its occurrences.
    std::vector<std::string> terms;
    const std::string end = after_prefix(prefix);
    std::string from = prefix;
    while (terms.size() <= kMostTermsPerWord) {
        const auto next = first_row(db_.query(kNextTermSqlite, {from, end}), first_text);
        if (!next)
            return terms;
        terms.push_back(*next);
        from = after_term(*next);
    }
    return std::nullopt;
}

std::vector<StoredCase> Cases::list_in(const std::string& org, const CaseQuery& q, const TextFilter& text,
                                       DuePart part) {
    // In the order of receipt, SQLite walks its rowids (kInsertCaseSqlite): with search words, the
    // FTS5 index in rowid order, stopping at the limit instead of collecting every match first (that
    // keeps common words fast at 10^6 cases). PostgreSQL walks (received_at, reference). By due day,
    // each walks the due index and checks the text per case.
    const bool sqlite = db_.dialect() == Dialect::sqlite;
    const bool by_receipt = part == DuePart::any;
    const bool walk_text = sqlite && by_receipt && !text.match.empty();
    std::string sql = std::string(kListColumns) + (walk_text ? kListFromTextSqlite : kListFromCases);
    std::vector<SqlValue> params{org};
    auto parameter = [&](SqlValue value) {
        params.push_back(std::move(value));
        return "$" + std::to_string(params.size());
    };
    auto add = [&](const std::string& condition, SqlValue value) {
        std::string numbered = condition;
        numbered.replace(numbered.find('?'), 1, parameter(std::move(value)));
        sql += " AND " + numbered;
    };
    if (!q.stage.empty())
        add("c.stage = ?", q.stage);
    if (!q.kind.empty())
        add("c.kind = ?", q.kind);
    if (!q.unit.empty())
        add("c.unit = ?", q.unit);
    if (!q.handler.empty())
        add("c.handler = ?", q.handler);
    if (q.due_before)
        add("c.next_due < ?", calendar::format_day(*q.due_before));
    if (q.overdue_on)
        add("c.next_due < ?", calendar::format_day(*q.overdue_on));
    if (q.received_from)
        add("c.received_at >= ?", *q.received_from);
    if (q.received_before)
        add("c.received_at < ?", *q.received_before);
    // SQLite: the same as a range of rowids (kInsertCaseSqlite), where the walk in rowid order seeks.
    if (sqlite && q.received_from)
        add(std::string(walk_text ? "t" : "c") + ".rowid >= ? * 1048576", *q.received_from);
    if (sqlite && q.received_before)
        add(std::string(walk_text ? "t" : "c") + ".rowid < ? * 1048576", *q.received_before);
    const bool descending = q.order == CaseQuery::Order::newest_first;
    const std::string after = descending ? " < " : " > ";
    if (part == DuePart::with_due)
        sql += " AND c.next_due IS NOT NULL";
    if (part == DuePart::without_due)
        sql += " AND c.next_due IS NULL";
    if (!q.after_reference.empty()) {
        // After the cursor's position: the index walks on from there.
        if (part == DuePart::with_due) {
            const std::string due = parameter(q.after_due);
            sql += " AND (c.next_due, c.reference) > (" + due + ", " + parameter(q.after_reference) + ")";
        } else if (part == DuePart::without_due) {
            add("c.reference > ?", q.after_reference);
        } else if (sqlite) {
            add(std::string(walk_text ? "t.rowid" : "c.rowid") + after +
                    "(SELECT rowid FROM cases WHERE org = $1 AND reference = ?)",
                q.after_reference);
        } else {
            const std::string received = parameter(q.after_received);
            sql += " AND (c.received_at, c.reference)" + after + "(" + received + ", " +
                   parameter(q.after_reference) + ")";
        }
    }
    if (!text.references.empty()) {
        sql += " AND c.reference IN (";
        for (size_t i = 0; i < text.references.size(); ++i)
            sql += (i ? ", " : "") + parameter(text.references[i]);
        sql += ")";
    } else if (!text.match.empty()) {
        add(walk_text ? kTextWalkSqlite : sqlite ? kTextMatchSqlite : kTextMatchPostgres, text.match);
    }
    if (q.restricted) {
        const std::string person = parameter(q.handled_by.empty() ? std::string("\x01") : q.handled_by);
        std::string visible = "(c.handler = " + person +
                              " OR c.reference IN (SELECT p.reference FROM case_people p WHERE p.org = $1 "
                              "AND p.person = " +
                              person + (q.subjects_see ? ")" : " AND p.relation = 'registered')");
        for (const auto& unit : q.units)
            visible += " OR c.unit = " + parameter(unit);
        for (const auto& stage : q.stages) {
            const std::string stage_param = parameter(stage);
            visible +=
                " OR c.stage = " + stage_param +
                " OR c.reference IN (SELECT s.reference FROM case_stages s WHERE s.org = $1 AND s.stage = " +
                stage_param + ")";
        }
        sql += " AND " + visible + ")";
    }
    const std::string direction = descending ? " DESC" : "";
    if (part == DuePart::with_due)
        sql += " ORDER BY c.next_due, c.reference";
    else if (part == DuePart::without_due)
        sql += " ORDER BY c.reference";
    else if (sqlite)
        sql += (walk_text ? " ORDER BY t.rowid" : " ORDER BY c.rowid") + direction;
    else
        sql += " ORDER BY c.received_at" + direction + ", c.reference" + direction;
    sql += " LIMIT " + parameter(int64_t{std::clamp(q.limit, 1, 500)});
    std::vector<StoredCase> out;
    for (const auto& row : db_.query(sql, params))
        out.push_back(case_from(row));
    return out;
}

int64_t Cases::count() {
    return single_number(db_.query(kCountCases));
}

std::optional<std::string> Cases::idempotent_reference(const std::string& org, const std::string& key) {
    return first_row(db_.query(kSelectIdempotency, {org, key}), first_text);
}

void Cases::remember_idempotency(const std::string& org, const std::string& key,
                                 const std::string& reference) {
    db_.query(kInsertIdempotency, {org, key, reference});
}

void Cases::insert_portal_link(const std::string& token_hash, const std::string& org,
                               const std::string& reference, int64_t now) {
    db_.query(kInsertPortalLink, {token_hash, org, reference, now});
}

std::optional<std::pair<std::string, std::string>> Cases::portal_link(const std::string& token_hash) {
    return first_row(db_.query(kSelectPortalLink, {token_hash}), [](const Row& row) {
        return std::pair{text(row, 0), text(row, 1)};
    });
}

}  // namespace meldpunt::storage
