// The register's filters, as the API and the register page both read them.
#include <gtest/gtest.h>

#include "service/register_query.hpp"

using meldpunt::service::parse_register_query;
using meldpunt::service::RegisterQuery;
using meldpunt::service::ServiceError;

TEST(RegisterQuery, ReadsEveryFilter) {
    auto parsed = parse_register_query({{"stage", "ontvangen"},
                                        {"kind", "complaint"},
                                        {"unit", "noord"},
                                        {"handler", "karin@focus.nl"},
                                        {"q", "coach"},
                                        {"cursor", "1799827200~2027-000050"},
                                        {"received_from", "2027-01-01"},
                                        {"received_to", "2027-03-31"},
                                        {"overdue", "true"},
                                        {"due_before", "2027-02-01"},
                                        {"limit", "20"},
                                        {"colour", "ignored"}});
    ASSERT_TRUE(parsed.ok());
    const auto& q = parsed.value();
    EXPECT_EQ(q.query.stage, "ontvangen");
    EXPECT_EQ(q.query.kind, "complaint");
    EXPECT_EQ(q.query.unit, "noord");
    EXPECT_EQ(q.query.handler, "karin@focus.nl");
    EXPECT_EQ(q.query.text, "coach");
    EXPECT_EQ(q.query.after_reference, "2027-000050");
    EXPECT_EQ(q.query.after_received, 1799827200);
    EXPECT_EQ(q.received_from, meldpunt::calendar::make_day(2027, 1, 1));
    EXPECT_EQ(q.received_to, meldpunt::calendar::make_day(2027, 3, 31));
    EXPECT_TRUE(q.overdue);
    EXPECT_EQ(q.query.due_before, meldpunt::calendar::make_day(2027, 2, 1));
    EXPECT_EQ(q.query.limit, 20);
    const auto defaults = parse_register_query({}).value();
    EXPECT_EQ(defaults.query.limit, 50);
    EXPECT_FALSE(defaults.overdue);
}

TEST(RegisterQuery, SortsAndContinuesWhereThePreviousPageEnded) {
    using Order = meldpunt::storage::CaseQuery::Order;
    auto due = parse_register_query({{"sort", "due"}, {"cursor", "2027-02-01~2027-000123"}}).value();
    EXPECT_EQ(due.query.order, Order::next_due);
    EXPECT_EQ(due.query.after_due, "2027-02-01");
    EXPECT_EQ(due.query.after_reference, "2027-000123");
    EXPECT_EQ(meldpunt::service::sort_name(due), "due");
    meldpunt::service::CaseRecord last;
    last.stored.state.reference = "2027-000200";
    EXPECT_EQ(meldpunt::service::next_cursor(due, last), "~2027-000200");  // no next due day
    last.stored.next_due = meldpunt::calendar::make_day(2027, 3, 1);
    EXPECT_EQ(meldpunt::service::next_cursor(due, last), "2027-03-01~2027-000200");
    auto newest = parse_register_query({{"sort", "newest"}, {"cursor", "-60~2027-000009"}}).value();
    EXPECT_EQ(newest.query.order, Order::newest_first);
    EXPECT_EQ(newest.query.after_reference, "2027-000009");
    EXPECT_EQ(newest.query.after_received, -60);
    // Received first, not by reference: a letter registered late sorts by the day it arrived.
    last.stored.state.received_at = std::chrono::sys_seconds{std::chrono::seconds{1799827200}};
    EXPECT_EQ(meldpunt::service::next_cursor(newest, last), "1799827200~2027-000200");
    EXPECT_EQ(parse_register_query({{"sort", "oldest"}}).value().query.order, Order::oldest_first);
}

TEST(RegisterQuery, AMalformedFilterNamesItsParameter) {
    const std::map<std::string, std::string> bad[] = {{{"due_before", "1 februari"}},
                                                      {{"due_before", "2027-02-30"}},
                                                      {{"limit", "0"}},
                                                      {{"limit", "501"}},
                                                      {{"limit", "20abc"}},
                                                      {{"q", std::string(201, 'x')}},
                                                      {{"sort", "subject"}},
                                                      {{"cursor", "zonder-tilde"}, {"sort", "due"}},
                                                      {{"cursor", "2027-13-01~2027-000001"}, {"sort", "due"}},
                                                      {{"cursor", "2027-000050"}},
                                                      {{"cursor", "12ab~2027-000050"}},
                                                      {{"received_from", "1-1-2027"}},
                                                      {{"received_to", "2027-02-29"}}};
    for (const auto& parameters : bad) {
        auto parsed = parse_register_query(parameters);
        ASSERT_TRUE(!parsed.ok()) << parameters.begin()->second;
        EXPECT_EQ(parsed.error().field, parameters.begin()->first);
    }
    EXPECT_TRUE(parse_register_query({{"q", std::string(200, 'x')}}).ok());
}
