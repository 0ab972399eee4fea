// The budget for large request bodies: reservations fit or are refused, and come back when released.
#include <gtest/gtest.h>

#include "http/body_budget.hpp"

using meldpunt::http::BodyBudget;

TEST(BodyBudget, ReservationsFitOrAreRefused) {
    BodyBudget budget(10);
    auto a = budget.reserve(6);
    ASSERT_TRUE(a);
    EXPECT_FALSE(budget.reserve(5));  // 6 + 5 > 10; the refusal holds nothing
    EXPECT_EQ(budget.used(), 6u);
    auto b = budget.reserve(4);
    EXPECT_TRUE(b);
    EXPECT_EQ(budget.used(), 10u);
    EXPECT_FALSE(budget.reserve(1));
    EXPECT_FALSE(budget.reserve(static_cast<size_t>(-1)));  // no overflow
}

TEST(BodyBudget, BytesComeBackWhenTheReservationEnds) {
    BodyBudget budget(10);
    {
        auto a = budget.reserve(10);
        BodyBudget::Reservation moved = std::move(a);
        EXPECT_FALSE(a);
        EXPECT_TRUE(moved);
        EXPECT_EQ(budget.used(), 10u);
        moved = budget.reserve(0);  // the old one is released first
        EXPECT_EQ(budget.used(), 0u);
    }
    EXPECT_EQ(budget.used(), 0u);
    EXPECT_TRUE(budget.reserve(10));
}
