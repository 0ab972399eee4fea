#pragma once
// The connections of one event loop that wait for a request (a new connection's first, or a kept-
// alive connection's next), so that under pressure the server can close those that have waited
// longest (issue 15: idle connections held the server full). Used only on its loop's thread, so it
// needs no lock.
#include <chrono>
#include <cstddef>
#include <list>

// Boost 1.74's Asio needs <utility> before its headers under C++20.
#include <utility>

#include <boost/beast/core/tcp_stream.hpp>

namespace meldpunt::http {

class IdleConnections {
  public:
    using Clock = std::chrono::steady_clock;

    struct Entry {
        boost::beast::tcp_stream* stream;
        Clock::time_point since;
    };
    using Handle = std::list<Entry>::iterator;

    // While a session waits for a request. The stream must outlive the wait.
    class Waiting {
      public:
        Waiting(IdleConnections& idle, boost::beast::tcp_stream& stream, Clock::time_point now)
            : idle_(idle), handle_(idle.list_.insert(idle.list_.end(), {&stream, now})) {}
        ~Waiting() { idle_.list_.erase(handle_); }
        Waiting(const Waiting&) = delete;
        Waiting& operator=(const Waiting&) = delete;

      private:
        IdleConnections& idle_;
        Handle handle_;
    };

    // Cancels the wait of every connection waiting since before `cutoff` (its session then ends
    // and closes it); answers how many.
    size_t close_waiting_since(Clock::time_point cutoff) {
        size_t closed = 0;
        // Oldest first: entries are added at the end as their waits begin.
        for (auto& entry : list_) {
            if (entry.since >= cutoff)
                break;
            entry.stream->cancel();
            ++closed;
        }
        return closed;
    }

    size_t size() const { return list_.size(); }

  private:
    std::list<Entry> list_;
};

}  // namespace meldpunt::http
