#include "service/complainant_numbering.hpp"

#include <algorithm>
#include <map>

#include "domain/case/field_value.hpp"

namespace meldpunt::service {

namespace {

using Renaming = std::map<std::string, std::string>;

// The documents `record` shows, in the order the case received them (the engine's order: the
// dossier's own order by upload second would put d10 before d2).
std::vector<std::string> shown_documents_in_order(const CaseRecord& record) {
    std::vector<std::string> ids;
    for (const auto& document : record.stored.state.documents)
        if (std::any_of(record.documents.begin(), record.documents.end(),
                        [&](const auto& d) { return d.id == document.id; }))
            ids.push_back(document.id);
    return ids;
}

Renaming document_renaming(const CaseRecord& record) {
    Renaming renaming;
    const auto ids = shown_documents_in_order(record);
    for (size_t i = 0; i < ids.size(); ++i)
        renaming.emplace(ids[i], "d" + std::to_string(i + 1));
    return renaming;
}

std::string renamed_or_empty(const Renaming& renaming, const std::string& id) {
    const auto found = renaming.find(id);
    return found == renaming.end() ? std::string() : found->second;
}

std::string renamed_list(const Renaming& renaming, const std::string& list) {
    std::string out;
    for (const auto& id : cases::split_list(list))
        if (const auto shown = renamed_or_empty(renaming, id); !shown.empty())
            out += (out.empty() ? "" : ",") + shown;
    return out;
}

// An event's pointers (document, message, documents) in the complainant's numbering; a pointer to
// what they do not see is dropped, so that it cannot fall on one of theirs.
// So are the values of the procedure's fields of type `documents` (staff citing documents in a
// step, shown to the complainant when the field is complainant_sees).
void renumber_event(cases::Event& event, const Renaming& documents, const Renaming& messages,
                    const procedure::Procedure* procedure) {
    const auto rename = [&](const std::string& field, const Renaming& renaming, bool list) {
        const auto found = event.fields.find(field);
        if (found == event.fields.end())
            return;
        const std::string shown =
            list ? renamed_list(renaming, found->second) : renamed_or_empty(renaming, found->second);
        if (shown.empty())
            event.fields.erase(found);
        else
            found->second = shown;
    };
    rename("document", documents, false);
    rename("documents", documents, true);
    rename("message", messages, false);
    if (procedure)
        for (const auto& field : procedure->fields)
            if (field.type == procedure::FieldType::documents && field.id != "documents")
                rename(field.id, documents, true);
}

}  // namespace

void number_for_complainant(CaseRecord& record) {
    const Renaming documents = document_renaming(record);
    Renaming messages;
    for (size_t i = 0; i < record.messages.size(); ++i) {
        messages.emplace("m" + std::to_string(record.messages[i].seq), "m" + std::to_string(i + 1));
        record.messages[i].seq = static_cast<int64_t>(i + 1);
    }
    for (auto& message : record.messages) {
        std::vector<std::string> shown;
        for (const auto& id : message.documents)
            if (auto name = renamed_or_empty(documents, id); !name.empty())
                shown.push_back(std::move(name));
        message.documents = std::move(shown);
    }
    for (size_t i = 0; i < record.letters.size(); ++i)
        record.letters[i].seq = static_cast<int64_t>(i + 1);
    for (auto& document : record.documents)
        document.id = renamed_or_empty(documents, document.id);
    auto& state = record.stored.state;
    std::erase_if(state.documents, [&](const auto& d) { return !documents.contains(d.id); });
    for (auto& document : state.documents)
        document.id = documents.at(document.id);
    const procedure::Procedure* procedure = record.procedure ? &record.procedure->procedure : nullptr;
    for (auto& event : state.events)
        renumber_event(event, documents, messages, procedure);
    if (state.representative)
        state.representative->authorisation =
            renamed_or_empty(documents, state.representative->authorisation);
}

std::optional<std::string> dossier_document_id(const CaseRecord& record, const std::string& shown) {
    for (const auto& [id, name] : document_renaming(record))
        if (name == shown)
            return id;
    return std::nullopt;
}

std::optional<std::string> dossier_document_list(const CaseRecord& record, const std::string& shown) {
    std::string out;
    for (const auto& id : cases::split_list(shown)) {
        const auto found = dossier_document_id(record, id);
        if (!found)
            return std::nullopt;
        out += (out.empty() ? "" : ",") + *found;
    }
    return out;
}

}  // namespace meldpunt::service
