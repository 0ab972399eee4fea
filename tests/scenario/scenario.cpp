#include "scenario/scenario.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <variant>

#include "domain/calendar/instant.hpp"
#include "domain/case/field_value.hpp"
#include "domain/engine/engine.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "domain/procedure/reporting_period.hpp"
#include "loading/procedure_loader.hpp"
#include "render/deadline_json.hpp"
#include "scenario/service_mirror.hpp"
#include "storage/case_codec.hpp"

namespace meldpunt::testing {

namespace {

using calendar::Day;

// One statement: a verb, positional words and key=value arguments.
struct Statement {
    int line = 0;
    std::vector<std::string> words;
    std::map<std::string, std::string> args;

    std::string arg(const std::string& key, const std::string& fallback = "") const {
        auto it = args.find(key);
        return it == args.end() ? fallback : it->second;
    }
};

std::vector<std::string> tokenize(const std::string& line) {
    std::vector<std::string> tokens;
    std::string current;
    bool quoted = false, any = false;
    for (char ch : line) {
        if (ch == '"') {
            quoted = !quoted;
            any = true;
        } else if (!quoted && (ch == ' ' || ch == '\t')) {
            if (any)
                tokens.push_back(current);
            current.clear();
            any = false;
        } else if (!quoted && ch == '#') {
            break;
        } else {
            current += ch;
            any = true;
        }
    }
    if (any)
        tokens.push_back(current);
    return tokens;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ",") + item;
    return out.empty() ? "none" : out;
}

std::set<std::string> as_set(const std::string& list) {
    if (list == "none")
        return {};
    auto items = cases::split_list(list);
    return {items.begin(), items.end()};
}

class Runner {
  public:
    Runner(std::string policies_dir, ServiceMirror* mirror)
        : policies_dir_(std::move(policies_dir)), mirror_(mirror) {}

    std::vector<ScenarioFailure> run(const std::string& path) {
        std::ifstream in(path);
        if (!in)
            return {{0, "cannot open " + path}};
        std::string text;
        int number = 0;
        while (std::getline(in, text)) {
            ++number;
            Statement s;
            s.line = number;
            for (auto& token : tokenize(text)) {
                const auto eq = token.find('=');
                if (eq != std::string::npos && eq > 0) {
                    s.args[token.substr(0, eq)] = token.substr(eq + 1);
                } else {
                    s.words.push_back(token);
                }
            }
            if (s.words.empty())
                continue;
            execute(s);
            if (failures_.size() > 20)
                break;
        }
        check_storage_round_trip(number);
        check_refusal_acknowledged(number);
        if (!case_ && failures_.empty())
            fail(number, "the scenario never took in a case");
        return failures_;
    }

  private:
    void fail(int line, std::string message) { failures_.push_back({line, std::move(message)}); }

    void check_refusal_acknowledged(int line) {
        if (refusal_ && !refusal_acknowledged_)
            fail(line, std::string("unexpected refusal: ") + cases::refusal_code(refusal_->kind) + " " +
                           refusal_->subject + (refusal_->rule ? " (rule " + refusal_->rule_id() + ")" : ""));
    }

    // Every state a scenario reaches must survive storage unchanged: the case is written and read
    // back through the storage codec after each step.
    void check_storage_round_trip(int line) {
        if (!case_)
            return;
        if (!(storage::decode_case(storage::encode_case(*case_)) == *case_))
            fail(line, "the case does not survive the storage codec unchanged");
    }

    void begin_step(int line) {
        check_storage_round_trip(line);
        check_refusal_acknowledged(line);
        refusal_.reset();
        refusal_acknowledged_ = false;
        outcome_ = cases::Outcome{};
        effects_.clear();
    }

    std::optional<Day> day(const Statement& s, const std::string& text) {
        auto parsed = calendar::parse_day(text);
        if (!parsed)
            fail(s.line, "not a day: '" + text + "'");
        return parsed;
    }

    std::optional<std::chrono::sys_seconds> instant(const Statement& s, const std::string& text) {
        auto parsed = calendar::parse_instant(text, loaded_->calendar);
        if (!parsed)
            fail(s.line, "not an instant: '" + text + "'");
        return parsed;
    }

