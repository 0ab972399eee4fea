#pragma once
// A value, or the reason there is none: what the engine (Refusal) and the services (ServiceError)
// answer instead of throwing for what a caller may get wrong. Reading the value of a failed result
// (or the error of a successful one) is a programming error: std::bad_variant_access.
//
//   auto result = service.get(...);
//   if (auto* e = result.failure())
//       return error_response(*e);
//   use(result.value());
#include <utility>
#include <variant>

namespace meldpunt::support {

template <typename T, typename E>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const E& error() const { return std::get<1>(v_); }
    // The value, or null when it failed.
    T* success() { return std::get_if<0>(&v_); }
    const T* success() const { return std::get_if<0>(&v_); }
    // The error, or null when it succeeded.
    const E* failure() const { return std::get_if<1>(&v_); }

  private:
    std::variant<T, E> v_;
};

}  // namespace meldpunt::support
