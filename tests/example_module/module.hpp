// A module that exists only in the tests: the proof that a capability is added by a folder and
// its line in a list. It holds nothing real; what it contributes is what a new module would.
#pragma once

#include <atomic>

#include "web/module.hpp"

namespace prongsai::example {

// What its job counts: how many times the background work ran it.
struct Runs {
  std::atomic<int> count{0};
};

// The manifest, as src/modules/X/module.cpp would have it.
const web::Module& manifest();

}  // namespace prongsai::example
