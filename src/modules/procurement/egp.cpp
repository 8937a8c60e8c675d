// The cgdcontract reader. See egp.hpp.
#include "modules/procurement/egp.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.hpp"

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
      if (auto [at, fresh] = seen.emplace(number_, row_); !fresh)
        return fail(fault("project_id", "procurement.import.twice", std::to_string(at->second)));
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

 private:
  using Vars = std::vector<std::pair<std::string_view, std::string>>;

  std::string said(std::string_view key, const Vars& vars = {}) const {
    std::string s(Strings::instance().get(lang_, key));
    for (const auto& [name, value] : vars) s = text::fill(std::move(s), name, value);
    return s;
  }
  Error whole_file(std::string_view problem, const Vars& vars = {}) const {
    return Error::said(ErrorKind::invalid, "procurement.import.refused", said(problem, vars));
  }
  // "โครงการลำดับที่ 12 (เลขที่ 67019012345) ช่อง contract_date: …"
  Error fault(std::string_view field, std::string_view problem, std::string value = {}) const {
    std::string where = said(number_.empty() ? "procurement.import.at_row" : "procurement.import.at_project",
                             {{"row", std::to_string(row_)}, {"number", number_}});
    if (!field.empty()) where += " " + said("procurement.import.in_field", {{"field", std::string(field)}});
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
};

bool has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

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
  if (has(s, "แล้วเสร็จ") || has(s, "ส่งมอบ") || has(s, "ตรวจรับ")) return "delivered";
  if (has(s, "สัญญา") || has(s, "PO") || has(s, "ใบสั่ง")) return "contracted";
  if (has(s, "ประกาศ") || has(s, "ระหว่าง")) return "announced";
  return "";
}

Result<std::vector<Project>> read_cgdcontract(std::string_view json_text, int fiscal_year, Lang lang) {
  return Reader(fiscal_year, lang).read(json_text);
}

}  // namespace prongsai::procurement::egp
