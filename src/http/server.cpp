// Boost 1.74's Asio needs <utility> before its headers under C++20.
#include <utility>

#include "http/body_budget.hpp"
#include "http/connection_limits.hpp"
#include "http/forwarded.hpp"
#include "http/idle_connections.hpp"
#include "http/server.hpp"

#include "support/text.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <vector>

namespace meldpunt::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kSmallBodyLimit = 1024 * 1024;  // every JSON request fits comfortably
// After a failed accept (out of descriptors, typically): what is waiting in the backlog would fail
// again at once, so the loop waits before it tries again.
constexpr auto kAcceptPause = std::chrono::milliseconds(100);
constexpr auto kPressureCheck = std::chrono::seconds(1);

// Metrics label only the standard methods, so that made-up ones cannot grow the series without bound.
// Whether a Transfer-Encoding header (boost::string_view) names no coding or chunked alone.
template <typename Text>
bool only_chunked(const Text& header) {
    if (header.empty())
        return true;
    std::string coding = support::ascii_lowercase(std::string_view(header.data(), header.size()));
    std::erase_if(coding, [](char c) { return c == ' ' || c == '\t'; });
    return coding == "chunked";
}

// Every answer may hold personal data: no cache keeps it and no browser guesses its type, unless
// its handler said otherwise (the stylesheet may be cached).
void add_default_headers(Response& response) {
    const auto has = [&](std::string_view name) {
        return std::any_of(response.headers.begin(), response.headers.end(), [&](const auto& header) {
            return support::ascii_lowercase(header.first) == name;
        });
    };
    if (!has("cache-control"))
        response.headers.push_back({"Cache-Control", "no-store"});
    if (!has("x-content-type-options"))
        response.headers.push_back({"X-Content-Type-Options", "nosniff"});
}

bool known_method(const std::string& method) {
    static const std::set<std::string> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    return methods.count(method) > 0;
}

Response json_error(int status, const std::string& code, const std::string& message) {
    return {status,
            "application/json",
            nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(),
            {}};
}

// Takes the body over from `in` (moved, not copied: it may be a large upload).
Request to_request(bhttp::request<bhttp::string_body>&& in, bool& ok) {
    Request r;
    bool ok_headers = true;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = std::string(field.value());
        ok_headers =
            ok_headers && support::valid_text(std::string_view(field.value().data(), field.value().size()));
    }
    r.body = std::move(in.body());
    ok = split_target(r.target, r.path, r.query) && ok_headers;
    return r;
}

}  // namespace

struct HttpServer::Impl {
    Impl(const Router& routes, Metrics& counters, ServerOptions settings)
        : router(routes),
          metrics(counters),
          options(std::move(settings)),
          large_bodies(options.large_body_budget, options.large_body_share),
          limits(options.max_connections, options.max_connections_per_client),
          idle(static_cast<size_t>(std::max(1, options.threads))),
          contexts(make_contexts(std::max(1, options.threads))),
          writers(static_cast<size_t>(std::max(1, options.write_threads))),
          acceptor(*contexts[0]),
          signals(*contexts[0]),
          grace(*contexts[0]),
          accept_pause(*contexts[0]),
          pressure_check(*contexts[0]) {
        for (auto& c : contexts)
            keep_running.push_back(net::make_work_guard(*c));
    }

    // One event loop per thread, and a connection stays on the loop that accepted it: threads
    // sharing one loop woke each other for every completion, which cost more than the requests.
    static std::vector<std::unique_ptr<net::io_context>> make_contexts(int threads) {
        std::vector<std::unique_ptr<net::io_context>> out;
        for (int i = 0; i < threads; ++i)
            out.push_back(std::make_unique<net::io_context>(1));
        return out;
    }

    void stop_loops() {
        for (auto& c : contexts)
            c->stop();
    }

