// Small pieces the office formats share: XML text escaping and zip packages in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace prongsai::documents {

// Text for an XML element or attribute: & < > " ' escaped, and the characters XML 1.0
// cannot carry (C0 controls other than tab and newline) dropped.
std::string xml_escape(std::string_view text);

// A zip archive of the named parts, in this order, deflated.
std::string zip_parts(const std::vector<std::pair<const char*, std::string>>& parts);

// The archive with the named parts' contents replaced (parts it does not hold are skipped;
// everything else is copied as it was); nullopt when it cannot be read or written.
std::optional<std::string> replace_parts(std::string_view archive,
                                         const std::vector<std::pair<std::string, std::string>>& parts);

// One part of a zip archive held in memory; nullopt when the archive or the part is unreadable
// or the part would be larger than `max_bytes` (a zip bomb stops here, before it is inflated).
std::optional<std::string> unzip_part(std::string_view archive, const std::string& name,
                                      std::size_t max_bytes = 64 << 20);

// What a zip archive holds, found by inflating every entry (so a header that lies about its
// size is caught): nullopt when the archive is unreadable, holds more than `max_entries`
// entries, or inflates past `max_total` bytes (a zip bomb).
struct ZipContents {
  std::vector<std::string> names;
  std::uint64_t inflated = 0;
};
std::optional<ZipContents> inspect_zip(std::string_view archive, std::uint64_t max_total, std::size_t max_entries);
// The names of an archive's entries, nothing inflated; nullopt past `max_entries`.
std::optional<std::vector<std::string>> zip_names(std::string_view archive, std::size_t max_entries);

}  // namespace prongsai::documents
