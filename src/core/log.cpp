// Logs go to stderr; systemd or the terminal keeps them.
#include "core/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace prongsai::log {

void init(std::string_view level) {
  auto logger = spdlog::stderr_color_mt("prongsai");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S%z %^%l%$ %v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(logger);
}

}  // namespace prongsai::log
