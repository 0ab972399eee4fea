// Form submissions and cookies as browsers send them, and as hostile clients might: every
// malformed body is refused (nullopt), never a crash.
#include <gtest/gtest.h>

#include "web/cookies.hpp"
#include "web/forms.hpp"
#include "web/web_request.hpp"

namespace {

using meldpunt::http::Request;
using meldpunt::web::parse_form;

Request post(const std::string& content_type, const std::string& body) {
    Request r;
    r.method = "POST";
    r.headers["content-type"] = content_type;
    r.body = body;
    return r;
}

TEST(WebForms, UrlEncodedFieldsAreDecoded) {
    auto form =
        parse_form(post("application/x-www-form-urlencoded",
                        "csrf=abc&subject=Afspraak+gemist&description=caf%C3%A9%20%26%20meer&empty="));
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get("subject"), "Afspraak gemist");
    EXPECT_EQ(form->get("description"), "café & meer");
    EXPECT_EQ(form->get("empty"), "");
    EXPECT_EQ(form->get("missing"), "");
}

TEST(WebForms, MultipartFieldsAndFiles) {
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nregel 1\r\nregel 2\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"attachments\"; "
        "filename=\"C:\\\\map\\\\brief.pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n\x01\x02\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
        "--XyZ--\r\n";
    auto form = parse_form(post("multipart/form-data; boundary=XyZ", body));
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get("csrf"), "abc");
    EXPECT_EQ(form->get("description"), "regel 1\r\nregel 2");
    ASSERT_EQ(form->files.size(), 1u);  // the empty file input sends no file
    EXPECT_EQ(form->files[0].content_type, "application/pdf");
    EXPECT_EQ(form->files[0].content, "%PDF-1.4\r\n\x01\x02");
}

TEST(WebForms, HostileBodiesAreRefused) {
    EXPECT_FALSE(parse_form(post("application/x-www-form-urlencoded", "a=%ZZ")));
    EXPECT_FALSE(parse_form(post("application/x-www-form-urlencoded", "a=" + std::string(70 * 1024, 'x'))));
    EXPECT_FALSE(parse_form(post("multipart/form-data", "--x\r\n")));  // no boundary
    EXPECT_FALSE(parse_form(post("multipart/form-data; boundary=x", "no delimiter at all")));
    EXPECT_FALSE(parse_form(post("multipart/form-data; boundary=x",
                                 "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed")));
    EXPECT_FALSE(parse_form(post("multipart/form-data; boundary=x", "--x\r\nno headers end")));
    EXPECT_FALSE(parse_form(
        post("multipart/form-data; boundary=x", "--x\r\nContent-Type: text/plain\r\n\r\nnameless\r\n--x--")));
    std::string many;
    for (int i = 0; i < 100; ++i)
        many += "--x\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nv\r\n";
    EXPECT_FALSE(parse_form(post("multipart/form-data; boundary=x", many + "--x--")));
    EXPECT_FALSE(parse_form(post("application/json", "{}")));
    // Text that is not clean UTF-8, in a value or a name, urlencoded or multipart.
    EXPECT_FALSE(parse_form(post("application/x-www-form-urlencoded", "offer=%FF%FE")));
    EXPECT_FALSE(parse_form(post("application/x-www-form-urlencoded", "a%0Ab=x")));
    EXPECT_FALSE(
        parse_form(post("multipart/form-data; boundary=x",
                        "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xed\xa0\x80\r\n--x--")));
}

TEST(WebCookies, ParseAndSet) {
    auto cookies = meldpunt::web::parse_cookies("mp_csrf=abc; mp_lang=en;bad; =x; mp_csrf=second");
    EXPECT_EQ(cookies["mp_csrf"], "abc");  // the first of a repeated name
    EXPECT_EQ(cookies["mp_lang"], "en");
    EXPECT_EQ(cookies.count(""), 0u);
    EXPECT_EQ(meldpunt::web::set_cookie("mp_session", "t", {true, "Lax", 3600}),
              "mp_session=t; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600");
    EXPECT_EQ(meldpunt::web::set_cookie("mp_csrf", "t", {false, "Strict", -1}),
              "mp_csrf=t; Path=/; HttpOnly; SameSite=Strict");
}

}  // namespace

// Issue 15: "/%09%5Cevil.com/klacht" made the language switch "/\t\\evil.com/klacht?lang=en", which a
// browser reads as https://evil.com/klacht once it drops the tab.
TEST(WebLinks, APagesOwnPathIsAlwaysAPathOnThisSite) {
    EXPECT_EQ(meldpunt::web::same_site_path("/focus/klacht"), "/focus/klacht");
    EXPECT_EQ(meldpunt::web::same_site_path("/\t\\evil.com/klacht"), "/%09%5Cevil.com/klacht");
    EXPECT_EQ(meldpunt::web::same_site_path("//evil.com/x"), "/evil.com/x");
    EXPECT_EQ(meldpunt::web::same_site_path("/\\/\\evil.com"), "/evil.com");
    EXPECT_EQ(meldpunt::web::same_site_path("/a//b"), "/a/b");
    EXPECT_EQ(meldpunt::web::same_site_path("/klacht\r\n\"><script>"), "/klacht%0D%0A%22%3E%3Cscript%3E");
    EXPECT_EQ(meldpunt::web::same_site_path("/zaak/é"), "/zaak/%C3%A9");
    EXPECT_EQ(meldpunt::web::same_site_path(""), "/");
    for (const std::string hostile : {"/\t/evil.com", "/\n\\evil.com", "/ /evil.com", "\\\\evil.com"}) {
        const std::string link = meldpunt::web::same_site_path(hostile);
        EXPECT_EQ(link[0], '/') << link;
        EXPECT_NE(link[1], '/') << link;
        EXPECT_EQ(link.find_first_of("\\\t\r\n "), std::string::npos) << link;
    }
}
