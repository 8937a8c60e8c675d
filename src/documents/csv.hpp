// Tables for data tools: CSV (RFC 4180) and JSON. A module hands over its rows; how a cell is
// quoted is decided here, once.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace prongsai::documents {

// A CSV cell: nothing, text, or a whole number.
using CsvCell = std::variant<std::monostate, std::string, std::int64_t>;
using CsvRow = std::vector<CsvCell>;

// How text cells are quoted. `text`: every text cell in double quotes, numbers and empty cells
// bare (Python's QUOTE_NONNUMERIC), so a code like "0012" stays text to a reader that looks at
// quotes. `minimal`: only a cell holding a comma, a quote or a line break, for lists a person
// pastes elsewhere (the assessors' URL list). Either way inner quotes are doubled.
enum class CsvQuotes { text, minimal };

// UTF-8 with a byte-order mark (spreadsheet programs then read Thai as UTF-8), lines ended by
// CRLF.
std::string render_csv(const std::vector<CsvRow>& rows, CsvQuotes quotes = CsvQuotes::text);

}  // namespace prongsai::documents