    const Router& router;
    Metrics& metrics;
    ServerOptions options;
    // Before the event loops: sessions still suspended when they are destroyed give their
    // reservations back to it.
    BodyBudget large_bodies;
    // Before the event loops, like the budget: sessions destroyed with them give their tickets back
    // and leave the idle lists.
    ConnectionLimits limits;
    std::vector<IdleConnections> idle;  // one per event loop, used on its thread
    std::vector<std::unique_ptr<net::io_context>> contexts;
    std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
    net::thread_pool writers;
    size_t next_context = 0;  // used by the accept loop only
    tcp::acceptor acceptor;
    net::signal_set signals;
    net::steady_timer grace;
    net::steady_timer accept_pause;    // used by the accept loop only
    net::steady_timer pressure_check;  // used by watch_pressure only
    std::atomic<bool> stopping{false};
    std::atomic<int> in_flight{0};   // requests read and not yet answered
    std::atomic<size_t> refused{0};  // connections refused since the last pressure check

    Response dispatch(const Request& request, std::string& route) {
        const auto match = router.match(request.method, request.path);
        const Handler* handler = match.handler;
        if (!handler) {
            route = "unmatched";
            if (match.path_exists)
                return json_error(405, "method_not_allowed", "method not allowed");
            handler = router.page_not_found(request.path);
            if (!handler)
                return json_error(404, "not_found", "not found");
        } else {
            route = match.pattern;
        }
        try {
            return (*handler)(request, match.params);
        } catch (const std::exception& e) {
            spdlog::error(
                R"({{"event":"handler_failed","route":{},"error":{}}})", nlohmann::json(route).dump(),
                nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
            return json_error(500, "internal_error", "internal error");
        }
    }

    static bool reads_only(const Request& request) {
        return request.method == "GET" || request.method == "HEAD";
    }

    // Runs on a writer thread (co_spawned there); the session awaits it.
    net::awaitable<Response> dispatch_on_writer(const Request& request, std::string& route) {
        co_return dispatch(request, route);
    }

    // Reads a body that will not be kept, a piece at a time into one small buffer, so that the
    // client (a browser, typically) gets its answer instead of a reset connection.
    static net::awaitable<boost::system::error_code> discard_body(
        beast::tcp_stream& stream, beast::flat_buffer& buffer,
        bhttp::request_parser<bhttp::string_body>& parser, size_t limit) {
        bhttp::request_parser<bhttp::buffer_body> discarding{std::move(parser)};
        discarding.body_limit(limit);
        std::array<char, 16 * 1024> piece;
        boost::system::error_code ec;
        while (!discarding.is_done()) {
            discarding.get().body().data = piece.data();
            discarding.get().body().size = piece.size();
            co_await bhttp::async_read(stream, buffer, discarding,
                                       net::redirect_error(net::use_awaitable, ec));
            if (ec == bhttp::error::need_buffer)
                ec = {};
            if (ec)
                break;
        }
        co_return ec;
    }

    // The client's address: the peer's, or behind a trusted proxy the one it reports.
    std::string client_address(beast::tcp_stream& stream,
                               const bhttp::request<bhttp::string_body>& in) const {
        if (options.trust_forwarded_for)
            if (const auto header = in["X-Forwarded-For"];
                auto forwarded = forwarded_client(std::string_view(header.data(), header.size())))
                return *forwarded;
        return peer_address(stream.socket());
    }

    // The connection's peer address; empty when the socket no longer has one.
    static std::string peer_address(const tcp::socket& socket) {
        boost::system::error_code error;
        const auto peer = socket.remote_endpoint(error);
        return error ? std::string() : peer.address().to_string();
    }

    // Runs on a writer thread (co_spawned there); the session awaits it.
    static net::awaitable<bool> next_piece(Response& response, std::string& piece) {
        co_return response.stream(piece);
    }

    // Sends a streamed body in chunks, each piece made on a worker thread so that this event loop
    // serves its other connections meanwhile. True when the whole body went out and the connection
    // may serve another request (not after an HTTP/1.0 answer, whose body ends with the connection).
    net::awaitable<bool> send_stream(beast::tcp_stream& stream, Response& response, unsigned version,
                                     bool keep_alive) {
        bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(response.status), version};
        head.set(bhttp::field::server, "Meldpunt");
        head.set(bhttp::field::content_type, response.content_type);
        for (const auto& [name, value] : response.headers)
            head.insert(name, value);
        // HTTP/1.0 knows no chunks: the body then ends with the connection.
        const bool chunked = version >= 11;
        head.keep_alive(keep_alive && chunked);
        head.chunked(chunked);
        bhttp::response_serializer<bhttp::empty_body> serializer{head};
        boost::system::error_code ec;
        stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
        co_await bhttp::async_write_header(stream, serializer, net::redirect_error(net::use_awaitable, ec));
        std::string piece;
        for (bool more = true; more && !ec;) {
            piece.clear();
            try {
                more = co_await net::co_spawn(writers, next_piece(response, piece), net::use_awaitable);
            } catch (const std::exception& e) {
                spdlog::error(
                    R"({{"event":"stream_failed","error":{}}})",
                    nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
                co_return false;
            }
            // A client that reads: each piece may take the idle timeout to be taken.
            stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
            if (!piece.empty() && chunked)
                co_await net::async_write(stream, bhttp::make_chunk(net::buffer(piece)),
                                          net::redirect_error(net::use_awaitable, ec));
            else if (!piece.empty())
                co_await net::async_write(stream, net::buffer(piece),
                                          net::redirect_error(net::use_awaitable, ec));
        }
        if (!ec && chunked)
            co_await net::async_write(stream, bhttp::make_chunk_last(),
                                      net::redirect_error(net::use_awaitable, ec));
        co_return !ec && chunked;
    }

    // How long a connection may wait for its next request: shorter while the server is nearly full.
    std::chrono::seconds idle_wait() const {
        return std::chrono::seconds(limits.under_pressure() ? options.pressed_idle_seconds
                                                            : options.idle_timeout_seconds);
    }

    // `ticket` counts the connection until the session ends; `loop` is the index of its event loop.
    net::awaitable<void> session(tcp::socket socket, ConnectionLimits::Ticket ticket, size_t loop) {
        const ConnectionLimits::Ticket counted = std::move(ticket);  // given back as the session ends
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        for (;;) {
            stream.expires_after(idle_wait());
            bhttp::request_parser<bhttp::string_body> parser;
            parser.body_limit(options.body_limit);
            parser.header_limit(16 * 1024);
            boost::system::error_code ec;
            {
                // Idle until the request's head is in: under pressure, the longest waiting go first.
                const IdleConnections::Waiting waiting(idle[loop], stream, IdleConnections::Clock::now());
                co_await bhttp::async_read_header(stream, buffer, parser,
                                                  net::redirect_error(net::use_awaitable, ec));
            }
            stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));  // for the body
            BodyBudget::Reservation reservation;
            bool over_budget = false;
            bool unknown_coding = false;
            std::string client;
            if (!ec && !only_chunked(parser.get()[bhttp::field::transfer_encoding])) {
                // A body in a coding other than chunked alone has no length Meldpunt can know: it is
                // refused unread (RFC 9112 §6.1: 501), and the connection closes, since what follows
                // on it cannot be told apart from the body.
                unknown_coding = true;
                client = client_address(stream, parser.get());
            } else if (!ec) {
                client = client_address(stream, parser.get());
                // Only requests that carry files may be large; nobody may make the server hold a
                // large body before showing a token or a cookie (the complaint form sets one); and
                // all large bodies together stay within the budget.
                const bool anonymous = parser.get()[bhttp::field::authorization].empty() &&
                                       parser.get()[bhttp::field::cookie].empty();
                // Only a body that could exceed the small limit needs its route looked up here (the
                // dispatch matches it again): most requests have a small body or none.
                const auto declared = parser.content_length();
                const bool large = parser.chunked() || (declared && *declared > kSmallBodyLimit);
                const auto& head = parser.get();
                const bool may_be_large =
                    !anonymous && large &&
                    router.accepts_files(std::string(head.method_string()), std::string(head.target()));
                const size_t limit = may_be_large ? options.body_limit : kSmallBodyLimit;
                parser.body_limit(limit);
                if (declared && *declared > limit) {
                    ec = bhttp::error::body_limit;
                } else if (may_be_large && (!declared || *declared > kSmallBodyLimit)) {
                    // A body sent in chunks does not declare its length: it may take the limit.
                    reservation = large_bodies.reserve(client_group(client), declared ? *declared : limit);
                    over_budget = !reservation;
                }
                if (over_budget)
                    ec = co_await discard_body(stream, buffer, parser, limit);
                else if (!ec)
                    co_await bhttp::async_read(stream, buffer, parser,
                                               net::redirect_error(net::use_awaitable, ec));
            }
            if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
                ec == net::error::operation_aborted || ec == net::error::connection_reset ||
                ec == net::error::eof)
                break;
            const auto started = std::chrono::steady_clock::now();
            ++in_flight;
            Response response;
            std::string route = "invalid";
            bool keep_alive = false;
            unsigned version = 11;
            Request request;
            if (unknown_coding) {
                response = json_error(501, "unsupported_transfer_coding",
                                      "a request body is accepted with Content-Length or chunked only");
            } else if (over_budget) {
                response = json_error(503, "busy", "too many uploads at once; try again shortly");
                response.headers.push_back({"Retry-After", "5"});
            } else if (ec) {
                response = ec == bhttp::error::body_limit
                               ? json_error(413, "too_large", "request body too large")
                               : json_error(400, "bad_request", "malformed HTTP request");
            } else {
                const auto& in = parser.get();
                keep_alive = in.keep_alive();
                version = in.version();
                bool ok = false;
                request = to_request(parser.release(), ok);
                request.remote = client;
                if (!ok)
                    response = json_error(400, "bad_request", "malformed request target");
                else if (reads_only(request))
                    response = dispatch(request, route);
                else
                    response = co_await net::co_spawn(writers, dispatch_on_writer(request, route),
                                                      net::use_awaitable);
            }
            if (stopping)
                keep_alive = false;
            add_default_headers(response);
            if (response.stream) {
                const std::string method = known_method(request.method) ? request.method : "other";
                metrics.record(
                    method, route, response.status,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
                const bool whole = co_await send_stream(stream, response, version, keep_alive);
                if (--in_flight == 0 && stopping)
                    stop_loops();
                spdlog::info(
                    R"({{"event":"request","method":"{}","route":"{}","status":{},"streamed":true,"ms":{:.2f}}})",
                    method, route, response.status,
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                        .count());
                if (!whole || !keep_alive)
                    break;
                continue;
            }
            bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
            out.set(bhttp::field::server, "Meldpunt");
            out.set(bhttp::field::content_type, response.content_type);
            for (const auto& [name, value] : response.headers)
                out.insert(name, value);  // insert: several Set-Cookie headers may go out together
            out.body() = std::move(response.body);
            out.keep_alive(keep_alive);
            out.prepare_payload();
            // Counted before the answer goes out, so that a client's next request already sees it.
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            const std::string method = known_method(request.method) ? request.method : "other";
            metrics.record(method, route, response.status, seconds);
            co_await bhttp::async_write(stream, out, net::redirect_error(net::use_awaitable, ec));
            // The last answer during a shutdown ends it; idle keep-alive connections are not waited for.
            if (--in_flight == 0 && stopping)
                stop_loops();
            spdlog::info(R"({{"event":"request","method":"{}","route":"{}","status":{},"ms":{:.2f}}})",
                         method, route, response.status, seconds * 1000);
            if (ec || !keep_alive)
                break;
        }
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    // Closes, on every event loop, the connections that have waited for a request since before
    // `cutoff`.
    void close_idle_since(IdleConnections::Clock::time_point cutoff) {
        for (size_t i = 0; i < contexts.size(); ++i)
            net::post(*contexts[i], [this, i, cutoff] { idle[i].close_waiting_since(cutoff); });
    }

