#include "http/connection_limits.hpp"

#include <utility>

namespace meldpunt::http {

ConnectionLimits::ConnectionLimits(size_t total, size_t per_client)
    : total_(total), per_client_(per_client) {}

ConnectionLimits::Ticket::Ticket(Ticket&& other) noexcept
    : limits_(std::exchange(other.limits_, nullptr)), client_(std::move(other.client_)) {}

ConnectionLimits::Ticket& ConnectionLimits::Ticket::operator=(Ticket&& other) noexcept {
    if (this != &other) {
        release();
        limits_ = std::exchange(other.limits_, nullptr);
        client_ = std::move(other.client_);
    }
    return *this;
}

void ConnectionLimits::Ticket::release() {
    if (auto* limits = std::exchange(limits_, nullptr))
        limits->give_back(client_);
}

ConnectionLimits::Ticket ConnectionLimits::admit(const std::string& client) {
    const std::lock_guard lock(mutex_);
    if (open_ >= total_)
        return {};
    if (!client.empty()) {
        auto& held = by_client_[client];
        if (held >= per_client_) {
            if (held == 0)
                by_client_.erase(client);
            return {};
        }
        ++held;
    }
    ++open_;
    return Ticket(this, client);
}

void ConnectionLimits::give_back(const std::string& client) {
    const std::lock_guard lock(mutex_);
    --open_;
    if (client.empty())
        return;
    const auto found = by_client_.find(client);
    if (found != by_client_.end() && --found->second == 0)
        by_client_.erase(found);
}

size_t ConnectionLimits::open() const {
    return open_.load();
}

size_t ConnectionLimits::open_from(const std::string& client) const {
    const std::lock_guard lock(mutex_);
    const auto found = by_client_.find(client);
    return found == by_client_.end() ? 0 : found->second;
}

bool ConnectionLimits::under_pressure() const {
    return open_.load(std::memory_order_relaxed) * 4 >= total_ * 3;
}

}  // namespace meldpunt::http
