// Logging setup. Log lines never carry secrets, passwords, tokens, session ids or a
// complainant's data; the access log carries no IP address or user agent.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace prongsai::log {

void init(std::string_view level);  // "debug", "info", "warn", "error", "off"

// A process that dies on a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) first writes
// one line naming it, and a backtrace, to stderr (the log), then dies of it as it would have,
// so systemd's Restart=on-failure and a core dump still see the signal. SIGXFSZ (a file-size
// limit) becomes an error of the write instead of a silent death; SIGPIPE likewise.
void on_fatal_signals();

}  // namespace prongsai::log
