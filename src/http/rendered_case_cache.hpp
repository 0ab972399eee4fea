#pragma once
// The last JSON rendering of recently read cases, so that reading an unchanged case again costs a
// version check instead of decoding and rendering it. An entry is good only for the case version,
// the local day (deadline states change overnight) and the language it was rendered for; the
// caller checks the version against the store on every read, so the cache never decides what a
// caller may see. Bounded: when full, an arbitrary entry makes room. Thread-safe.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/calendar/day.hpp"
#include "loading/procedure_loader.hpp"

namespace meldpunt::http {

class RenderedCaseCache {
  public:
    struct Entry {
        int64_t version = 0;
        calendar::Day day;  // the case's local day when it was rendered
        std::shared_ptr<const loading::LoadedProcedure> procedure;  // the case's, for its calendar
        std::shared_ptr<const std::string> body;
    };

    explicit RenderedCaseCache(size_t capacity) : capacity_(capacity) {}

    static std::string key(const std::string& org, const std::string& reference, const std::string& language);
    std::optional<Entry> find(const std::string& key) const;
    void put(const std::string& key, Entry entry);
    size_t size() const;

  private:
    size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace meldpunt::http
