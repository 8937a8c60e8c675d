// The cgdcontract reader. See egp.hpp.
#include "modules/procurement/egp.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "files/files.hpp"

namespace prongsai::procurement::egp {
namespace {

using nlohmann::json;

constexpr int kMaxNesting = 32;

// A fault found in the file, said as the officer reads it: which project, which field, what.
class Reader {
 public:
  Reader(int fiscal_year, Lang lang) : fiscal_year_(fiscal_year), lang_(lang) {}

  Result<std::vector<Project>> read(std::string_view text) {
    // The data nests four deep (result, a project, its contracts, a contract); a file nested
    // far deeper is not this data, and would cost memory out of proportion to its size.
    if (!text::json_nesting_within(text, kMaxNesting)) return fail(whole_file("procurement.import.not_json"));
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail(whole_file("procurement.import.not_json"));
    const json* list = &doc;
    if (doc.is_object()) {
      auto it = doc.find("result");
      if (it == doc.end()) return fail(whole_file("procurement.import.no_result"));
      list = &*it;
    }
    if (!list->is_array()) return fail(whole_file("procurement.import.no_result"));
    return read_list(*list);
  }

  // A table's rows as cgdcontract projects: each entry's place is its row of the sheet, and a
  // field is named by its column's header as the file has it.
  Result<std::vector<Project>> read_rows(const json& list, std::vector<std::size_t> sheet_rows,
                                         std::map<std::string, std::string> headers) {
    sheet_rows_ = std::move(sheet_rows);
    headers_ = std::move(headers);
    return read_list(list);
  }

 private:
  Result<std::vector<Project>> read_list(const json& list_json) {
    const json* list = &list_json;
    if (list->size() > kMaxProjects)
      return fail(whole_file("procurement.import.too_many", {{"n", std::to_string(kMaxProjects)}}));
    std::vector<Project> out;
    std::map<std::string, std::size_t> seen;  // number → its row
    for (std::size_t i = 0; i < list->size(); ++i) {
      row_ = i + 1;
      number_.clear();
      const json& j = (*list)[i];
      if (!j.is_object()) return fail(fault("", "procurement.import.not_object"));
      Project p;
      auto number = text_of(j, "project_id", true);
      if (!number) return fail(number.error());
      number_ = *number;
      if (number_.size() > 30 || number_.find_first_not_of("0123456789") != std::string::npos)
        return fail(fault("project_id", "procurement.import.bad_number", number_));
      if (auto [at, fresh] = seen.emplace(number_, shown_row()); !fresh)
        return fail(fault("project_id",
                          sheet_rows_.empty() ? "procurement.import.twice" : "procurement.import.twice_row",
                          std::to_string(at->second)));
      p.egp_number = number_;
      auto name = text_of(j, "project_name", true);
      if (!name) return fail(name.error());
      p.name = *name;
      auto method = text_of(j, "purchase_method_name", false);
      if (!method) return fail(method.error());
      p.method_text = *method;
      p.method = method->empty() ? "" : method_of(*method);
      auto status = text_of(j, "project_status", false);
      if (!status) return fail(status.error());
      p.status = status->empty() ? "" : status_of(*status);
      for (auto [field, into] : {std::pair{"project_money", &p.budget}, std::pair{"price_build", &p.reference_price},
                                 std::pair{"sum_price_agree", &p.agreed_price}}) {
        auto amount = amount_of(j, field);
        if (!amount) return fail(amount.error());
        *into = *amount;
      }
      auto announced = date_of(j, "announce_date");
      if (!announced) return fail(announced.error());
      auto transaction = date_of(j, "transaction_date");
      if (!transaction) return fail(transaction.error());
      p.announced_on = *announced ? *announced : *transaction;
      if (auto it = j.find("contract"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) return fail(fault("contract", "procurement.import.not_list"));
        for (const json& c : *it) {
          if (!c.is_object()) return fail(fault("contract", "procurement.import.not_object"));
          Contract k;
          auto number = text_of(c, "contract_no", false);
          if (!number) return fail(number.error());
          k.number = *number;
          auto vendor = text_of(c, "winner", false);
          if (!vendor) return fail(vendor.error());
          k.vendor = *vendor;
          auto price = amount_of(c, "price_agree");
          if (!price) return fail(price.error());
          k.price = *price;
          auto signed_on = date_of(c, "contract_date");
          if (!signed_on) return fail(signed_on.error());
          k.signed_on = *signed_on;
          auto finish_on = date_of(c, "contract_finish_date");
          if (!finish_on) return fail(finish_on.error());
          k.finish_on = *finish_on;
          p.contracts.push_back(std::move(k));
        }
      }
      // The selected vendors and what was agreed with them, from the contracts when the
      // project does not say.
      std::vector<std::string_view> vendors;
      for (const Contract& c : p.contracts) {
        if (c.vendor.empty() || std::find(vendors.begin(), vendors.end(), c.vendor) != vendors.end()) continue;
        vendors.push_back(c.vendor);
        p.vendor += (p.vendor.empty() ? "" : ", ") + c.vendor;
      }
      auto winner = text_of(j, "winner", false);  // a table's column, where there is no contract
      if (!winner) return fail(winner.error());
      if (p.vendor.empty()) p.vendor = *winner;
      auto source = text_of(j, "budget_source", false);
      if (!source) return fail(source.error());
      p.budget_source = *source;
      if (!p.agreed_price) {
        for (const Contract& c : p.contracts)
          if (c.price) p.agreed_price = p.agreed_price.value_or(0) + *c.price;
      }
      if (p.status.empty() && !p.contracts.empty()) p.status = "contracted";
      auto day = p.reported_on();
      p.fiscal_year = day ? calendar::FiscalYear::of(*day).be() : fiscal_year_;
      p.source = "egp";
      out.push_back(std::move(p));
    }
    return out;
  }

