// Connections a client can hold (issue 15: 2,048 idle connections from one host locked everyone
// else out for 30 s; at the descriptor limit the accept loop spun at 100% CPU). The server runs in
// the test process (TestServer) on a SQLite file: connection handling is the same on PostgreSQL.
// Clients are told apart by their loopback source address (127.0.0.1, 127.0.0.2, ...).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "support/backends.hpp"
#include "support/process.hpp"
#include "support/tcp_connection.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt::testing;
using std::chrono::milliseconds;

constexpr const char* kOk = "HTTP/1.1 200 OK";

std::vector<TcpConnection> open_idle(const std::string& source, int port, int count) {
    std::vector<TcpConnection> out;
    for (int i = 0; i < count; ++i)
        out.emplace_back(source, port);
    return out;
}

size_t closed_among(std::vector<TcpConnection>& connections, milliseconds wait) {
    size_t closed = 0;
    for (auto& c : connections)
        closed += c.closed_by_server(wait) ? 1 : 0;
    return closed;
}

TEST(ConnectionLimits, OneClientCannotHoldEveryConnection) {
    TestServer server(fresh_database("sqlite"), [](auto& options) {
        options.max_connections = 40;
        options.max_connections_per_client = 10;
    });
    // 127.0.0.1 is the test's own address (TestServer checks the server's health from it).
    auto held = open_idle("127.0.0.2", server.port(), 10);
    // The eleventh from the same address is closed at once, unanswered ...
    TcpConnection eleventh("127.0.0.2", server.port());
    EXPECT_TRUE(eleventh.closed_by_server(milliseconds(3000)));
    // ... while the ten it holds stay open and another client is served.
    EXPECT_EQ(closed_among(held, milliseconds(50)), 0u);
    EXPECT_EQ(TcpConnection("127.0.0.3", server.port()).get_status_line("/healthz"), kOk);
    // A connection given back makes room for the same client again.
    held.pop_back();
    std::string status;
    for (int attempt = 0; attempt < 50 && status != kOk; ++attempt) {
        std::this_thread::sleep_for(milliseconds(20));
        status = TcpConnection("127.0.0.2", server.port()).get_status_line("/healthz");
    }
    EXPECT_EQ(status, kOk);
}

TEST(ConnectionLimits, IdleConnectionsAreClosedSoonerWhenTheServerIsNearlyFull) {
    TestServer server(fresh_database("sqlite"), [](auto& options) {
        options.max_connections = 40;
        options.max_connections_per_client = 10;
        options.idle_timeout_seconds = 30;
        options.pressed_idle_seconds = 1;
    });
    // Below three quarters of the total, idle connections wait the whole idle timeout.
    auto first = open_idle("127.0.0.2", server.port(), 10);
    auto second = open_idle("127.0.0.3", server.port(), 10);
    std::this_thread::sleep_for(milliseconds(2500));
    EXPECT_EQ(closed_among(first, milliseconds(1)) + closed_among(second, milliseconds(1)), 0u);
    // Two more clients fill the server: the connections that waited longest are closed within
    // seconds, and a newcomer is served.
    auto third = open_idle("127.0.0.4", server.port(), 10);
    auto fourth = open_idle("127.0.0.5", server.port(), 10);
    EXPECT_EQ(closed_among(first, milliseconds(5000)), first.size());
    EXPECT_EQ(closed_among(second, milliseconds(5000)), second.size());
    EXPECT_EQ(TcpConnection("127.0.0.6", server.port()).get_status_line("/healthz"), kOk);
}

// The processor time `pid` has used, in clock ticks (utime + stime of /proc/PID/stat).
long cpu_ticks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The fields after the command name (which may hold spaces) start after its closing bracket.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {
        if (i == 14)
            utime = std::stol(field);
        if (i == 15) {
            stime = std::stol(field);
            break;
        }
    }
    return utime + stime;
}

// A server out of file descriptors waits before it accepts again instead of spinning, makes room
// by closing connections that idle, and serves again once connections are given back.
TEST(ConnectionLimits, AtTheDescriptorLimitAcceptingPausesInsteadOfSpinning) {
#ifdef __SANITIZE_ADDRESS__
    // The sanitizers' runtime opens descriptors of its own (a pipe to test whether memory can be
    // read for its type checks); at the limit it reports false errors and stops the server.
    GTEST_SKIP() << "not under the sanitizers: their runtime needs descriptors at the limit";
#endif
    const int port = free_tcp_port();
    const std::string log = ::testing::TempDir() + "serve-descriptors.log";
    Process server(
        {"/usr/bin/prlimit", "--nofile=128:128", MELDPUNT_BINARY, "serve", "--db", fresh_database("sqlite"),
         "--listen", "127.0.0.1:" + std::to_string(port), "--threads", "2", "--write-threads", "2",
         "--sweep-interval", "0", "--mail-poll", "0", "--max-connections", "400"},
        log);
    ASSERT_TRUE(wait_until_healthy(port, 20)) << "see " << log;
    {
        // More connections than the process has descriptors: the kernel queues the rest.
        auto held = open_idle("127.0.0.1", port, 200);
        std::this_thread::sleep_for(milliseconds(500));
        const long before = cpu_ticks(server.pid());
        std::this_thread::sleep_for(milliseconds(3000));
        const long used = cpu_ticks(server.pid()) - before;
        // A spinning accept loop takes a whole core: about 300 ticks in 3 s at 100 ticks a second.
        EXPECT_LT(used, 60) << "processor ticks in 3 s at the descriptor limit";
    }
    EXPECT_TRUE(wait_until_healthy(port, 20));
    std::ifstream in(log);
    const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(written.find("accept_paused"), std::string::npos) << written.substr(0, 2000);
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
