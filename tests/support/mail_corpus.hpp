#pragma once
// A message of tests/mail_corpus as its bytes (MELDPUNT_MAIL_CORPUS is the folder).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace meldpunt::testing {

inline std::string mail_corpus(const std::string& name) {
    std::ifstream in(std::string(MELDPUNT_MAIL_CORPUS) + "/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    EXPECT_FALSE(out.str().empty()) << name;
    return out.str();
}

}  // namespace meldpunt::testing
