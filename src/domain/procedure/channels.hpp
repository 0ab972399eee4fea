#pragma once
// The ways a case can come in (the seeds name letter, e-mail, phone, the website and the desk:
// 000 §Procedure 1, 001 §Procedure 2, 002 §A, 004 art. 2), in the order forms and reports list them.
#include <string>
#include <vector>

namespace meldpunt::procedure {

inline const std::vector<std::string>& known_channels() {
    static const std::vector<std::string> channels{"letter", "email", "phone", "web", "in_person"};
    return channels;
}

}  // namespace meldpunt::procedure
