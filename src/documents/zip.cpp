// XML escaping and in-memory zip archives (libzip: a buffer source opened as an archive).
#include <zip.h>

#include <memory>
#include <stdexcept>

#include "documents/xml.hpp"

namespace prongsai::documents {
namespace {

// An archive read from memory; closing it frees its source. Null when unreadable.
using Archive = std::unique_ptr<zip_t, int (*)(zip_t*)>;

Archive open_archive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return Archive(nullptr, zip_close);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) zip_source_free(source);
  return Archive(archive, zip_close);
}

// What an archive closed into a kept buffer source holds, the source freed; "" when it
// cannot be read back.
std::string written(zip_source_t* buffer) {
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
    out.resize(st.size);
    zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
    zip_source_close(buffer);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) out.clear();
  }
  zip_source_free(buffer);
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n') break;
        out += ch;
    }
  }
  return out;
}

std::string zip_parts(const std::vector<std::pair<const char*, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw std::runtime_error("zip: no buffer");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    throw std::runtime_error("zip: cannot open the buffer");
  }
  zip_source_keep(buffer);  // read it back after zip_close
  for (const auto& [name, data] : parts) {
    zip_source_t* part = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (!part || zip_file_add(archive, name, part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part) zip_source_free(part);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("zip: cannot add a part");
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("zip: cannot write the archive");
  }
  std::string out = written(buffer);
  if (out.empty()) throw std::runtime_error("zip: cannot read the archive back");
  return out;
}

std::optional<std::string> replace_parts(std::string_view bytes,
                                         const std::vector<std::pair<std::string, std::string>>& parts) {
  // A writable copy: libzip writes the new archive into the buffer source it was opened from.
  zip_error_t error;
  zip_error_init(&error);
  std::string copy(bytes);
  zip_source_t* buffer = zip_source_buffer_create(copy.data(), copy.size(), 0, &error);
  if (!buffer) return std::nullopt;
  zip_t* archive = zip_open_from_source(buffer, ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_source_free(buffer);
    return std::nullopt;
  }
  zip_source_keep(buffer);  // read it back after zip_close
  auto give_up = [&] {
    zip_discard(archive);
    zip_source_free(buffer);
    return std::nullopt;
  };
  for (const auto& [name, data] : parts) {
    zip_int64_t index = zip_name_locate(archive, name.c_str(), 0);
    if (index < 0) continue;  // not in this archive: nothing to replace
    zip_source_t* part = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (!part) return give_up();
    if (zip_file_replace(archive, static_cast<zip_uint64_t>(index), part, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(part);
      return give_up();
    }
  }
  if (zip_close(archive) < 0) return give_up();
  std::string out = written(buffer);
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<std::string> unzip_part(std::string_view bytes, const std::string& name, std::size_t max_bytes) {
  Archive archive = open_archive(bytes);
  if (!archive) return std::nullopt;
  std::optional<std::string> out;
  zip_stat_t st;
  if (zip_stat(archive.get(), name.c_str(), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size <= max_bytes) {
    if (zip_file_t* f = zip_fopen(archive.get(), name.c_str(), 0)) {
      std::string data(st.size, '\0');
      if (zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size)) out = std::move(data);
      zip_fclose(f);
    }
  }
  return out;
}

std::optional<ZipContents> inspect_zip(std::string_view bytes, std::uint64_t max_total, std::size_t max_entries) {
  Archive archive = open_archive(bytes);
  if (!archive) return std::nullopt;
  zip_int64_t n = zip_get_num_entries(archive.get(), 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > max_entries) return std::nullopt;
  ZipContents out;
  std::string buffer(64 * 1024, '\0');
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (!name) return std::nullopt;
    out.names.emplace_back(name);
    zip_file_t* f = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (!f) return std::nullopt;
    zip_int64_t got = 0;
    while ((got = zip_fread(f, buffer.data(), buffer.size())) > 0) {
      out.inflated += static_cast<std::uint64_t>(got);
      if (out.inflated > max_total) break;
    }
    zip_fclose(f);
    if (got < 0 || out.inflated > max_total) return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::string>> zip_names(std::string_view bytes, std::size_t max_entries) {
  Archive archive = open_archive(bytes);
  if (!archive) return std::nullopt;
  zip_int64_t n = zip_get_num_entries(archive.get(), 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > max_entries) return std::nullopt;
  std::vector<std::string> out;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (!name) return std::nullopt;
    out.emplace_back(name);
  }
  return out;
}

}  // namespace prongsai::documents
