// Look-ups over the embedded file table.
#include "core/embedded.hpp"

#include <algorithm>

namespace prongsai::embedded {

std::optional<std::string_view> find(std::string_view name) {
  for (const File& f : all()) {
    if (f.name == name) return f.data;
  }
  return std::nullopt;
}

std::vector<File> list(std::string_view prefix) {
  std::vector<File> out;
  for (const File& f : all()) {
    if (f.name.starts_with(prefix)) out.push_back(f);
  }
  std::sort(out.begin(), out.end(), [](const File& a, const File& b) { return a.name < b.name; });
  return out;
}

}  // namespace prongsai::embedded
