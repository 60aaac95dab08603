#include "tests/malformed/run_case.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace goemu::test {
namespace {

std::string SlurpAndRemove(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  unlink(path);
  return ss.str();
}

}  // namespace

CaseRun RunInDir(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                 std::chrono::milliseconds limit) {
  char out_path[] = "/tmp/goemu-malformed-outXXXXXX";
  char err_path[] = "/tmp/goemu-malformed-errXXXXXX";
  const int out_fd = mkstemp(out_path);
  const int err_fd = mkstemp(err_path);
  std::vector<std::string> copies = args;
  copies.insert(copies.begin(), binary);
  std::vector<char*> argv;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(126);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  CaseRun run;
  int wstatus = 0;
  while (waitpid(pid, &wstatus, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - start > limit) {
      run.timed_out = true;
      kill(pid, SIGKILL);
      waitpid(pid, &wstatus, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (WIFEXITED(wstatus)) run.status = WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) run.signal = WTERMSIG(wstatus);
  close(out_fd);
  close(err_fd);
  run.out = SlurpAndRemove(out_path);
  run.err = SlurpAndRemove(err_path);
  return run;
}

}  // namespace goemu::test
