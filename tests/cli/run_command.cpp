#include "tests/cli/run_command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace goemu::test {
namespace {
std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Starts GOEMU_BINARY with args, standard input from /dev/null and standard output and error
// on the descriptors given.
pid_t Spawn(const std::vector<std::string>& args, int out_fd, int err_fd) {
  std::vector<char*> argv;
  std::string binary = GOEMU_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (auto& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int WaitStatus(pid_t pid) {
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}
}  // namespace

CommandResult RunGoemu(const std::vector<std::string>& args) {
  char out_path[] = "/tmp/goemu-test-outXXXXXX";
  char err_path[] = "/tmp/goemu-test-errXXXXXX";
  const int out_fd = mkstemp(out_path);
  const int err_fd = mkstemp(err_path);
  CommandResult result;
  result.status = WaitStatus(Spawn(args, out_fd, err_fd));
  close(out_fd);
  close(err_fd);
  result.out = Slurp(out_path);
  result.err = Slurp(err_path);
  unlink(out_path);
  unlink(err_path);
  return result;
}

CommandResult RunGoemuIntoShortReader(const std::vector<std::string>& args, size_t keep) {
  char err_path[] = "/tmp/goemu-test-errXXXXXX";
  const int err_fd = mkstemp(err_path);
  int pipe_fds[2];
  CommandResult result;
  // Close-on-exec, so the child holds no read end: its writes must fail once ours is closed.
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return result;
  const pid_t pid = Spawn(args, pipe_fds[1], err_fd);
  close(pipe_fds[1]);
  char chunk[4096];
  while (result.out.size() < keep) {
    const ssize_t n = read(pipe_fds[0], chunk, std::min(sizeof chunk, keep - result.out.size()));
    if (n <= 0) break;
    result.out.append(chunk, static_cast<size_t>(n));
  }
  close(pipe_fds[0]);
  result.status = WaitStatus(pid);
  close(err_fd);
  result.err = Slurp(err_path);
  unlink(err_path);
  return result;
}

}  // namespace goemu::test
