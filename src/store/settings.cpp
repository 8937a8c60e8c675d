// instance_settings access.
#include "store/settings.hpp"

namespace prongsai::store {
namespace {

constexpr std::string_view kInsertSettingIfMissing =
    "INSERT INTO instance_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
constexpr std::string_view kSelectSetting = "SELECT value FROM instance_settings WHERE key = ?";

}  // namespace

std::string setting_or_create(Store& store, std::string_view key, const std::function<std::string()>& make) {
  return store.bookkeeping([&](BookkeepingTx& tx) {
    tx.exec(kInsertSettingIfMissing, {std::string(key), make()});
    return tx.query_one(kSelectSetting, {std::string(key)})->text(0);
  });
}

}  // namespace prongsai::store
