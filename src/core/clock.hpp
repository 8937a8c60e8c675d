// Where "now" comes from: the system clock in production, a settable clock in tests
// (session expiry, throttling windows, fiscal-year boundaries).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace prongsai {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now() const {  // Unix seconds
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  static const Clock& system() {
    static const Clock clock;
    return clock;
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start) : now_(start) {}
  std::int64_t now() const override { return now_.load(); }
  void set(std::int64_t t) { now_ = t; }
  void advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace prongsai
