#pragma once
// A plain TCP connection to the server under test from a chosen loopback address (127.0.0.2 is
// another client than 127.0.0.1 to the server), for the tests of connection limits: it can stay
// idle, tell whether the server closed it, and send one request.
#include <chrono>
#include <string>

namespace meldpunt::testing {

class TcpConnection {
  public:
    // Connects from `source` (an IPv4 loopback address) to 127.0.0.1:`port`; throws when it cannot.
    TcpConnection(const std::string& source, int port);
    ~TcpConnection();
    TcpConnection(TcpConnection&& other) noexcept;
    TcpConnection(const TcpConnection&) = delete;
    TcpConnection& operator=(const TcpConnection&) = delete;
    TcpConnection& operator=(TcpConnection&&) = delete;

    // Whether the server closed the connection within `wait` (it answered nothing).
    bool closed_by_server(std::chrono::milliseconds wait);
    // Sends `GET path` and answers the status line of the reply ("" when the server closed the
    // connection without one).
    std::string get_status_line(const std::string& path);

  private:
    int fd_ = -1;
};

}  // namespace meldpunt::testing
