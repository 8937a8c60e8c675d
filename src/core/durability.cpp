#include "core/durability.hpp"

namespace prongsai {
namespace {

struct Deferral {
  bool active = false;
  Unsynced noted;
};

Deferral& deferral() {
  thread_local Deferral d;
  return d;
}

}  // namespace

DeferDurability::DeferDurability() { deferral() = Deferral{true, {}}; }

DeferDurability::~DeferDurability() { deferral() = Deferral{}; }

Unsynced DeferDurability::take() {
  Unsynced out = deferral().noted;
  deferral().noted = {};
  return out;
}

Unsynced* deferred_durability_on_this_thread() {
  Deferral& d = deferral();
  return d.active ? &d.noted : nullptr;
}

}  // namespace prongsai
