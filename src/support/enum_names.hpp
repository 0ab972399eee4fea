#pragma once
// The names of an enumeration's values, for the wire, the database and the message catalogues.
// Each enumeration lists its names once, as a table of {value, name} pairs in declaration order:
//
//     constexpr support::EnumName<Colour> kColourNames[] = {{Colour::red, "red"}, {Colour::blue, "blue"}};
//     static_assert(support::names_every_value(kColourNames, Colour::blue));
//
// The assertion (given the enumeration's last value) fails the build when a value is added to the
// enumeration but not to the table, or the table's order drifts from the enumeration's.
#include <cstddef>

namespace meldpunt::support {

template <typename Enum>
struct EnumName {
    Enum value;
    const char* name;
};

// The table lists the values 0 .. last, each once and in order.
template <typename Enum, std::size_t N>
constexpr bool names_every_value(const EnumName<Enum> (&names)[N], Enum last) {
    for (std::size_t i = 0; i < N; ++i)
        if (static_cast<std::size_t>(names[i].value) != i)
            return false;
    return static_cast<std::size_t>(last) + 1 == N;
}

// The name of `value`; `otherwise` for a value outside the table (only a cast can make one).
template <typename Enum, std::size_t N>
constexpr const char* name_of(const EnumName<Enum> (&names)[N], Enum value, const char* otherwise) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index].name : otherwise;
}

}  // namespace meldpunt::support
