#pragma once
// How much memory the large request bodies (files) being read at one moment may take: together,
// and per client (so that one client cannot take it all). Each body that may be large reserves its
// declared length (or the largest allowed, when the client does not declare it) before it is read;
// a reservation that does not fit is refused, and the server answers 503 instead of keeping the
// body. Thread-safe.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace meldpunt::http {

class BodyBudget {
  public:
    BodyBudget(size_t total_bytes, size_t per_client_bytes);

    // Holds its bytes until destroyed (or moved from). Empty when the budget had no room.
    class Reservation {
      public:
        Reservation() = default;
        Reservation(Reservation&& other) noexcept;
        Reservation& operator=(Reservation&& other) noexcept;
        Reservation(const Reservation&) = delete;
        Reservation& operator=(const Reservation&) = delete;
        ~Reservation() { release(); }

        explicit operator bool() const { return budget_ != nullptr; }

      private:
        friend class BodyBudget;
        Reservation(BodyBudget* budget, std::string client, size_t bytes)
            : budget_(budget), client_(std::move(client)), bytes_(bytes) {}
        void release();

        BodyBudget* budget_ = nullptr;
        std::string client_;
        size_t bytes_ = 0;
    };

    // `client` groups requests that count against one share (see client_group in forwarded.hpp).
    Reservation reserve(const std::string& client, size_t bytes);

    size_t used() const;
    size_t used_by(const std::string& client) const;

  private:
    void give_back(const std::string& client, size_t bytes);

    const size_t total_;
    const size_t per_client_;
    mutable std::mutex mutex_;
    size_t used_ = 0;
    std::map<std::string, size_t> by_client_;  // only clients holding bytes
};

}  // namespace meldpunt::http