  using Vars = std::vector<std::pair<std::string_view, std::string>>;

  std::string said(std::string_view key, const Vars& vars = {}) const {
    std::string s(Strings::instance().get(lang_, key));
    for (const auto& [name, value] : vars) s = text::fill(std::move(s), name, value);
    return s;
  }
  // The entry's place as the officer finds it: its row of the sheet, or its place in the list.
  std::size_t shown_row() const { return row_ >= 1 && row_ <= sheet_rows_.size() ? sheet_rows_[row_ - 1] : row_; }
  Error whole_file(std::string_view problem, const Vars& vars = {}) const {
    return Error::said(ErrorKind::invalid, "procurement.import.refused", said(problem, vars));
  }
  // "โครงการลำดับที่ 12 (เลขที่ 67019012345) ช่อง contract_date: …"; of a table,
  // "แถวที่ 14 (เลขที่ 67019012345) คอลัมน์ “วันที่ลงนามในสัญญา”: …".
  Error fault(std::string_view field, std::string_view problem, std::string value = {}) const {
    const bool sheet = !sheet_rows_.empty();
    const std::size_t row = shown_row();
    std::string where =
        said(sheet ? (number_.empty() ? "procurement.import.at_sheet_row" : "procurement.import.at_sheet_project")
                   : (number_.empty() ? "procurement.import.at_row" : "procurement.import.at_project"),
             {{"row", std::to_string(row)}, {"number", number_}});
    if (!field.empty()) {
      auto header = headers_.find(std::string(field));
      where += " " + (sheet && header != headers_.end()
                          ? said("procurement.import.in_column", {{"field", header->second}})
                          : said("procurement.import.in_field", {{"field", std::string(field)}}));
    }
    return Error::said(ErrorKind::invalid, "procurement.import.refused",
                       where + ": " + said(problem, {{"value", std::move(value)}}));
  }

