// A data subject's request as pure values (issue 15; GDPR art. 12(3)): the month to answer in, moved
// off a weekend or holiday and extended once by two months; who a case involves, by address, by name
// written as people write it, and by the account it is about; and the archive its export is packed
// in, read back by Info-ZIP's unzip.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <date/tz.h>

#include "archive/zip_archive.hpp"
#include "service/data_subject.hpp"
#include "support/command_output.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

const calendar::WorkingCalendar amsterdam({}, date::locate_zone("Europe/Amsterdam"));

storage::SubjectRequest received_on(calendar::Day day) {
    storage::SubjectRequest r;
    r.id = 1;
    r.right = "access";
    r.received_on = day;
    return r;
}

TEST(SubjectRequestDeadline, IsOneMonthMovedToAWorkingDayAndExtendedOnceByTwo) {
    // 15 March 2027 + 1 month: Thursday 15 April.
    auto view =
        service::subject_request_view(received_on(make_day(2027, 3, 15)), amsterdam, make_day(2027, 4, 1));
    EXPECT_EQ(view.due.due, make_day(2027, 4, 15));
    EXPECT_EQ(view.days_left, 14);
    EXPECT_FALSE(view.overdue);
    // 31 January + 1 month clamps to 28 February 2027, a Sunday: Monday 1 March.
    view = service::subject_request_view(received_on(make_day(2027, 1, 31)), amsterdam, make_day(2027, 3, 2));
    EXPECT_EQ(view.due.due, make_day(2027, 3, 1));
    EXPECT_TRUE(view.overdue);
    EXPECT_EQ(view.days_left, -1);
    // 27 March 2027 + 1 month: Tuesday 27 April is King's Day: Wednesday 28 April.
    view = service::subject_request_view(received_on(make_day(2027, 3, 27)), amsterdam, make_day(2027, 4, 1));
    EXPECT_EQ(view.due.due, make_day(2027, 4, 28));
    // Extended: two months more, counted from the due day it replaces.
    auto extended = received_on(make_day(2027, 3, 15));
    extended.extended_by = "anna@focus.nl";
    view = service::subject_request_view(extended, amsterdam, make_day(2027, 4, 1));
    EXPECT_EQ(view.due.due, make_day(2027, 6, 15));
    // Decided, it waits for nothing.
    auto decided = received_on(make_day(2027, 1, 4));
    decided.outcome = "granted";
    EXPECT_FALSE(service::subject_request_view(decided, amsterdam, make_day(2027, 12, 1)).overdue);
}

storage::StoredCase stored_case() {
    storage::StoredCase s;
    s.state.complainant.name = "Piët  Bakker";
    s.state.complainant.email = "Piet.Bakker@Example.nl";
    s.state.representative = cases::Representative{"M. Jansen", "dochter", "m.jansen@example.nl"};
    s.state.about = {"els@focus.nl"};
    s.state.reported_about = "de coach, Karel Visser";
    s.subject = "Factuur";
    return s;
}

TEST(SubjectRoles, ACaseInvolvesAPersonByAddressNameAccountOrMention) {
    const auto s = stored_case();
    using roles = std::vector<std::string>;
    EXPECT_EQ(service::subject_roles(s, "", "piet.bakker@example.nl", {"Els Smit"}), roles{"complainant"});
    EXPECT_EQ(service::subject_roles(s, "piët bakker", "", {"Els Smit"}), roles{"complainant"});
    EXPECT_EQ(service::subject_roles(s, "Piet Bakker", "", {"Els Smit"}), roles{});  // ë is not e
    EXPECT_EQ(service::subject_roles(s, "", "M.Jansen@example.nl", {"Els Smit"}), roles{"representative"});
    EXPECT_EQ(service::subject_roles(s, "", "els@focus.nl", {"Els Smit"}), roles{"about"});
    EXPECT_EQ(service::subject_roles(s, "els  smit", "", {"Els Smit"}), roles{"about"});
    EXPECT_EQ(service::subject_roles(s, "Karel Visser", "", {"Els Smit"}), roles{"mentioned"});
    EXPECT_EQ(service::subject_roles(s, "", "someone@example.nl", {"Els Smit"}), roles{});
    EXPECT_EQ(service::subject_roles(s, "", "", {"Els Smit"}), roles{});
    // Where the request and the case both have an address, the address decides: a namesake is
    // someone else, and so is an employee of the same name.
    EXPECT_EQ(service::subject_roles(s, "Piët Bakker", "andere.piet@example.nl", {"Els Smit"}), roles{});
    EXPECT_EQ(service::subject_roles(s, "Els Smit", "els.smit@example.nl", {"Els Smit"}), roles{});
    // A name is mentioned as words of its own: "Karel" is not in "Karelse".
    auto karelse = s;
    karelse.state.reported_about = "mevrouw Karelse";
    karelse.description = "Afgesproken op 3 januari met Karels collega.";
    EXPECT_EQ(service::subject_roles(karelse, "Karel", "", {"Els Smit"}), roles{});
    EXPECT_EQ(service::subject_roles(karelse, "Karels", "", {"Els Smit"}), roles{"mentioned"});
    EXPECT_EQ(service::subject_roles(karelse, "jan", "", {"Els Smit"}), roles{});  // not in "januari"
    // An anonymous complainant is nobody's: a name someone noted down finds nothing.
    auto anonymous = s;
    anonymous.state.complainant.anonymous = true;
    EXPECT_EQ(service::subject_roles(anonymous, "", "piet.bakker@example.nl", {}), roles{});
}

const auto output_of = meldpunt::testing::command_output;

TEST(ZipArchive, HoldsEveryFileUnderAUniqueUtf8Name) {
    archive::ZipArchive zip(1800000000);
    zip.add("zaken/2027-000001/brief.txt", "eerste");
    zip.add("zaken/2027-000001/brief.txt", "tweede");
    zip.add("zaken/2027-000001/brief.txt", "derde");
    zip.add("zaken/2027-000001/README", "zonder extensie");
    zip.add("zaken/2027-000001/README", "nog een");
    zip.add("overzicht €.pdf", std::string(100000, 'x'));
    const std::string bytes = zip.finish();
    EXPECT_LT(bytes.size(), 10000u);  // deflated
    EXPECT_THROW(zip.add("later.txt", "te laat"), std::logic_error);
    const std::string path = ::testing::TempDir() + "meldpunt-zip-" + std::to_string(getpid()) + ".zip";
    std::ofstream(path, std::ios::binary) << bytes;
    EXPECT_EQ(
        output_of("unzip -Z1 " + path),
        "zaken/2027-000001/brief.txt\nzaken/2027-000001/brief (2).txt\nzaken/2027-000001/brief (3).txt\n"
        "zaken/2027-000001/README\nzaken/2027-000001/README (2)\noverzicht €.pdf\n");
    EXPECT_EQ(output_of("unzip -p " + path + " 'zaken/2027-000001/brief (3).txt'"), "derde");
    EXPECT_EQ(output_of("unzip -p " + path + " 'overzicht €.pdf'").size(), 100000u);
    // Every entry dated as given (2027-01-15 08:00 UTC), not by the clock.
    const std::string listing = output_of("unzip -l " + path);
    EXPECT_TRUE(listing.find("2027-01-15 08:00") != std::string::npos ||
                listing.find("01-15-2027 08:00") != std::string::npos)
        << listing;
    EXPECT_EQ(output_of("unzip -tq " + path).find("No errors detected"), 0u);
    std::remove(path.c_str());
}

}  // namespace
