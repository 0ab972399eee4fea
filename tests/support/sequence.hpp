#pragma once
// A small, fixed pseudo-random sequence for generated registers: the same register on every run
// and backend, whatever the standard library's distributions do.
#include <cstdint>

namespace meldpunt::testing {

class Sequence {
  public:
    explicit Sequence(uint64_t seed) : state_(seed) {}

    // The next number in [0, below).
    unsigned next(unsigned below) {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>((state_ >> 33) % below);
    }

  private:
    uint64_t state_;
};

}  // namespace meldpunt::testing
