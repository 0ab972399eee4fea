#include "domain/case/case.hpp"

#include <algorithm>

namespace meldpunt::cases {

DeadlineState* Case::deadline(const std::string& id) {
    auto it =
        std::find_if(deadlines.begin(), deadlines.end(), [&](const DeadlineState& d) { return d.id == id; });
    return it == deadlines.end() ? nullptr : &*it;
}

const DeadlineState* Case::deadline(const std::string& id) const {
    return const_cast<Case*>(this)->deadline(id);
}

const Document* Case::document(const std::string& id) const {
    auto it = std::find_if(documents.begin(), documents.end(), [&](const Document& d) { return d.id == id; });
    return it == documents.end() ? nullptr : &*it;
}

const Event* Case::message_event(const std::string& id) const {
    auto it = std::find_if(events.begin(), events.end(), [&](const Event& e) {
        if (e.action != "message")
            return false;
        const auto found = e.fields.find("message");
        return found != e.fields.end() && found->second == id;
    });
    return it == events.end() ? nullptr : &*it;
}

bool Case::is_about(const std::string& person) const {
    return std::find(about.begin(), about.end(), person) != about.end();
}

Commitment* Case::commitment(const std::string& id) {
    auto it =
        std::find_if(commitments.begin(), commitments.end(), [&](const Commitment& m) { return m.id == id; });
    return it == commitments.end() ? nullptr : &*it;
}

const Commitment* Case::commitment(const std::string& id) const {
    return const_cast<Case*>(this)->commitment(id);
}

int Case::open_commitments() const {
    return static_cast<int>(std::count_if(commitments.begin(), commitments.end(), [](const Commitment& m) {
        return m.state == CommitmentState::open;
    }));
}

std::vector<std::string> Case::merged_from() const {
    std::vector<std::string> out;
    for (const auto& e : events)
        if (const auto from = e.fields.find("from"); e.action == "merged" && from != e.fields.end())
            out.push_back(from->second);
    return out;
}

const std::string& Case::registered_by() const {
    static const std::string nobody;
    return !events.empty() && events.front().action == "intake" ? events.front().actor : nobody;
}

std::vector<std::string> Case::stages_reached() const {
    std::vector<std::string> out;
    auto add = [&](const std::string& s) {
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    };
    for (const auto& e : events)
        add(e.to_stage);
    add(stage);
    return out;
}

}  // namespace meldpunt::cases