    void close_long_idle() {
        close_idle_since(IdleConnections::Clock::now() - std::chrono::seconds(options.pressed_idle_seconds));
    }

    // The client a connection counts against (ConnectionLimits): none behind a trusted proxy.
    std::string connection_client(const tcp::socket& socket) const {
        if (options.trust_forwarded_for)
            return "";
        const std::string peer = peer_address(socket);
        return peer.empty() ? "?" : client_group(peer);
    }

    net::awaitable<void> accept_loop() {
        bool paused = false;
        for (;;) {
            boost::system::error_code ec;
            const size_t loop = next_context;
            next_context = (next_context + 1) % contexts.size();
            tcp::socket socket =
                co_await acceptor.async_accept(*contexts[loop], net::redirect_error(net::use_awaitable, ec));
            if (ec) {
                if (stopping || ec == net::error::operation_aborted)
                    co_return;
                // Out of descriptors (or memory): the connection stays in the backlog and the next
                // accept would fail at once. Make room and wait instead of spinning.
                if (!paused)
                    spdlog::warn(R"({{"event":"accept_paused","error":{}}})",
                                 nlohmann::json(ec.message()).dump());
                paused = true;
                close_long_idle();
                accept_pause.expires_after(kAcceptPause);
                co_await accept_pause.async_wait(net::redirect_error(net::use_awaitable, ec));
                continue;
            }
            if (paused)
                spdlog::info(R"({"event":"accept_resumed"})");
            paused = false;
            auto ticket = limits.admit(connection_client(socket));
            if (!ticket) {
                ++refused;
                socket.close(ec);  // shed load rather than let one client hold every connection
                continue;
            }
            socket.set_option(tcp::no_delay(true), ec);
            net::co_spawn(*contexts[loop], session(std::move(socket), std::move(ticket), loop),
                          net::detached);
        }
    }

