#pragma once
// A file for a case's dossier as an edge hands it over: its name, type, who may see it (internal or
// shared with the complainant) and its bytes. CaseService::check_upload says whether the dossier
// takes it.
#include <string>

namespace meldpunt::service {

struct Upload {
    std::string name, content_type, visibility, content;
};

}  // namespace meldpunt::service
