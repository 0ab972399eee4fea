// The rendered-case cache keeps at most its capacity, keys by organisation, reference and language
// without ambiguity, and replaces an entry in place.
#include <gtest/gtest.h>

#include "http/rendered_case_cache.hpp"

namespace {

using meldpunt::http::RenderedCaseCache;

RenderedCaseCache::Entry entry(int64_t version, const std::string& body) {
    return {version, meldpunt::calendar::make_day(2027, 1, 14), nullptr,
            std::make_shared<const std::string>(body)};
}

TEST(RenderedCaseCache, FindsWhatWasPutAndReplacesInPlace) {
    RenderedCaseCache cache(4);
    const auto key = RenderedCaseCache::key("focus", "2027-000001", "nl");
    EXPECT_FALSE(cache.find(key));
    cache.put(key, entry(1, "een"));
    cache.put(key, entry(2, "twee"));
    ASSERT_TRUE(cache.find(key));
    EXPECT_EQ(cache.find(key)->version, 2);
    EXPECT_EQ(*cache.find(key)->body, "twee");
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_FALSE(cache.find(RenderedCaseCache::key("focus", "2027-000001", "en")));
}

TEST(RenderedCaseCache, KeysAreUnambiguous) {
    EXPECT_NE(RenderedCaseCache::key("ab", "c", "nl"), RenderedCaseCache::key("a", "bc", "nl"));
}

TEST(RenderedCaseCache, NeverHoldsMoreThanItsCapacity) {
    RenderedCaseCache cache(3);
    for (int i = 0; i < 10; ++i)
        cache.put(RenderedCaseCache::key("focus", std::to_string(i), "nl"), entry(1, "x"));
    EXPECT_EQ(cache.size(), 3u);
    ASSERT_TRUE(cache.find(RenderedCaseCache::key("focus", "9", "nl")));  // the newest is kept

    RenderedCaseCache none(0);
    none.put("k", entry(1, "x"));
    EXPECT_EQ(none.size(), 0u);
}

}  // namespace