    cases::Actor actor(const std::string& spec) const {
        cases::Actor a;
        const auto colon = spec.find(':');
        const std::string roles = spec.substr(0, colon);
        // Without a person the actor is the complainant, or someone holding the role (an account
        // needs an address).
        a.id = colon != std::string::npos             ? spec.substr(colon + 1)
               : roles == procedure::kComplainantRole ? roles
                                                      : roles + "@scenario.example";
        size_t start = 0;
        while (start <= roles.size()) {
            size_t plus = roles.find('+', start);
            if (plus == std::string::npos)
                plus = roles.size();
            a.roles.push_back(roles.substr(start, plus - start));
            start = plus + 1;
        }
        return a;
    }

    bool ready(const Statement& s, bool need_case) {
        if (!loaded_) {
            fail(s.line, "no procedure loaded");
            return false;
        }
        if (need_case && !case_) {
            fail(s.line, "no case yet (intake first)");
            return false;
        }
        return true;
    }

    void execute(const Statement& s) {
        const std::string& verb = s.words[0];
        if (verb == "procedure")
            return load(s);
        if (verb == "intake")
            return intake(s);
        if (verb == "action")
            return action(s);
        if (verb == "document")
            return document(s);
        if (verb == "review")
            return review(s);
        if (verb == "expect")
            return expect(s);
        fail(s.line, "unknown statement '" + verb + "'");
    }

    void load(const Statement& s) {
        if (s.words.size() != 2)
            return fail(s.line, "procedure needs a name");
        const std::string path = policies_dir_ + "/" + s.words[1] + ".toml";
        auto result = loading::load_procedure_file(path);
        if (!result.loaded) {
            const messages::Catalogue catalogue(messages::Language::en);
            for (const auto& d : result.diagnostics)
                fail(s.line, loading::format_diagnostic(path, d, catalogue));
            return;
        }
        loaded_ = std::move(result.loaded);
        engine_ = std::make_unique<cases::Engine>(loaded_->procedure, loaded_->calendar);
        if (mirror_) {
            std::ifstream file(path);
            const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
            if (auto problem = mirror_->begin(text); !problem.empty())
                mirror_failed(s, problem);
        }
    }

    void mirror_failed(const Statement& s, const std::string& message) {
        fail(s.line, "through the service: " + message);
        mirroring_ = false;
    }

    // The service must do what the engine did: refuse what it refused (a caller who may not see the
    // case is told it does not exist, where the engine says "not permitted"), and store the same case.
    void compare_with_service(const Statement& s, const MirroredStep& step) {
        if (!mirror_ || !mirroring_)
            return;
        if (refusal_) {
            if (!step.error)
                return mirror_failed(s, std::string("accepted what the engine refused (") +
                                            cases::refusal_code(refusal_->kind) + ")");
            const std::string engine_code = cases::refusal_code(refusal_->kind);
            const bool hidden = step.error->code == "not_found" && engine_code == "not_permitted";
            if (step.error->code != engine_code && !hidden)
                mirror_failed(s, "refused " + step.error->code + " " + step.error->field + ", the engine " +
                                     engine_code + " " + refusal_->subject);
            return;
        }
        if (step.error)
            return mirror_failed(s, "refused " + step.error->code + " " + step.error->field + " (" +
                                        step.error->message + ")");
        const auto expected = comparable(*case_), actual = comparable(*step.state);
        if (expected != actual)
            mirror_failed(s, "the stored case differs from the engine's: " +
                                 nlohmann::json::diff(expected, actual).dump());
    }