  // A text field (a string, or a number written as one: project_id comes both ways).
  Result<std::string> text_of(const json& j, const char* field, bool required) const {
    auto it = j.find(field);
    std::string value;
    if (it != j.end() && !it->is_null()) {
      if (it->is_string())
        value = it->get<std::string>();
      else if (it->is_number_integer() || it->is_number_unsigned())
        value = it->dump();
      else
        return fail(fault(field, "procurement.import.not_text"));
    }
    if (!text::is_valid_utf8(value)) return fail(fault(field, "procurement.import.not_text"));
    value = std::string(text::trim(value));
    if (value == "-") value.clear();
    if (value.size() > 2000) return fail(fault(field, "procurement.import.too_long"));
    if (required && value.empty()) return fail(fault(field, "procurement.import.missing"));
    return value;
  }

  Result<std::optional<calendar::Date>> date_of(const json& j, const char* field) const {
    auto text = text_of(j, field, false);
    if (!text) return fail(text.error());
    if (text->empty()) return std::optional<calendar::Date>();
    auto d = calendar::parse_thai(*text);
    if (!d) return fail(fault(field, "procurement.import.bad_date", *text));
    return std::optional<calendar::Date>(*d);
  }

  Result<std::optional<Satang>> amount_of(const json& j, const char* field) const {
    auto it = j.find(field);
    if (it == j.end() || it->is_null()) return std::optional<Satang>();
    std::optional<Satang> v;
    std::string shown;
    if (it->is_number()) {
      double d = it->get<double>();
      shown = it->dump();
      if (std::isfinite(d) && d >= 0 && d < 1e13) v = static_cast<Satang>(std::llround(d * 100));
    } else if (it->is_string()) {
      shown = std::string(text::trim(it->get<std::string>()));
      if (shown.empty() || shown == "-") return std::optional<Satang>();
      v = parse_baht(shown);
    } else {
      return fail(fault(field, "procurement.import.bad_amount", it->dump()));
    }
    if (!v) return fail(fault(field, "procurement.import.bad_amount", shown));
    return v;
  }

