// The UI message catalogue: web/strings/<lang>.json, flat key → text, Thai first.
// A key missing in English falls back to Thai; a key missing in Thai is a bug that the
// catalogue test catches (every key used in templates and code must exist in th.json).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace prongsai {

enum class Lang { th, en };

std::string_view to_string(Lang lang);
Lang parse_lang(std::string_view code);  // anything but "en" is Thai

class Strings {
 public:
  static const Strings& instance();  // the embedded catalogues, loaded once

  // The text for `key`, or the key itself (so a missing string shows, and the test finds it).
  std::string_view get(Lang lang, std::string_view key) const;
  bool has(Lang lang, std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& all(Lang lang) const;

 private:
  Strings();
  std::map<std::string, std::string, std::less<>> th_, en_;
};

}  // namespace prongsai
