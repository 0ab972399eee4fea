// A download's file name as people wrote it, safe in its header.
#include <gtest/gtest.h>

#include "web/content_disposition.hpp"

namespace {

using meldpunt::web::content_disposition;

TEST(ContentDisposition, AnAsciiNameIsGivenTwice) {
    EXPECT_EQ(content_disposition("inline", "2027-000001 Ontvangstbevestiging.pdf"),
              "inline; filename=\"2027-000001 Ontvangstbevestiging.pdf\"; "
              "filename*=UTF-8''2027-000001%20Ontvangstbevestiging.pdf");
}

TEST(ContentDisposition, AccentsArePercentEncodedWithAnAsciiFallback) {
    EXPECT_EQ(content_disposition("attachment", "Beëindiging.pdf"),
              "attachment; filename=\"Be_indiging.pdf\"; filename*=UTF-8''Be%C3%ABindiging.pdf");
}

TEST(ContentDisposition, NothingInTheNameEndsTheHeaderOrAddsAParameter) {
    const std::string header = content_disposition("attachment", "a\"; filename=evil.exe\r\nX: y\\.txt");
    EXPECT_EQ(header.find('\r'), std::string::npos);
    EXPECT_EQ(header.find('\n'), std::string::npos);
    EXPECT_EQ(header,
              "attachment; filename=\"a_; filename=evil.exe__X: y_.txt\"; "
              "filename*=UTF-8''a%22%3B%20filename%3Devil.exe%0D%0AX%3A%20y%5C.txt");
    EXPECT_EQ(content_disposition("attachment", ""), "attachment");
}

}  // namespace
