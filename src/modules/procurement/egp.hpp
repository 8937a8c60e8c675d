// Reading the Comptroller General's e-GP contract data (`cgdcontract`, ../shared/procurement):
// a JSON object whose `result` lists projects, each with `project_id`, `project_name`, Thai
// short dates ("10 ม.ค. 67", "-" for none) and a `contract` list. Only project_id and
// project_name are required; what else a project carries is read when it is there
// (purchase_method_name, project_money, price_build, sum_price_agree, project_status, each
// contract's contract_no, winner, price_agree, contract_date, contract_finish_date) and any
// other field is ignored. Pure: no store, no clock.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/strings.hpp"
#include "files/table.hpp"
#include "modules/procurement/procurement.hpp"

namespace prongsai::procurement::egp {

// The most projects one file may bring (a national department's year is a few thousand).
inline constexpr std::size_t kMaxProjects = 50000;

// Every project of the file, each in the fiscal year of the day it is reported on (or
// `fiscal_year` when it has no date yet). A status or method the file does not give is left
// empty, for the import to keep the register's. A file that is not such JSON, a project
// without its number or name, an unreadable date or amount, a negative amount or a number
// twice: an error whose particulars name the project (its place in the list and its number)
// and the field, in `lang`; nothing is returned.
Result<std::vector<Project>> read_cgdcontract(std::string_view json_text, int fiscal_year, Lang lang);

// The same from a table (e-GP's CSV or XLSX export, or the NACC's spreadsheet of ITA 2568's
// sixteen fields): the header row found among the first thirty by its number and name columns,
// each column read as the cgdcontract field its header names (egp.cpp: kColumns; others
// ignored), a row's contract columns as its one contract, a date cell's serial number as its
// day. Blank rows, a month's "ไม่มีการจัดซื้อจัดจ้าง" and lines of totals are left out. Faults
// name the sheet's row and the column's header.
Result<std::vector<Project>> read_table(const files::Table& table, int fiscal_year, Lang lang);
// A file as its bytes say: cgdcontract JSON, an XLSX workbook, or CSV; anything else (a PDF, a
// picture, a document) refused as not data.
Result<std::vector<Project>> read_any(std::string_view data, int fiscal_year, Lang lang);

// What e-GP's names come to: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" → "e_bidding";
// "ยกเลิกโครงการ" → "cancelled". Anything unknown: "other" / "".
std::string method_of(std::string_view egp_name);
std::string status_of(std::string_view egp_status);

}  // namespace prongsai::procurement::egp