    void intake(const Statement& s) {
        if (!ready(s, false))
            return;
        begin_step(s.line);
        cases::IntakeRequest request;
        request.reference = "TEST-1";
        request.kind = s.arg("kind", "complaint");
        request.channel = s.arg("channel", "letter");
        auto received = instant(s, s.arg("received"));
        if (!received)
            return;
        request.received_at = *received;
        if (s.args.count("event"))
            request.event_date = day(s, s.arg("event"));
        request.unit = s.arg("unit");
        request.complainant.name = s.arg("name", "J. de Vries");
        request.complainant.anonymous = s.arg("anonymous") == "true";
        request.urgent = s.arg("urgent") == "true";
        request.complainant.email = s.arg("email");
        request.complainant.address = s.arg("address");
        if (s.args.count("representative"))
            request.representative = cases::Representative{s.arg("representative"), s.arg("relation"),
                                                           s.arg("representative_email")};
        request.about = cases::split_list(s.arg("about"));
        request.reported_about = s.arg("reported_about");
        request.registered_by = actor(s.arg("as", "coordinator"));
        last_day_ = loaded_->calendar.local_day(*received);
        auto result = engine_->intake(request);
        const auto mirrored =
            mirror_ && mirroring_ ? mirror_->intake(request, s.arg("received")) : MirroredStep{};
        if (auto* refusal = result.failure()) {
            refusal_ = *refusal;
            mirroring_ = false;  // the case does not exist: the scenario ends here
            return;
        }
        case_ = std::move(result).value();
        compare_with_service(s, mirrored);
        outcome_.to_stage = case_->stage;
        for (const auto& letter : case_->letters)
            outcome_.letters.push_back(letter.letter);
        for (const auto& d : case_->deadlines)
            outcome_.started.push_back(d.id);
    }

    void action(const Statement& s) {
        if (!ready(s, true))
            return;
        if (s.words.size() != 2)
            return fail(s.line, "action needs a name");
        begin_step(s.line);
        cases::ActionRequest request;
        request.action = s.words[1];
        auto at = instant(s, s.arg("at"));
        if (!at)
            return;
        request.at = *at;
        request.actor = actor(s.arg("as"));
        for (const auto& [key, value] : s.args) {
            if (key != "at" && key != "as")
                request.fields[key] = value;
        }
        last_day_ = loaded_->calendar.local_day(*at);
        const cases::Case before = *case_;
        auto result = engine_->apply(*case_, request);
        if (auto* refusal = result.failure()) {
            refusal_ = *refusal;
            // The engine's contract: a refused action leaves the case exactly as it was.
            if (!(*case_ == before))
                fail(s.line, "a refused action changed the case");
        } else {
            outcome_ = result.value();
        }
        if (mirror_ && mirroring_)
            compare_with_service(s, mirror_->act(request));
    }

    void document(const Statement& s) {
        if (!ready(s, true))
            return;
        if (s.words.size() != 2)
            return fail(s.line, "document needs an id");
        begin_step(s.line);
        auto at = instant(s, s.arg("at"));
        if (!at)
            return;
        last_day_ = loaded_->calendar.local_day(*at);
        if (auto refusal =
                engine_->add_document(*case_, {s.words[1], s.arg("visibility")}, *at, actor(s.arg("as"))))
            refusal_ = *refusal;
        if (mirror_ && mirroring_)
            compare_with_service(
                s, mirror_->add_document(s.words[1], s.arg("visibility"), *at, actor(s.arg("as"))));
    }

    void review(const Statement& s) {
        if (!ready(s, true))
            return;
        if (s.words.size() != 2)
            return fail(s.line, "review needs a day");
        begin_step(s.line);
        auto today = day(s, s.words[1]);
        if (!today)
            return;
        last_day_ = *today;
        // As the sweep does: what was recorded on an earlier review is not new.
        effects_.clear();
        for (auto& effect : engine_->review(*case_, *today))
            if (recorded_.insert(effect.key).second)
                effects_.push_back(std::move(effect));
    }

