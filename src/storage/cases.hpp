#pragma once
// The register's cases: their rows (the case itself encoded as JSON, plus the columns the register
// filters and sorts on), the search text, reference numbers, idempotency keys and the
// complainants' portal links.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/records.hpp"
#include "storage/report_tallies.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

class Cases {
  public:
    // `tallies`: where a case's figures are counted (StoredCase::figures) as it is written.
    Cases(SqlConnection& db, ReportTallies& tallies) : db_(db), tallies_(tallies) {}

    // The next number in the organisation's series for `year` (1, 2, ...), shared by every process.
    int64_t next_reference_number(const std::string& org, int year);

    std::optional<StoredCase> get(const std::string& org, const std::string& reference);
    std::optional<CaseStamp> stamp(const std::string& org, const std::string& reference);
    // `data`, when given, is encode_case(stored.state) made beforehand (outside the transaction);
    // its reference may be empty, as the reference column is authoritative.
    void insert(const StoredCase& stored, const std::optional<std::string>& data = std::nullopt);
    // Writes `stored` if the case is still at `expected_version`; returns false (nothing written) if
    // someone else changed it first. `stage_before` is the stage the case was read in: the stages
    // it has left are written only when it moved. `figures_before` is its figures as read: the
    // tallies change by the difference.
    bool update(const StoredCase& stored, int64_t expected_version, const std::string& stage_before,
                const std::string& figures_before);
    // Cases of `org` received in [from, before) (unix seconds) whose figures are not counted yet
    // (written before the register kept them), in the order of receipt after `after`; a report
    // counts these from their state.
    std::vector<StoredCase> without_figures(const std::string& org, int64_t from, int64_t before,
                                            const std::pair<int64_t, std::string>& after, int limit);
    // Up to `limit` cases of any organisation whose figures are not counted yet (the sweep fills them
    // in), in (org, received_at, reference) order after `after`.
    struct FiguresCursor {
        std::string org;
        int64_t received_at = 0;
        std::string reference;
    };
    std::vector<StoredCase> any_without_figures(const FiguresCursor& after, int limit);
    // Sets the figures of a case still at `version` that had none, and counts them; whether it did.
    bool set_figures(const std::string& org, const std::string& reference, int64_t version,
                     const std::string& figures);
    // Rewrites what the register searches (subject, description, the parties' names and addresses)
    // after a correction; in the transaction that updated the case.
    void update_text(const StoredCase& stored);
    std::vector<StoredCase> list(const std::string& org, const CaseQuery& query);
    // Cases of every organisation whose review is due by `by`, after `after` in (day, org,
    // reference) order: the sweep's work list, read a page at a time with the cases themselves.
    std::vector<StoredCase> due_for_review(calendar::Day by, const ReviewDue& after, int limit);
    // Sets when the case is next reviewed, if it is still at `version` (an action in between set it
    // itself); returns whether it was.
    bool set_review_on(const std::string& org, const std::string& reference, int64_t version,
                       std::optional<calendar::Day> on);
    // The same for each of `days`; returns, in their order, whether each was set. One statement on
    // PostgreSQL (rows_parameter.hpp).
    std::vector<bool> set_review_on(const std::vector<ReviewDay>& days);
    int64_t count();
    // The references of the organisation's cases about `person` (an account), at most `limit`.
    std::vector<std::string> about_person(const std::string& org, const std::string& person, int limit);

    std::optional<std::string> idempotent_reference(const std::string& org, const std::string& key);
    void remember_idempotency(const std::string& org, const std::string& key, const std::string& reference);

    // A complainant's private link to their case, by the hash of its token: (org, reference).
    void insert_portal_link(const std::string& token_hash, const std::string& org,
                            const std::string& reference, int64_t now);
    std::optional<std::pair<std::string, std::string>> portal_link(const std::string& token_hash);

    // SQLite's full-text rows of new cases are written at the end of the transaction rather than
    // with their case: FTS5 writes out its pending index at every savepoint, and group commit opens
    // one per unit of work. (No work searches for a case it created in the same transaction.)
    void write_deferred();
    // For group commit: where a unit's deferred rows begin, and dropping them when it rolls back.
    size_t deferred_mark() const { return pending_text_.size(); }
    void forget_deferred_since(size_t mark);

  private:
    // Changes the tallies from the figures line `before` to `after`.
    void count_figures(const std::string& org, const std::string& before, const std::string& after);
    void write_about(const std::string& org, const cases::Case& c);
    void write_stages_left(const std::string& org, const cases::Case& c);

    // How the query's text filters: the references it may name, or its words as the database's text
    // query (both empty: no filter).
    struct TextFilter {
        std::vector<std::string> references;
        std::string match;
        bool nothing = false;  // a word that begins no term: nothing can match
    };
    TextFilter reference_filter(const std::string& org, const std::string& typed);
    TextFilter word_filter(const std::string& typed);
    // SQLite: the FTS5 index's terms that begin with `prefix`, in order; nullopt when there are more
    // than kMostTermsPerWord (the word is then searched for as a prefix).
    std::optional<std::vector<std::string>> terms_beginning(const std::string& prefix);

    // The register in one part of the due-day order (DuePart::any: every case, in the query's
    // order of receipt).
    enum class DuePart { any, with_due, without_due };
    std::vector<StoredCase> list_in(const std::string& org, const CaseQuery& q, const TextFilter& text,
                                    DuePart part);

    SqlConnection& db_;
    ReportTallies& tallies_;
    struct TextRow {
        std::string org, reference, body;
    };
    std::vector<TextRow> pending_text_;
};

}  // namespace meldpunt::storage
