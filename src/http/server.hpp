#pragma once
// The HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines): keep-alive, a body limit, idle
// timeouts, one JSON access-log line per request, and graceful shutdown: on SIGTERM or SIGINT it
// stops accepting, lets requests in flight finish (up to a grace period; idle keep-alive
// connections are closed) and returns from run().
//
// Connections are limited in all and per client; under pressure the longest-waiting idle ones are
// closed, and when the process runs out of descriptors, accepting pauses briefly instead of spinning
// (connection_limits.hpp, idle_connections.hpp).
//
// Threads: `threads` event loops each serve the connections they accepted and run reading requests
// (GET, HEAD) in place; requests that change something run on a pool of `write_threads`, so that a
// request waiting for its commit never holds up another connection, and enough writers wait
// together for one commit to serve many of them.
//
// A handler that throws answers 500 with a JSON error; the server itself never stops for a
// request's sake.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace meldpunt::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    uint16_t port = 8080;    // 0: any free port (see HttpServer::port)
    int threads = 4;         // event loops
    int write_threads = 32;  // for requests other than GET and HEAD
    size_t body_limit = 12 * 1024 * 1024;
    // All large bodies being read at one moment together (http/body_budget.hpp): at most 16 of
    // the largest at once, whoever sends them.
    size_t large_body_budget = 16 * body_limit;
    size_t large_body_share = 4 * body_limit;  // of that budget, for one client (client_group)
    // Connections held open at once, and by one client (a client_group of the peer address; not
    // behind a trusted proxy, whose clients all share its address). An office behind one address
    // has a few browsers' worth of connections per person.
    size_t max_connections = 2048;
    size_t max_connections_per_client = 256;
    int idle_timeout_seconds = 30;
    // With three quarters of max_connections open, a connection that waits this long for a request
    // is closed (a kept-alive browser simply opens a new one).
    int pressed_idle_seconds = 2;
    int grace_seconds = 5;
    bool handle_signals = true;
    // Behind a reverse proxy every connection comes from the proxy. When set, a request's client
    // address (login throttling, the public form's flood limit) is the last address in its
    // X-Forwarded-For header, the one the proxy appended. Set it only when a proxy always sets that
    // header: otherwise a client could claim any address.
    bool trust_forwarded_for = false;
};

class HttpServer {
  public:
    HttpServer(const Router& router, Metrics& metrics, ServerOptions options);
    ~HttpServer();

    // Binds the listening socket (so that port() is known) without serving yet.
    void bind();
    uint16_t port() const;
    // Bytes of the large-body budget reserved by bodies being read now (ServerOptions).
    size_t large_body_bytes() const;
    // Serves until stop() or a signal; blocks.
    void run();
    // Starts a graceful shutdown; callable from any thread.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace meldpunt::http
