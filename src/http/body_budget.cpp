#include "http/body_budget.hpp"

namespace meldpunt::http {

BodyBudget::BodyBudget(size_t total_bytes, size_t per_client_bytes)
    : total_(total_bytes), per_client_(per_client_bytes) {}

BodyBudget::Reservation BodyBudget::reserve(const std::string& client, size_t bytes) {
    std::lock_guard lock(mutex_);
    const auto it = by_client_.find(client);
    const size_t held = it == by_client_.end() ? 0 : it->second;
    if (bytes > total_ - used_ || bytes > per_client_ - held)
        return {};
    used_ += bytes;
    by_client_[client] = held + bytes;
    return {this, client, bytes};
}

void BodyBudget::give_back(const std::string& client, size_t bytes) {
    std::lock_guard lock(mutex_);
    used_ -= bytes;
    auto it = by_client_.find(client);
    if (it != by_client_.end() && (it->second -= bytes) == 0)
        by_client_.erase(it);
}

size_t BodyBudget::used() const {
    std::lock_guard lock(mutex_);
    return used_;
}

size_t BodyBudget::used_by(const std::string& client) const {
    std::lock_guard lock(mutex_);
    auto it = by_client_.find(client);
    return it == by_client_.end() ? 0 : it->second;
}

BodyBudget::Reservation::Reservation(Reservation&& other) noexcept
    : budget_(other.budget_), client_(std::move(other.client_)), bytes_(other.bytes_) {
    other.budget_ = nullptr;
}

BodyBudget::Reservation& BodyBudget::Reservation::operator=(Reservation&& other) noexcept {
    if (this != &other) {
        release();
        budget_ = other.budget_;
        client_ = std::move(other.client_);
        bytes_ = other.bytes_;
        other.budget_ = nullptr;
    }
    return *this;
}

void BodyBudget::Reservation::release() {
    if (budget_)
        budget_->give_back(client_, bytes_);
    budget_ = nullptr;
}

}  // namespace meldpunt::http
