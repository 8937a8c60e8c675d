// Loads the embedded message catalogues.
#include "core/strings.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/embedded.hpp"

namespace prongsai {
namespace {

std::map<std::string, std::string, std::less<>> load(std::string_view name) {
  auto data = embedded::find(name);
  if (!data) throw std::runtime_error(std::string("missing message catalogue ") + std::string(name));
  std::map<std::string, std::string, std::less<>> out;
  auto json = nlohmann::json::parse(*data);
  for (auto& [k, v] : json.items()) out.emplace(k, v.get<std::string>());
  return out;
}

}  // namespace

std::string_view to_string(Lang lang) { return lang == Lang::en ? "en" : "th"; }
Lang parse_lang(std::string_view code) { return code == "en" ? Lang::en : Lang::th; }

const Strings& Strings::instance() {
  static const Strings strings;
  return strings;
}

Strings::Strings() : th_(load("strings/th.json")), en_(load("strings/en.json")) {}

std::string_view Strings::get(Lang lang, std::string_view key) const {
  if (lang == Lang::en) {
    if (auto it = en_.find(key); it != en_.end()) return it->second;
  }
  if (auto it = th_.find(key); it != th_.end()) return it->second;
  return key;
}

bool Strings::has(Lang lang, std::string_view key) const {
  return lang == Lang::en ? en_.contains(key) : th_.contains(key);
}

const std::map<std::string, std::string, std::less<>>& Strings::all(Lang lang) const {
  return lang == Lang::en ? en_ : th_;
}

}  // namespace prongsai
