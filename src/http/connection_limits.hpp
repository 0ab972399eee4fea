#pragma once
// How many connections the server holds open, and how many of them one client may hold (issue 15:
// 2,048 idle connections from one host locked everyone else out for half a minute). A connection
// is admitted with a ticket that counts it until the ticket is destroyed. Thread-safe.
//
// A client is a client_group (forwarded.hpp) of the connection's peer. Behind a trusted reverse
// proxy every connection comes from the proxy, which limits its own clients: connections are then
// admitted with an empty client, which counts only towards the total.
#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace meldpunt::http {

class ConnectionLimits {
  public:
    ConnectionLimits(size_t total, size_t per_client);
    ConnectionLimits(const ConnectionLimits&) = delete;
    ConnectionLimits& operator=(const ConnectionLimits&) = delete;

    class Ticket {
      public:
        Ticket() = default;
        Ticket(Ticket&& other) noexcept;
        Ticket& operator=(Ticket&& other) noexcept;
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        ~Ticket() { release(); }

        explicit operator bool() const { return limits_ != nullptr; }

      private:
        friend class ConnectionLimits;
        Ticket(ConnectionLimits* limits, std::string client) : limits_(limits), client_(std::move(client)) {}
        void release();

        ConnectionLimits* limits_ = nullptr;
        std::string client_;
    };

    // A ticket for one more connection from `client`; empty when the server or that client holds
    // as many as it may.
    Ticket admit(const std::string& client);

    size_t open() const;
    size_t open_from(const std::string& client) const;
    // Three quarters of the total are open: the server closes idle connections sooner, so that a
    // newcomer still finds room (server.cpp).
    bool under_pressure() const;

  private:
    void give_back(const std::string& client);

    const size_t total_;
    const size_t per_client_;
    mutable std::mutex mutex_;
    // Changed under the mutex; read without it by under_pressure, which every request asks.
    std::atomic<size_t> open_ = 0;
    std::map<std::string, size_t> by_client_;  // only clients holding connections
};

}  // namespace meldpunt::http
