#pragma once
// Reading columns out of a result row and writing optional values as parameters: the small
// conversions every table's code shares.
#include <optional>
#include <string>

#include "domain/calendar/day.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

inline std::string text(const Row& row, size_t i) {
    return row.at(i).value_or("");
}

inline int64_t number(const Row& row, size_t i) {
    return row.at(i) ? std::stoll(*row.at(i)) : 0;
}

inline std::optional<calendar::Day> optional_day(const Row& row, size_t i) {
    return row.at(i) ? calendar::parse_day(*row.at(i)) : std::nullopt;
}

inline SqlValue day_value(const std::optional<calendar::Day>& day) {
    return day ? SqlValue{calendar::format_day(*day)} : SqlValue{};
}

inline SqlValue optional_number(const std::optional<int64_t>& value) {
    return value ? SqlValue{*value} : SqlValue{};
}

// The first row made into a value by `from`, or nullopt when the query found none.
template <typename From>
auto first_row(const std::vector<Row>& rows, From from) -> std::optional<decltype(from(rows.front()))> {
    if (rows.empty())
        return std::nullopt;
    return from(rows.front());
}

// The first column of a row as text (an id, a reference ...).
inline std::string first_text(const Row& row) {
    return text(row, 0);
}

// The first column of the first row as a number (COUNT, MAX ...).
inline int64_t single_number(const std::vector<Row>& rows) {
    return number(rows.at(0), 0);
}

}  // namespace meldpunt::storage
