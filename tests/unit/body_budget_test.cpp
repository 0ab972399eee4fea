// The budget for large request bodies: reservations fit or are refused, together and per client,
// and come back when released.
#include <gtest/gtest.h>

#include "http/body_budget.hpp"

using meldpunt::http::BodyBudget;

TEST(BodyBudget, ReservationsFitOrAreRefused) {
    BodyBudget budget(10, 10);
    auto a = budget.reserve("a", 6);
    ASSERT_TRUE(a);
    EXPECT_FALSE(budget.reserve("b", 5));  // 6 + 5 > 10; the refusal holds nothing
    EXPECT_EQ(budget.used(), 6u);
    auto b = budget.reserve("b", 4);
    EXPECT_TRUE(b);
    EXPECT_EQ(budget.used(), 10u);
    EXPECT_FALSE(budget.reserve("c", 1));
    EXPECT_FALSE(budget.reserve("c", static_cast<size_t>(-1)));  // no overflow
}

TEST(BodyBudget, OneClientGetsItsShareOnly) {
    BodyBudget budget(100, 30);
    auto first = budget.reserve("198.51.100.7", 20);
    ASSERT_TRUE(first);
    EXPECT_FALSE(budget.reserve("198.51.100.7", 11));
    auto other = budget.reserve("198.51.100.8", 30);
    EXPECT_TRUE(other);
    EXPECT_EQ(budget.used_by("198.51.100.7"), 20u);
    EXPECT_EQ(budget.used(), 50u);
}

TEST(BodyBudget, BytesComeBackWhenTheReservationEnds) {
    BodyBudget budget(10, 10);
    {
        auto a = budget.reserve("a", 10);
        BodyBudget::Reservation moved = std::move(a);
        EXPECT_FALSE(a);
        EXPECT_TRUE(moved);
        EXPECT_EQ(budget.used(), 10u);
        moved = budget.reserve("a", 0);  // the old one is released first
        EXPECT_EQ(budget.used(), 0u);
    }
    EXPECT_EQ(budget.used(), 0u);
    EXPECT_EQ(budget.used_by("a"), 0u);
    EXPECT_TRUE(budget.reserve("a", 10));
}