  int fiscal_year_;
  Lang lang_;
  std::size_t row_ = 0;
  std::string number_;
  std::vector<std::size_t> sheet_rows_;         // of a table: each entry's row in the sheet
  std::map<std::string, std::string> headers_;  // of a table: each field's column header
};

bool has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// A column header as compared: without spaces, "(บาท)" or "*", ASCII letters in lower case.
std::string normalized(std::string_view header) {
  std::string out;
  for (std::size_t i = 0; i < header.size();) {
    if (header.substr(i).starts_with("(บาท)")) {
      i += std::string_view("(บาท)").size();
    } else if (header.substr(i).starts_with("\xC2\xA0")) {  // a no-break space
      i += 2;
    } else if (header.substr(i).starts_with("\xE2\x80\x8B")) {  // a zero-width space
      i += 3;
    } else {
      char c = header[i++];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') continue;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return out;
}

// The headers e-GP's exports and the NACC's spreadsheet (ITA 2568's 16 fields) use, and the
// cgdcontract field each is read as; contract fields go into the row's one contract.
struct Column {
  const char* field;
  bool contract;
  std::initializer_list<const char*> headers;
};
const Column kColumns[] = {
    {"project_id",
     false,
     {"เลขที่โครงการ", "เลขที่โครงการe-gp", "เลขที่โครงการ(e-gp)", "เลขที่โครงการegp", "รหัสโครงการ", "project_id"}},
    {"project_name",
     false,
     {"ชื่อรายการ", "ชื่อโครงการ", "ชื่อรายการของงาน", "งานที่จัดซื้อหรือจัดจ้าง", "ชื่อรายการที่จัดซื้อจัดจ้าง", "project_name"}},
    {"project_money",
     false,
     {"วงเงินงบประมาณที่ได้รับจัดสรร", "วงเงินงบประมาณ", "วงเงินที่จัดซื้อหรือจัดจ้าง", "งบประมาณ", "project_money"}},
    {"budget_source", false, {"แหล่งที่มาของงบประมาณ", "แหล่งเงิน", "budget_source"}},
    {"project_status", false, {"สถานะการจัดซื้อจัดจ้าง", "สถานะโครงการ", "สถานะ", "project_status"}},
    {"purchase_method_name", false, {"วิธีการจัดซื้อจัดจ้าง", "วิธีการจัดหา", "วิธีซื้อหรือจ้าง", "purchase_method_name"}},
    {"price_build", false, {"ราคากลาง", "price_build"}},
    {"sum_price_agree", false, {"ราคาที่ตกลงซื้อหรือจ้าง", "sum_price_agree"}},
    {"announce_date", false, {"วันที่ประกาศ", "วันที่ประกาศเชิญชวน", "announce_date"}},
    {"transaction_date", false, {"วันที่ทำรายการ", "transaction_date"}},
    {"winner", false, {"ผู้ได้รับการคัดเลือก", "รายชื่อผู้ได้รับการคัดเลือก", "ผู้ชนะการเสนอราคา", "winner"}},
    {"contract_no", true, {"เลขที่สัญญา", "เลขที่สัญญาหรือใบสั่งซื้อ", "contract_no"}},
    {"price_agree", true, {"ราคาตามสัญญา", "price_agree"}},
    {"contract_date", true, {"วันที่ลงนามในสัญญา", "วันที่ลงนามสัญญา", "วันที่ทำสัญญา", "วันที่สัญญา", "contract_date"}},
    {"contract_finish_date", true, {"วันสิ้นสุดสัญญา", "วันที่สิ้นสุดสัญญา", "contract_finish_date"}},
};

const Column* column_for(std::string_view header) {
  const std::string h = normalized(header);
  for (const Column& c : kColumns)
    for (const char* alias : c.headers)
      if (h == alias) return &c;
  return nullptr;
}

bool is_date_field(std::string_view field) { return field.ends_with("_date"); }
bool is_amount_field(std::string_view field) {
  return field == "project_money" || field == "price_build" || field == "sum_price_agree" || field == "price_agree";
}

// A spreadsheet's date cell is a day count from 30 December 1899: "45301" → "2024-01-10".
std::string from_serial(const std::string& cell) {
  double days = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), days);
  if (ec != std::errc() || end != cell.data() + cell.size() || days < 20000 || days > 80000) return cell;
  return calendar::iso(calendar::add_days(calendar::make_date(1899, 12, 30), static_cast<int>(days)));
}

}  // namespace

std::string method_of(std::string_view name) {
  std::string lower = text::ascii_lower(name);
  if (has(name, "เฉพาะเจาะจง")) return "specific";
  if (has(lower, "e-bidding") || has(name, "ประกวดราคา")) return "e_bidding";
  if (has(lower, "e-market") || has(name, "ตลาดอิเล็กทรอนิกส์")) return "e_market";
  if (has(name, "คัดเลือก")) return "selection";
  return "other";
}

std::string status_of(std::string_view s) {
  if (has(s, "ยกเลิก")) return "cancelled";
  if (has(s, "แล้วเสร็จ") || has(s, "ส่งมอบ") || has(s, "ตรวจรับ") || has(s, "สิ้นสุดสัญญา")) return "delivered";
  if (has(s, "สัญญา") || has(s, "PO") || has(s, "ใบสั่ง")) return "contracted";
  if (has(s, "ประกาศ") || has(s, "ระหว่าง")) return "announced";
  return "";
}

Result<std::vector<Project>> read_cgdcontract(std::string_view json_text, int fiscal_year, Lang lang) {
  return Reader(fiscal_year, lang).read(json_text);
}

Result<std::vector<Project>> read_table(const files::Table& table, int fiscal_year, Lang lang) {
  auto whole_file = [&](std::string_view key) {
    return Error::said(ErrorKind::invalid, "procurement.import.refused",
                       std::string(Strings::instance().get(lang, key)));
  };
  // The header row: the first (of the first thirty) that names the project's number and name;
  // what is above it is the sheet's title.
  std::size_t header_row = table.size();
  std::vector<const Column*> columns;
  for (std::size_t r = 0; r < table.size() && r < 30 && header_row == table.size(); ++r) {
    std::vector<const Column*> found;
    bool number = false, name = false;
    for (const std::string& cell : table[r]) {
      found.push_back(column_for(cell));
      if (found.back() && std::string_view(found.back()->field) == "project_id") number = true;
      if (found.back() && std::string_view(found.back()->field) == "project_name") name = true;
    }
    if (number && name) {
      header_row = r;
      columns = std::move(found);
    }
  }
  if (header_row == table.size()) return fail(whole_file("procurement.import.no_header"));
  std::map<std::string, std::string> headers;
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c] && !headers.contains(columns[c]->field))
      headers[columns[c]->field] = std::string(text::trim(table[header_row][c]));
  nlohmann::json list = nlohmann::json::array();
  std::vector<std::size_t> rows;
  for (std::size_t r = header_row + 1; r < table.size(); ++r) {
    nlohmann::json project = nlohmann::json::object(), contract = nlohmann::json::object();
    bool any = false, none_said = false;
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const std::string cell(text::trim(table[r][c]));
      if (cell.empty()) continue;
      if (has(cell, "ไม่มีการจัดซื้อจัดจ้าง")) none_said = true;
      if (c >= columns.size() || !columns[c] || project.contains(columns[c]->field) ||
          contract.contains(columns[c]->field))
        continue;
      nlohmann::json value = is_date_field(columns[c]->field) ? from_serial(cell) : cell;
      // A workbook's amount is a number as written ("9750.5000000000009"): read as one.
      if (is_amount_field(columns[c]->field)) {
        double d = 0;
        auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), d);
        if (ec == std::errc() && end == cell.data() + cell.size()) value = d;
      }
      (columns[c]->contract ? contract : project)[columns[c]->field] = std::move(value);
      any = true;
    }
    // A blank row, a month that says it had none, a line of totals: not a purchase.
    const std::string name = project.value("project_name", "");
    if (!project.contains("project_id") && (none_said || name.empty() || name.starts_with("รวม"))) continue;
    if (!any) continue;
    if (!contract.empty()) project["contract"] = nlohmann::json::array({contract});
    list.push_back(std::move(project));
    rows.push_back(r + 1);
  }
  return Reader(fiscal_year, lang).read_rows(list, std::move(rows), std::move(headers));
}

Result<std::vector<Project>> read_any(std::string_view data, int fiscal_year, Lang lang) {
  std::string_view t = data;
  if (t.starts_with("\xEF\xBB\xBF")) t.remove_prefix(3);
  t = text::trim(t);
  if (t.starts_with("{") || t.starts_with("[")) return read_cgdcontract(data, fiscal_year, lang);
  auto not_data = [&] {
    return Error::said(ErrorKind::invalid, "procurement.import.refused",
                       std::string(Strings::instance().get(lang, "procurement.import.not_json")));
  };
  // Judged by the bytes: an office package must be a workbook (and pass sniff's inflation
  // limits); a PDF, a picture, a document: not data.
  if (auto kind = files::sniff(data)) {
    if (kind->extension != "xlsx") return fail(not_data());
    auto table = files::read_xlsx(data);
    if (!table) return fail(not_data());
    return read_table(*table, fiscal_year, lang);
  } else if (data.starts_with("PK")) {
    return fail(not_data());
  }
  auto table = files::read_csv(data);
  if (!table) return fail(not_data());
  return read_table(*table, fiscal_year, lang);
}

}  // namespace prongsai::procurement::egp
