#include "domain/procedure/procedure.hpp"

#include <algorithm>

namespace meldpunt::procedure {

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Kind* Procedure::kind(const std::string& id) const {
    return find_by_id(kinds, id);
}

std::vector<const Kind*> Procedure::public_kinds() const {
    std::vector<const Kind*> out;
    for (const auto& k : kinds)
        if (k.open_to_public)
            out.push_back(&k);
    return out;
}
const Kind* Procedure::mail_kind() const {
    const auto accepts_mail = [](const Kind& k) {
        return k.channels.empty() ||
               std::find(k.channels.begin(), k.channels.end(), "email") != k.channels.end();
    };
    for (const auto& k : kinds)
        if (k.mail_default)
            return &k;
    for (const auto& k : kinds)
        if (k.public_default && accepts_mail(k))
            return &k;
    return nullptr;
}

const Stage* Procedure::stage(const std::string& id) const {
    return find_by_id(stages, id);
}
const Action* Procedure::action(const std::string& id) const {
    return find_by_id(actions, id);
}
bool Procedure::starts_from(const Action& a, const std::string& from_stage) const {
    for (const auto& from : a.from)
        if (from == from_stage)
            return true;
    const Stage* s = stage(from_stage);
    return std::find(a.from.begin(), a.from.end(), "*") != a.from.end() && s && !s->final;
}
const Deadline* Procedure::deadline(const std::string& id) const {
    return find_by_id(deadlines, id);
}
const Letter* Procedure::letter(const std::string& id) const {
    return find_by_id(letters, id);
}
const Field* Procedure::field(const std::string& id) const {
    return find_by_id(fields, id);
}
const Field* Procedure::field_meaning(std::string_view analysis) const {
    for (const auto& f : fields)
        if (!analysis.empty() && f.analysis == analysis)
            return &f;
    return nullptr;
}
const Role* Procedure::role(const std::string& id) const {
    return find_by_id(roles, id);
}
const Unit* Procedure::unit(const std::string& id) const {
    return find_by_id(units, id);
}

const Unit* Procedure::default_unit() const {
    auto it = std::find_if(units.begin(), units.end(), [](const Unit& u) { return u.is_default; });
    return it == units.end() ? nullptr : &*it;
}

const Rule* Procedure::rule(rules::RuleKind kind) const {
    auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.kind == kind; });
    return it == rules.end() ? nullptr : &*it;
}

std::vector<const Rule*> Procedure::rules_of(rules::RuleKind kind) const {
    std::vector<const Rule*> out;
    for (const auto& r : rules) {
        if (r.kind == kind)
            out.push_back(&r);
    }
    return out;
}

const Referral* Procedure::referral(const std::string& id) const {
    return find_by_id(referrals, id);
}

const Referral* Procedure::referral_for(const std::string& unit, const std::string& kind) const {
    for (const auto& r : referrals) {
        const bool of_unit = std::find(r.units.begin(), r.units.end(), unit) != r.units.end();
        const bool of_kind =
            r.kinds.empty() || std::find(r.kinds.begin(), r.kinds.end(), kind) != r.kinds.end();
        if (of_unit && of_kind)
            return &r;
    }
    return nullptr;
}

}  // namespace meldpunt::procedure