    void expect(const Statement& s) {
        if (s.words.size() < 2)
            return fail(s.line, "expect what?");
        const std::string& what = s.words[1];
        const std::string value = s.words.size() > 2 ? s.words[2] : "";
        if (what == "refused")
            return expect_refused(s);
        if (what == "ok") {
            if (refusal_)
                fail(s.line, std::string("expected ok, refused: ") + cases::refusal_code(refusal_->kind));
            refusal_acknowledged_ = true;
            return;
        }
        if (!ready(s, true))
            return;
        if (what == "stage")
            return compare(s, "stage", value, case_->stage);
        if (what == "kind")
            return compare(s, "kind", value, case_->kind);
        if (what == "handler")
            return compare(s, "handler", value, case_->handler);
        if (what == "unit")
            return compare(s, "unit", value, case_->unit);
        if (what == "about")
            return compare_set(s, "about", value, case_->about);
        if (what == "representative")
            return compare(s, "representative", value,
                           case_->representative
                               ? case_->representative->name + "/" + case_->representative->relation
                               : "none");
        if (what == "admissible") {
            compare(s, "admissible", value, case_->admissible ? "true" : "false");
            if (s.words.size() > 3)
                compare(s, "admissibility reason", s.words[3], case_->admissibility_reason);
            return;
        }
        if (what == "deadline")
            return expect_deadline(s);
        if (what == "no-deadline") {
            if (case_->deadline(value))
                fail(s.line, "deadline '" + value + "' runs, expected none");
            return;
        }
        if (what == "skipped")
            return expect_skipped(s);
        if (what == "letters")
            return compare_set(s, "letters", value, outcome_.letters);
        if (what == "started")
            return compare_set(s, "started", value, outcome_.started);
        if (what == "met")
            return compare_set(s, "met", value, outcome_.met);
        if (what == "stopped")
            return compare_set(s, "stopped", value, outcome_.stopped);
        if (what == "escalation")
            return expect_escalation(s);
        if (what == "escalations") {
            std::vector<std::string> names;
            for (const auto& e : effects_)
                if (e.kind == cases::EffectKind::overdue)
                    names.push_back(e.deadline);
            return compare_set(s, "escalations", value, names);
        }
        if (what == "effects") {
            std::vector<std::string> names;
            for (const auto& e : effects_)
                names.push_back(std::string(cases::effect_kind_name(e.kind)) + ":" + e.deadline);
            return compare_set(s, "effects", value, names);
        }
        if (what == "actions") {
            return compare_set(s, "actions", value, engine_->available_actions(*case_, actor(s.arg("as"))));
        }
        if (what == "report-period")
            return expect_report_period(s);
        if (what == "visible" || what == "documents-seen")
            return expect_seen(s, what, value);
        if (what == "closed-on")
            return compare(s, "closed on", value,
                           case_->closed_on ? calendar::format_day(*case_->closed_on) : "none");
        if (what == "retain-until")
            return compare(s, "retain until", value,
                           case_->retain_until ? calendar::format_day(*case_->retain_until) : "none");
        fail(s.line, "unknown expectation '" + what + "'");
    }

    void compare(const Statement& s, const std::string& what, const std::string& expected,
                 const std::string& actual) {
        if (expected != actual)
            fail(s.line, what + ": expected '" + expected + "', got '" + actual + "'");
    }

    void compare_set(const Statement& s, const std::string& what, const std::string& expected,
                     const std::vector<std::string>& actual) {
        if (as_set(expected) != std::set<std::string>(actual.begin(), actual.end()))
            fail(s.line, what + ": expected " + expected + ", got " + join(actual));
    }

    void expect_refused(const Statement& s) {
        refusal_acknowledged_ = true;
        if (!refusal_)
            return fail(s.line, "expected a refusal, the step was applied");
        if (s.words.size() > 2)
            compare(s, "refusal", s.words[2], cases::refusal_code(refusal_->kind));
        if (s.words.size() > 3)
            compare(s, "refusal subject", s.words[3], refusal_->subject);
    }

    std::optional<cases::DeadlineView> view(const Statement& s, const std::string& name) {
        const cases::DeadlineState* state = case_->deadline(name);
        if (!state) {
            fail(s.line, "no deadline '" + name + "' runs");
            return std::nullopt;
        }
        Day today = last_day_;
        if (s.args.count("on")) {
            auto on = day(s, s.arg("on"));
            if (!on)
                return std::nullopt;
            today = *on;
        }
        return cases::view_deadline(*state, loaded_->calendar, today);
    }

    void expect_deadline(const Statement& s) {
        if (s.words.size() < 3)
            return fail(s.line, "expect deadline NAME ...");
        auto v = view(s, s.words[2]);
        if (!v)
            return;
        if (s.args.count("due"))
            compare(s, "due of " + v->id, s.arg("due"),
                    v->due.due ? calendar::format_day(*v->due.due) : "paused");
        if (s.args.count("status"))
            compare(s, "status of " + v->id, s.arg("status"), cases::status_name(v->status));
    }

