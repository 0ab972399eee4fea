#include "render/dot_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <optional>
#include <thread>
#include <vector>

extern char** environ;

namespace meldpunt::render {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
    int read = -1, write = -1;
    bool open() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        read = fds[0];
        write = fds[1];
        return true;
    }
    static void close_end(int& fd) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    ~Pipe() {
        close_end(read);
        close_end(write);
    }
};

// Writes `input` to `to_child` and reads `from_child` until the child closes it or `deadline`;
// false on the deadline.
bool exchange(int& to_child, int from_child, const std::string& input, std::string& output,
              Clock::time_point deadline) {
    size_t written = 0;
    ::fcntl(to_child, F_SETFL, O_NONBLOCK);
    for (;;) {
        std::vector<pollfd> fds{{from_child, POLLIN, 0}};
        if (to_child >= 0)
            fds.push_back({to_child, POLLOUT, 0});
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return false;
        if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR)
            return false;
        if (to_child >= 0 && fds.size() > 1 && fds[1].revents) {
            const ssize_t n = ::write(to_child, input.data() + written, input.size() - written);
            if (n > 0)
                written += static_cast<size_t>(n);
            if (n < 0 && errno != EAGAIN)
                written = input.size();  // the child is gone: reading says the rest
            if (written == input.size())
                Pipe::close_end(to_child);
        }
        if (fds[0].revents) {
            std::array<char, 65536> buffer;
            const ssize_t n = ::read(from_child, buffer.data(), buffer.size());
            if (n == 0)
                return true;
            if (n > 0)
                output.append(buffer.data(), static_cast<size_t>(n));
            else if (errno != EAGAIN && errno != EINTR)
                return true;
        }
    }
}

// While it lives, a write to a pipe whose reader is gone fails with EPIPE in this thread instead
// of raising SIGPIPE, which would end the process.
class NoSigpipe {
  public:
    NoSigpipe() {
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_, &before_);
    }
    ~NoSigpipe() {
        const timespec none{0, 0};
        while (sigtimedwait(&pipe_, nullptr, &none) > 0) {
        }
        pthread_sigmask(SIG_SETMASK, &before_, nullptr);
    }

  private:
    sigset_t pipe_{}, before_{};
};

// The child, killed and reaped however run_dot ends (an exception while reading included), so that
// no `dot` outlives its call or is left behind as a zombie.
class Child {
  public:
    explicit Child(pid_t pid) : pid_(pid) {}
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
    }

    // Its exit status once it ended, waiting until `deadline` at most: a `dot` that closed its
    // output but does not end is no reason to wait past the limit. nullopt: it did not end in time
    // (the destructor stops it).
    std::optional<int> wait_until(Clock::time_point deadline) {
        for (;;) {
            int status = 0;
            const pid_t ended = ::waitpid(pid_, &status, WNOHANG);
            if (ended == pid_) {
                pid_ = -1;
                return status;
            }
            if (ended < 0 && errno != EINTR) {
                pid_ = -1;  // not ours to wait for any more
                return std::nullopt;
            }
            if (Clock::now() >= deadline)
                return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }

  private:
    pid_t pid_;
};

}  // namespace

DotOutcome run_dot(const std::string& dot, std::chrono::milliseconds limit, const std::string& dot_program) {
    const auto deadline = Clock::now() + limit;
    Pipe in, out;
    if (!in.open() || !out.open())
        return {std::nullopt, false, false};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // Nothing else of the server's reaches `dot`: its client connections and listening socket are
    // not close-on-exec, and a connection the server closed must close for its client too.
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    std::string program = dot_program, format = "-Tsvg";
    char* argv[] = {program.data(), format.data(), nullptr};
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return {std::nullopt, false, false};
    Child child(pid);
    Pipe::close_end(in.read);
    Pipe::close_end(out.write);
    std::string svg;
    const NoSigpipe no_sigpipe;
    if (!exchange(in.write, out.read, dot, svg, deadline))
        return {std::nullopt, true};
    const auto status = child.wait_until(deadline);
    if (!status)
        return {std::nullopt, true};
    if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0 || svg.empty())
        return {};
    return {std::move(svg), false};
}

}  // namespace meldpunt::render
