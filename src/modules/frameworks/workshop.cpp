// The workshop's edits of a draft document that are more than setting a field: the indicators
// (which the tools and the items point at) and an item's sub-questions.
#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "modules/frameworks/frameworks.hpp"

namespace prongsai::frameworks {

using nlohmann::json;

void set_indicators(json& doc, const std::vector<IndicatorRow>& rows, const std::vector<SubIndicatorRow>& subs) {
  std::map<int, int> renumbered;  // number when drawn → number now; removed ones absent
  json indicators = json::array();
  for (const IndicatorRow& r : rows) {
    if (r.name_th.empty()) continue;
    if (r.was) renumbered[r.was] = r.number;
    json ind = {{"number", r.number}, {"tool", r.tool}, {"name_th", r.name_th}, {"verified", r.verified}};
    if (!r.name_en.empty()) ind["name_en"] = r.name_en;
    indicators.push_back(std::move(ind));
  }
  std::map<std::string, std::string> renamed;  // code when drawn → code now
  for (const SubIndicatorRow& s : subs) {
    if (s.name_th.empty() || s.code.empty()) continue;
    auto owner = renumbered.find(s.indicator);
    if (owner == renumbered.end()) continue;  // its indicator was removed
    auto ind =
        std::find_if(indicators.begin(), indicators.end(), [&](const json& i) { return i["number"] == owner->second; });
    if (!s.was.empty()) renamed[s.was] = s.code;
    json sub = {{"code", s.code}, {"name_th", s.name_th}};
    if (!s.name_en.empty()) sub["name_en"] = s.name_en;
    (*ind)["sub_indicators"].push_back(std::move(sub));
  }
  for (json& t : doc["tools"]) {
    json listed = json::array();
    for (const json& ind : indicators)
      if (ind["tool"] == t.value("code", "")) listed.push_back(ind["number"]);
    std::sort(listed.begin(), listed.end());
    t["indicators"] = std::move(listed);
  }
  for (json& item : doc["items"]) {
    if (item.contains("sub_indicator")) {
      auto to = renamed.find(item.value("sub_indicator", ""));
      if (to != renamed.end()) item["sub_indicator"] = to->second;
    } else if (item.contains("indicator") && item["indicator"].is_number_integer()) {
      auto to = renumbered.find(item["indicator"].get<int>());
      if (to != renumbered.end()) item["indicator"] = to->second;
    }
  }
  doc["indicators"] = std::move(indicators);
}

namespace {
constexpr std::string_view kNegative = "(-)";
}

json sub_questions_of(std::string_view text) {
  json out = json::array();
  for (std::string_view line : text::split(text, '\n')) {
    std::string_view t = text::trim(line);
    bool negative = t.starts_with(kNegative);
    if (negative) t = text::trim(t.substr(kNegative.size()));
    if (t.empty()) continue;
    out.push_back({{"text_th", std::string(t)}, {"polarity", negative ? "negative" : "positive"}});
  }
  return out;
}

std::string text_of_sub_questions(const json& sub_questions) {
  std::string out;
  for (const json& q : sub_questions) {
    if (!out.empty()) out += '\n';
    if (q.value("polarity", "") == "negative") out += std::string(kNegative) + " ";
    out += q.value("text_th", "");
  }
  return out;
}

}  // namespace prongsai::frameworks
