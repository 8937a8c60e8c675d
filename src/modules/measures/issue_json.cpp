// See issue_json.hpp.
#include "modules/measures/issue_json.hpp"

namespace prongsai::measures {

using nlohmann::json;

json issue_json(const Issue& i) {
  json steps = json::array();
  for (const Step& s : i.steps) steps.push_back({{"number", s.number}, {"text", s.text}});
  return {{"position", i.position},
          {"item_code", i.item_code},
          {"indicator", i.indicator_text},
          {"question", i.question},
          {"sub_questions", i.sub_questions},
          {"target_answers", i.target_answers},
          {"responsible", i.responsible_text},
          {"all_units", i.all_units},
          {"steps", steps},
          {"cadence", std::string(to_string(i.monitoring.cadence))},
          {"months", i.monitoring.months},
          {"deadline_month", i.monitoring.deadline_month},
          {"monitoring", i.monitoring.original},
          {"summary", i.summary},
          {"outcome", i.outcome}};
}

Issue issue_from_json(const json& j) {
  Issue i;
  i.position = j.at("position").get<int>();
  i.item_code = j.at("item_code").get<std::string>();
  i.indicator_text = j.at("indicator").get<std::string>();
  i.question = j.at("question").get<std::string>();
  i.sub_questions = j.at("sub_questions").get<std::vector<std::string>>();
  i.target_answers = j.at("target_answers").get<std::vector<std::string>>();
  i.responsible_text = j.at("responsible").get<std::string>();
  i.all_units = j.at("all_units").get<bool>();
  for (const json& s : j.at("steps")) i.steps.push_back({s.at("number").get<int>(), s.at("text").get<std::string>()});
  i.monitoring.cadence = parse_cadence(j.at("cadence").get<std::string>());
  i.monitoring.months = j.at("months").get<std::vector<unsigned>>();
  i.monitoring.deadline_month = j.at("deadline_month").get<unsigned>();
  i.monitoring.original = j.at("monitoring").get<std::string>();
  i.summary = j.at("summary").get<std::string>();
  i.outcome = j.at("outcome").get<std::string>();
  return i;
}

}  // namespace prongsai::measures
