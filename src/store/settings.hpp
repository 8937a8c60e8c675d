// Installation-wide secrets and values shared by every node: made once, read at start.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace prongsai::store {

// The value of `key`, creating it with `make()` the first time (one transaction: two nodes
// starting together agree on one value).
std::string setting_or_create(Store& store, std::string_view key, const std::function<std::string()>& make);
// The value of `key`, if set; setting it replaces the value.
std::optional<std::string> setting(Store& store, std::string_view key);
void set_setting(Store& store, std::string_view key, const std::string& value);

}  // namespace prongsai::store
