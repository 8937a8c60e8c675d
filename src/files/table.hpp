// A table someone downloaded from another system (e-GP's exports, a spreadsheet they keep) as
// rows of cell texts, for an import to read by its column headers. XLSX: the workbook's first
// sheet, read with libzip and libxml2 (Debian ships no C or C++ reader of it): shared strings,
// inline strings and numbers as written (a date is its serial number; the reader of a date
// column turns it into a day); CSV per RFC 4180 (quotes, doubled quotes, line ends inside
// quotes), in UTF-8, or else Windows-874, Thai Windows' encoding in which Excel saves Thai CSV,
// converted by iconv. Pure: bytes in, rows out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace prongsai::files {

struct TableLimits {
  std::size_t max_rows = 60000, max_columns = 200, max_cell_bytes = 4000;
  std::size_t max_part_bytes = 100 << 20;  // an XLSX part, inflated
};

using Table = std::vector<std::vector<std::string>>;

// error.table_damaged (its detail saying what) for a workbook whose parts do not read or a CSV
// with an unclosed quote; error.table_too_large past a limit. Nothing half-read is returned.
Result<Table> read_xlsx(std::string_view data, const TableLimits& limits = {});
Result<Table> read_csv(std::string_view data, const TableLimits& limits = {});

// A workbook's column of a cell reference: "A1" → 0, "AB12" → 27; nullopt for anything else.
std::optional<std::size_t> column_of(std::string_view cell_ref);

}  // namespace prongsai::files
