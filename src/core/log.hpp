// Logging setup. Log lines never carry secrets, passwords, tokens, session ids or a
// complainant's data; the access log carries no IP address or user agent.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace prongsai::log {

void init(std::string_view level);  // "debug", "info", "warn", "error", "off"

}  // namespace prongsai::log
