// Files carried inside the binary (see cmake/Embed.cmake): templates/, assets/, strings/,
// migrations/, ita/. Names are logical paths; contents live in .rodata for the process's life.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace prongsai::embedded {

struct File {
  std::string_view name;
  std::string_view data;
};

std::span<const File> all();  // defined in the generated embedded_files.cpp

std::optional<std::string_view> find(std::string_view name);

// Every file whose name starts with `prefix`, sorted by name.
std::vector<File> list(std::string_view prefix);

}  // namespace prongsai::embedded
