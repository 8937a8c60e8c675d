// instance_settings access.
#include "store/settings.hpp"

namespace prongsai::store {
namespace {

constexpr std::string_view kInsertSettingIfMissing =
    "INSERT INTO instance_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
constexpr std::string_view kSelectSetting = "SELECT value FROM instance_settings WHERE key = ?";
constexpr std::string_view kUpsertSetting =
    "INSERT INTO instance_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

}  // namespace

std::string setting_or_create(Store& store, std::string_view key, const std::function<std::string()>& make) {
  return store.bookkeeping([&](BookkeepingTx& tx) {
    tx.exec(kInsertSettingIfMissing, {std::string(key), make()});
    return tx.query_one(kSelectSetting, {std::string(key)})->text("value");
  });
}

std::optional<std::string> setting(Store& store, std::string_view key) {
  return store.read([&](ReadTx& tx) -> std::optional<std::string> {
    auto row = tx.query_one(kSelectSetting, {std::string(key)});
    return row ? std::optional(row->text("value")) : std::nullopt;
  });
}

void set_setting(Store& store, std::string_view key, const std::string& value) {
  store.bookkeeping([&](BookkeepingTx& tx) { return tx.exec(kUpsertSetting, {std::string(key), value}); });
}

}  // namespace prongsai::store
