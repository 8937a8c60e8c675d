// When a commit is on disk. On SQLite a commit returns once its pages are written to the log,
// before the disk has them; one flush of the log (fdatasync) then makes every commit made so
// far durable at once, however many there were: a burst of submissions costs one flush, not
// one each (group commit). Whoever acknowledges a write (the edge, answering the request that
// made it; the store itself, for a command or a job) waits for the flush after it.
//
// A request's writes are noted, not waited for, while the edge handles it (DeferDurability):
// its handler goes on, the edge holds the answer until the flush and says it failed if the
// flush did. Nothing is acknowledged that a crash or a power cut could take back.
#pragma once

#include <cstdint>
#include <functional>

namespace prongsai {

class Durability {
 public:
  virtual ~Durability() = default;
  // Counts a commit that has just returned: its number, which when_durable takes.
  virtual std::uint64_t committed() = 0;
  // Calls done(true), from any thread, once every commit numbered up to `seq` is on disk;
  // done(false) when the flush failed (the commits may be lost).
  virtual void when_durable(std::uint64_t seq, std::function<void(bool ok)> done) = 0;
  // Flushes done so far (the tests, the bench).
  virtual std::uint64_t flushes() const = 0;
};

// The commits a thread made that are not yet known to be on disk.
struct Unsynced {
  Durability* log = nullptr;  // null: nothing to wait for
  std::uint64_t seq = 0;
};

// While one exists on a thread, the store notes that thread's commits instead of waiting for
// them; take() says what to wait for before answering. Not nested.
class DeferDurability {
 public:
  DeferDurability();
  ~DeferDurability();
  DeferDurability(const DeferDurability&) = delete;
  DeferDurability& operator=(const DeferDurability&) = delete;
  Unsynced take();
};

// For the store: whether this thread's commits are deferred now, and where they are noted.
Unsynced* deferred_durability_on_this_thread();

}  // namespace prongsai
