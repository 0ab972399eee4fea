#include "http/rendered_case_cache.hpp"

namespace meldpunt::http {

std::string RenderedCaseCache::key(const std::string& org, const std::string& reference,
                                   const std::string& language) {
    // Organisation ids and references never contain a NUL, so the key is unambiguous.
    std::string k;
    k.reserve(org.size() + reference.size() + language.size() + 2);
    k.append(org).push_back('\0');
    k.append(reference).push_back('\0');
    k.append(language);
    return k;
}

std::optional<RenderedCaseCache::Entry> RenderedCaseCache::find(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end())
        return std::nullopt;
    return it->second;
}

void RenderedCaseCache::put(const std::string& key, Entry entry) {
    if (capacity_ == 0)
        return;
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) {
        it->second = std::move(entry);
        return;
    }
    if (entries_.size() >= capacity_)
        entries_.erase(entries_.begin());
    entries_.emplace(key, std::move(entry));
}

size_t RenderedCaseCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace meldpunt::http
