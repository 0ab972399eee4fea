#pragma once
// A child process for the tests: start `meldpunt serve` for real, kill it with SIGKILL or stop it
// with SIGTERM, and wait for it.
#include <sys/types.h>

#include <string>
#include <vector>

namespace meldpunt::testing {

class Process {
  public:
    // Starts `argv` (argv[0] is the program path); output goes to `log_path`.
    Process(const std::vector<std::string>& argv, const std::string& log_path);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    void kill_hard();  // SIGKILL, then reap
    int terminate();   // SIGTERM, wait; returns the exit status (-1 if killed by a signal)
    bool running() const;
    pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
};

// Polls GET /healthz until it answers 200 or `seconds` pass.
bool wait_until_healthy(int port, double seconds);

int free_tcp_port();

// Runs `command` in a shell and answers what it wrote (standard output and error). With `status`,
// its wait status is put there; without, a failure throws std::runtime_error with the output.
std::string shell(const std::string& command, int* status = nullptr);

}  // namespace meldpunt::testing
