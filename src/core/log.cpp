// Logs go to stderr; systemd or the terminal keeps them.
#include "core/log.hpp"

#include <execinfo.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace prongsai::log {

void init(std::string_view level) {
  auto logger = spdlog::stderr_color_mt("prongsai");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S%z %^%l%$ %v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(logger);
}

namespace {

void write_all(const char* s) {
  std::size_t n = std::strlen(s);
  while (n > 0) {
    ssize_t w = ::write(STDERR_FILENO, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Async-signal-safe only: write(2), backtrace_symbols_fd, sigaction, raise.
void fatal(int sig) {
  write_all("prongsai: fatal signal SIG");
  write_all(sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
  write_all(": the process ends here; backtrace follows\n");
  void* frames[64];
  int n = backtrace(frames, 64);
  backtrace_symbols_fd(frames, n, STDERR_FILENO);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  raise(sig);
}

}  // namespace

void on_fatal_signals() {
  // Its own stack, so that a stack overflow can still be reported.
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  sigaltstack(&ss, nullptr);
  void* warm[1];
  backtrace(warm, 1);  // loads libgcc now: not inside the handler
  struct sigaction sa {};
  sa.sa_handler = fatal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace prongsai::log
