#pragma once
// One case as a reader sees it on a given day, typed: the procedure's names for its kind, stage,
// deadlines, actions and fields resolved, instants placed on their day in the procedure's time
// zone, deadlines worked out. The API's JSON (case_json.hpp) and the pages (web/case_view.hpp) are
// both renderings of this view, so they cannot disagree about a day or a name.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "domain/case/deadline_view.hpp"
#include "service/case_service.hpp"

namespace meldpunt::service {

struct DeadlineLine {
    cases::DeadlineView state;  // id, status, due day with its explanation
    std::string name;           // the procedure's name for it
};

struct EventLine {
    struct Field {
        std::string id, name, value;
    };
    const cases::Event* event;
    std::string name;   // the action's name ("intake" and "document" are the renderer's to name)
    calendar::Day day;  // of `event->at`, local
    std::string to_stage_name;
    std::vector<Field> fields;  // with the procedure's names, in the event's order
};

struct LetterLine {
    const storage::LetterRecord* letter;
    std::chrono::sys_seconds created_at;
    calendar::Day created_on;  // local
};

struct CaseView {
    const CaseRecord& record;
    const cases::Case& state;  // record.stored.state
    const procedure::Procedure& procedure;
    std::string kind_name;
    std::string stage_name;
    std::string stage_description;
    bool final = false;  // in a final stage, or merged into another case: nothing more happens
    std::vector<DeadlineLine> deadlines;
    std::vector<EventLine> events;
    std::vector<LetterLine> letters;
};

// The view of `record` on `today`. It refers into `record`, which must outlive it.
CaseView view_case(const CaseRecord& record, calendar::Day today);

// The name the procedure gives stage `id` (the id itself when it has none).
std::string stage_name(const procedure::Procedure& procedure, const std::string& id);

}  // namespace meldpunt::service
