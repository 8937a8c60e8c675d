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

// What e-GP's names come to: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" → "e_bidding";
// "ยกเลิกโครงการ" → "cancelled". Anything unknown: "other" / "".
std::string method_of(std::string_view egp_name);
std::string status_of(std::string_view egp_status);

}  // namespace prongsai::procurement::egp