    // Once a second: with the server nearly full, the connections idle longest are closed, so
    // that a newcomer finds room; refused connections are reported.
    net::awaitable<void> watch_pressure() {
        for (;;) {
            boost::system::error_code ec;
            pressure_check.expires_after(kPressureCheck);
            co_await pressure_check.async_wait(net::redirect_error(net::use_awaitable, ec));
            if (ec || stopping)
                co_return;
            if (limits.under_pressure())
                close_long_idle();
            if (const size_t count = refused.exchange(0))
                spdlog::warn(R"({{"event":"connections_refused","count":{},"open":{}}})", count,
                             limits.open());
        }
    }

    void begin_shutdown() {
        if (stopping.exchange(true))
            return;
        spdlog::info(R"({{"event":"shutdown","grace_seconds":{}}})", options.grace_seconds);
        boost::system::error_code ignored;
        acceptor.close(ignored);
        signals.cancel(ignored);
        accept_pause.cancel();
        pressure_check.cancel();
        if (in_flight == 0) {
            stop_loops();
            return;
        }
        grace.expires_after(std::chrono::seconds(options.grace_seconds));
        grace.async_wait([this](const boost::system::error_code&) { stop_loops(); });
    }
};

HttpServer::HttpServer(const Router& router, Metrics& metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, metrics, std::move(options))) {}

