#include "render/bar_chart.hpp"

#include <algorithm>

#include "support/text.hpp"

namespace meldpunt::render {

namespace {

constexpr int kWidth = 720;
constexpr int kLabelWidth = 250;  // the labels' column: kLongestLabel characters of 13 px type
constexpr int kNumberWidth = 60;  // room for the number after the longest bar
constexpr int kRow = 30;
constexpr int kTop = 8;
constexpr size_t kLongestLabel = 32;  // in characters; the table has the whole label

std::string xml(const std::string& text) {
    std::string out;
    support::append_markup_escaped(out, text);
    return out;
}

bool starts_character(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
}

// At most kLongestLabel characters (not bytes: a label is UTF-8), with an ellipsis when cut.
std::string shortened(const std::string& label) {
    const auto characters = std::count_if(label.begin(), label.end(), starts_character);
    if (characters <= static_cast<std::ptrdiff_t>(kLongestLabel))
        return label;
    size_t seen = 0, cut = 0;
    while (cut < label.size() && !(starts_character(label[cut]) && seen++ == kLongestLabel - 1))
        ++cut;
    return label.substr(0, cut) + "\u2026";
}

}  // namespace

std::string bar_chart_svg(const BarChart& chart) {
    int64_t largest = 1;
    for (const auto& bar : chart.bars)
        largest = std::max({largest, bar.value.value_or(0), bar.previous.value_or(0)});
    const bool with_previous = !chart.previous_legend.empty();
    const int legend = with_previous ? 44 : 0;  // two lines
    const int height = kTop + static_cast<int>(chart.bars.size()) * kRow + legend + 4;
    const double scale =
        static_cast<double>(kWidth - kLabelWidth - kNumberWidth) / static_cast<double>(largest);
    const std::string title_id = chart.id + "-title", description_id = chart.id + "-desc";
    std::string out =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
        std::to_string(kWidth) + " " + std::to_string(height) + "\" aria-labelledby=\"" + title_id + " " +
        description_id + "\">";
    out += "<title id=\"" + title_id + "\">" + xml(chart.title) + "</title>";
    out += "<desc id=\"" + description_id + "\">" + xml(chart.description) + "</desc>";
    int y = kTop;
    for (const auto& bar : chart.bars) {
        const int length = static_cast<int>(static_cast<double>(bar.value.value_or(0)) * scale + 0.5);
        const int bar_height = with_previous ? 14 : 20;
        out += "<text x=\"" + std::to_string(kLabelWidth - 8) + "\" y=\"" + std::to_string(y + 15) +
               "\" text-anchor=\"end\" class=\"label\">" + xml(shortened(bar.label)) + "</text>";
        out += "<rect class=\"bar\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y + 2) +
               "\" width=\"" + std::to_string(length) + "\" height=\"" + std::to_string(bar_height) + "\"/>";
        out += "<text x=\"" + std::to_string(kLabelWidth + length + 6) + "\" y=\"" + std::to_string(y + 15) +
               "\" class=\"value\">" + (bar.value ? std::to_string(*bar.value) : xml(chart.hidden_text)) +
               "</text>";
        if (with_previous && bar.previous) {
            const int before = static_cast<int>(static_cast<double>(*bar.previous) * scale + 0.5);
            out += "<rect class=\"bar previous\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" +
                   std::to_string(y + 18) + "\" width=\"" + std::to_string(before) + "\" height=\"6\"/>";
        }
        y += kRow;
    }
    if (with_previous) {
        out += "<rect class=\"bar\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y + 6) +
               "\" width=\"14\" height=\"12\"/><text x=\"" + std::to_string(kLabelWidth + 20) + "\" y=\"" +
               std::to_string(y + 16) + "\" class=\"legend\">" + xml(chart.current_legend) + "</text>";
        out += "<rect class=\"bar previous\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" +
               std::to_string(y + 27) + "\" width=\"14\" height=\"6\"/><text x=\"" +
               std::to_string(kLabelWidth + 20) + "\" y=\"" + std::to_string(y + 34) +
               "\" class=\"legend\">" + xml(chart.previous_legend) + "</text>";
    }
    out += "</svg>";
    return out;
}

}  // namespace meldpunt::render