    void expect_skipped(const Statement& s) {
        if (s.words.size() < 5)
            return fail(s.line, "expect skipped NAME DAY REASON");
        auto v = view(s, s.words[2]);
        auto d = day(s, s.words[3]);
        if (!v || !d)
            return;
        for (const auto& skipped : v->due.skipped) {
            if (skipped.day == *d)
                return compare(s, "reason for " + s.words[3], s.words[4],
                               render::skip_reason_name(skipped.reason));
        }
        fail(s.line, "deadline " + v->id + " does not pass over " + s.words[3]);
    }

    // The reporting period (of the procedure's first [[reporting]]) the case is counted in.
    void expect_report_period(const Statement& s) {
        if (s.words.size() < 4)
            return fail(s.line, "expect report-period FIRST LAST");
        if (loaded_->procedure.reporting.empty())
            return fail(s.line, "the procedure has no reporting");
        auto period =
            procedure::reporting_period_of(loaded_->procedure.reporting.front(), case_->received_on);
        if (!period)
            return fail(s.line, "unknown cadence");
        compare(s, "report period", s.words[2] + " " + s.words[3],
                calendar::format_day(period->first) + " " + calendar::format_day(period->last));
    }

    // Confidentiality is the service's: without a mirror (the engine's own run) there is nothing to
    // check; through the service, the case page and the register must both answer as expected.
    void expect_seen(const Statement& s, const std::string& what, const std::string& value) {
        if (!s.args.count("as"))
            return fail(s.line, "expect " + what + " ... as=ROLE:PERSON");
        if (what == "visible" && value != "yes" && value != "no")
            return fail(s.line, "expect visible yes|no as=...");
        if (!mirror_ || !mirroring_)
            return;
        const auto seen = mirror_->seen_by(actor(s.arg("as")));
        if (!seen.inconsistency.empty())
            return mirror_failed(s, seen.inconsistency);
        if (what == "visible")
            return compare(s, "visible to " + s.arg("as"), value, seen.visible ? "yes" : "no");
        if (!seen.visible)
            return fail(s.line, "the case is hidden from " + s.arg("as"));
        compare_set(s, "documents seen by " + s.arg("as"), value, seen.documents);
    }

    void expect_escalation(const Statement& s) {
        if (s.words.size() < 3)
            return fail(s.line, "expect escalation NAME ...");
        const auto find = [&](cases::EffectKind kind) {
            return std::find_if(effects_.begin(), effects_.end(), [&](const cases::Effect& e) {
                return e.kind == kind && e.deadline == s.words[2];
            });
        };
        auto notice = find(cases::EffectKind::overdue);
        if (notice == effects_.end())
            return fail(s.line, "no escalation for " + s.words[2]);
        if (s.args.count("notify"))
            compare_set(s, "notify", s.arg("notify"), notice->roles);
        if (s.args.count("escalate")) {
            auto escalation = find(cases::EffectKind::escalation);
            compare(s, "escalate to", s.arg("escalate"),
                    escalation == effects_.end() ? "" : escalation->escalate_to);
        }
    }

    std::string policies_dir_;
    ServiceMirror* mirror_;
    bool mirroring_ = true;  // until the service first departs from the engine
    std::unique_ptr<loading::LoadedProcedure> loaded_;
    std::unique_ptr<cases::Engine> engine_;
    std::optional<cases::Case> case_;
    std::optional<cases::Refusal> refusal_;
    bool refusal_acknowledged_ = false;
    cases::Outcome outcome_;
    std::vector<cases::Effect> effects_;  // new on the last review
    std::set<std::string> recorded_;      // the keys of every effect reviewed so far
    Day last_day_{};
    std::vector<ScenarioFailure> failures_;
};

}  // namespace

std::vector<std::string> scenario_files(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".test")
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<ScenarioFailure> run_scenario(const std::string& path, const std::string& policies_dir,
                                          ServiceMirror* mirror) {
    return Runner(policies_dir, mirror).run(path);
}

}  // namespace meldpunt::testing