HttpServer::~HttpServer() = default;

void HttpServer::bind() {
    const tcp::endpoint endpoint{net::ip::make_address(impl_->options.address), impl_->options.port};
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
}

uint16_t HttpServer::port() const {
    return impl_->acceptor.local_endpoint().port();
}

size_t HttpServer::large_body_bytes() const {
    return impl_->large_bodies.used();
}

void HttpServer::run() {
    if (!impl_->acceptor.is_open())
        bind();
    if (impl_->options.handle_signals) {
        impl_->signals.add(SIGTERM);
        impl_->signals.add(SIGINT);
        impl_->signals.async_wait([this](const boost::system::error_code& ec, int) {
            if (!ec)
                impl_->begin_shutdown();
        });
    }
    net::co_spawn(*impl_->contexts[0], impl_->accept_loop(), net::detached);
    net::co_spawn(*impl_->contexts[0], impl_->watch_pressure(), net::detached);
    std::vector<std::thread> workers;
    for (size_t i = 1; i < impl_->contexts.size(); ++i)
        workers.emplace_back([this, i] { impl_->contexts[i]->run(); });
    impl_->contexts[0]->run();
    for (auto& w : workers)
        w.join();
    impl_->writers.join();  // lets a write in progress finish
}

void HttpServer::stop() {
    net::post(*impl_->contexts[0], [this] { impl_->begin_shutdown(); });
}

}  // namespace meldpunt::http
