#pragma once
// How much memory the large request bodies (files) being read at one moment may take together.
// Each body that may be large reserves its declared length (or the largest allowed, when the
// client does not declare it) before it is read; a reservation that would exceed the budget is
// refused, and the server answers 503 instead of reading. Thread-safe.
#include <atomic>
#include <cstddef>

namespace meldpunt::http {

class BodyBudget {
  public:
    explicit BodyBudget(size_t bytes) : capacity_(bytes) {}

    // Holds its bytes until destroyed (or moved from). Empty when the budget had no room.
    class Reservation {
      public:
        Reservation() = default;
        Reservation(BodyBudget* budget, size_t bytes) : budget_(budget), bytes_(bytes) {}
        Reservation(Reservation&& other) noexcept : budget_(other.budget_), bytes_(other.bytes_) {
            other.budget_ = nullptr;
        }
        Reservation& operator=(Reservation&& other) noexcept {
            if (this != &other) {
                release();
                budget_ = other.budget_;
                bytes_ = other.bytes_;
                other.budget_ = nullptr;
            }
            return *this;
        }
        Reservation(const Reservation&) = delete;
        Reservation& operator=(const Reservation&) = delete;
        ~Reservation() { release(); }

        explicit operator bool() const { return budget_ != nullptr; }

      private:
        void release() {
            if (budget_)
                budget_->used_ -= bytes_;
            budget_ = nullptr;
        }
        BodyBudget* budget_ = nullptr;
        size_t bytes_ = 0;
    };

    Reservation reserve(size_t bytes) {
        size_t used = used_.load();
        do {
            if (bytes > capacity_ - used)
                return {};
        } while (!used_.compare_exchange_weak(used, used + bytes));
        return {this, bytes};
    }

    size_t used() const { return used_.load(); }

  private:
    const size_t capacity_;
    std::atomic<size_t> used_{0};
};

}  // namespace meldpunt::http
