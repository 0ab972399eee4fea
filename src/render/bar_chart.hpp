#pragma once
// A bar chart as SVG, drawn on the server (issue 13: reports people would rather look at than
// read; the page needs no JavaScript). Horizontal bars, one row per label, each with its number
// written beside it and, where given, the previous period's as a thinner bar below it. The chart
// is an image with a title and a description for screen readers; the page shows the same numbers
// as a table, which is the accessible source of the figures.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace meldpunt::render {

struct Bar {
    std::string label;
    std::optional<int64_t> value;  // nullopt: hidden (a published figure too small to show)
    std::optional<int64_t> previous;
};

struct BarChart {
    std::string id;               // unique on the page: the title's and description's ids derive from it
    std::string title;            // what the chart shows
    std::string description;      // the same in a sentence, with where the table is
    std::string previous_legend;  // the legend of the thinner bars; empty: no previous bars
    std::string current_legend;
    std::string hidden_text;  // written where a hidden value would be ("< 5")
    std::vector<Bar> bars;
};

std::string bar_chart_svg(const BarChart& chart);

}  // namespace meldpunt::render
