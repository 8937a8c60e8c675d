#include "modules/services/templates.hpp"

#include "core/embedded.hpp"

namespace prongsai::services {

Result<std::vector<Template>> templates() {
  auto file = embedded::find("services/templates.json");
  if (!file) return fail(Error::make(ErrorKind::internal, "error.internal", "services/templates.json is missing"));
  nlohmann::json j = nlohmann::json::parse(*file, nullptr, false);
  if (j.is_discarded() || !j.contains("templates") || !j["templates"].is_array())
    return fail(Error::make(ErrorKind::internal, "error.internal", "services/templates.json is not a template list"));
  std::vector<Template> out;
  for (const nlohmann::json& t : j["templates"]) {
    Template tpl;
    tpl.key = t.value("key", "");
    tpl.name_th = t.value("name_th", "");
    tpl.name_en = t.value("name_en", "");
    tpl.unit = t.value("unit", "");
    tpl.target_days = t.value("target_days", 0);
    std::string count = t.value("count", "working");
    tpl.calendar_days = count == "calendar";
    std::string contact = t.value("contact", "");
    tpl.contact_required = contact == "required";
    if (tpl.key.empty() || tpl.name_th.empty() || tpl.target_days < 1 ||
        (contact != "required" && contact != "optional") || (count != "working" && count != "calendar"))
      return fail(Error::make(ErrorKind::internal, "error.internal", "template " + tpl.key + " is incomplete"));
    for (const auto& d : t.value("documents_th", nlohmann::json::array()))
      tpl.documents_th.push_back(d.get<std::string>());
    auto form = parse_definition(t.value("form", nlohmann::json()));
    if (!form) {
      return fail(Error::make(ErrorKind::internal, "error.internal",
                              "template " + tpl.key + ": " + form.error().field + " " + form.error().message_key));
    }
    tpl.form = std::move(*form);
    out.push_back(std::move(tpl));
  }
  return out;
}

}  // namespace prongsai::services
