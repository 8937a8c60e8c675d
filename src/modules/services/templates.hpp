// The services shipped as starting points (data/services/templates.json, carried in the
// binary): what a small local government commonly puts online, each with its usual unit, its
// target in working days, the documents it asks for and its form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/services/form.hpp"

namespace prongsai::services {

struct Template {
  std::string key, name_th, name_en;
  std::string unit;  // the usual responsible unit's name, matched against the agency's units
  int target_days = 0;
  bool calendar_days = false;     // "count": "calendar" (the law's days); working days otherwise
  bool contact_required = false;  // or optional: the citizen may stay anonymous
  std::vector<std::string> documents_th;
  FormDefinition form;
};

// The template of the request a person makes about their personal data (the PDPA's rights,
// answered within 30 calendar days): a service made from it is the privacy notice's form.
inline constexpr std::string_view kPersonalDataRights = "personal_data_rights";

// Every shipped template, checked as the admin's own definitions are; internal error when the
// data file is broken (a test keeps it whole).
Result<std::vector<Template>> templates();

}  // namespace prongsai::services
