#include "modules/services/form.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"

namespace prongsai::services {
namespace {

using nlohmann::json;

constexpr std::string_view kTypes[] = {"text", "number", "date", "choice", "file", "location"};
constexpr std::string_view kAccepts[] = {"image", "pdf", "document"};
constexpr std::size_t kMaxLabelChars = 200, kMaxHintChars = 500, kMaxKeyChars = 32;
constexpr std::size_t kMaxVillageChars = 100, kMaxLandmarkChars = 300;

bool plain_key(std::string_view k) { return k.size() <= kMaxKeyChars && text::is_snake_name(k); }

// The group a file's sniffed type falls in, as `accept` names them.
std::string_view group_of(const files::Kind& k) {
  if (k.content_type.starts_with("image/")) return "image";
  if (k.content_type == "application/pdf") return "pdf";
  return "document";
}

}  // namespace

// Thai digits as ASCII, then a plain decimal number: "๑๒.๕" → 12.5. No exponents, no commas.
std::optional<double> parse_number(std::string_view raw) {
  std::string ascii;
  std::string s = text::clean(raw).value_or("");
  for (std::size_t i = 0; i < s.size();) {
    // Thai digits are three bytes: E0 B9 90..99.
    if (s.compare(i, 2, "\xE0\xB9") == 0 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      ascii.push_back(static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90)));
      i += 3;
    } else {
      ascii.push_back(s[i++]);
    }
  }
  if (ascii.empty() || ascii.find_first_not_of("-.0123456789") != std::string::npos) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), v);
  if (ec != std::errc() || end != ascii.data() + ascii.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string canonical_number(double v, bool integer) {
  if (integer) return std::to_string(static_cast<std::int64_t>(v));
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

namespace {

Error bad(const std::string& where, const char* key) { return Error::invalid_field(where, key); }

// A label or hint: required or not, cleaned, bounded.
Result<std::string> label(const json& f, const char* name, const std::string& where, bool required, std::size_t max) {
  if (!f.contains(name)) {
    if (required) return fail(bad(where + "." + name, "error.required"));
    return std::string();
  }
  if (!f[name].is_string()) return fail(bad(where + "." + name, "error.bad_form"));
  return text::form_field(where + "." + name, f[name].get<std::string>(), max, required);
}

std::optional<double> number_of(const json& f, const char* name) {
  if (!f.contains(name) || !f[name].is_number()) return std::nullopt;
  return f[name].get<double>();
}

}  // namespace

std::string_view to_string(FieldType t) { return kTypes[static_cast<int>(t)]; }

std::optional<FieldType> parse_field_type(std::string_view s) { return text::enum_named<FieldType>(s, kTypes); }

const Field* FormDefinition::find(std::string_view key) const {
  for (const Field& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

Result<FormDefinition> parse_definition(const json& j) {
  if (!j.is_object() || !j.contains("fields") || !j["fields"].is_array()) return fail(bad("fields", "error.bad_form"));
  const json& list = j["fields"];
  if (list.empty()) return fail(bad("fields", "error.required"));
  if (list.size() > kMaxFields) return fail(bad("fields", "error.too_many"));
  FormDefinition d;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& f = list[i];
    std::string where = "fields." + std::to_string(i);
    if (!f.is_object()) return fail(bad(where, "error.bad_form"));
    Field field;
    field.key = f.value("key", "");
    if (!plain_key(field.key)) return fail(bad(where + ".key", "error.field_key"));
    if (!keys.insert(field.key).second) return fail(bad(where + ".key", "error.conflict"));
    auto type = parse_field_type(f.value("type", ""));
    if (!type) return fail(bad(where + ".type", "error.choice"));
    field.type = *type;
    auto th = label(f, "label_th", where, true, kMaxLabelChars);
    if (!th) return fail(th.error());
    auto en = label(f, "label_en", where, false, kMaxLabelChars);
    if (!en) return fail(en.error());
    auto hint_th = label(f, "hint_th", where, false, kMaxHintChars);
    if (!hint_th) return fail(hint_th.error());
    auto hint_en = label(f, "hint_en", where, false, kMaxHintChars);
    if (!hint_en) return fail(hint_en.error());
    field.label_th = *th;
    field.label_en = *en;
    field.hint_th = *hint_th;
    field.hint_en = *hint_en;
    field.required = f.value("required", false);
    switch (field.type) {
      case FieldType::text: {
        field.multiline = f.value("lines", "one") == "many";
        std::int64_t max = f.value("max_chars", field.multiline ? std::int64_t{2000} : std::int64_t{200});
        if (max < 1 || static_cast<std::size_t>(max) > kMaxTextChars)
          return fail(bad(where + ".max_chars", "error.number_range"));
        field.max_chars = static_cast<std::size_t>(max);
        break;
      }
      case FieldType::number:
        field.min = number_of(f, "min");
        field.max = number_of(f, "max");
        field.integer = f.value("integer", false);
        if (field.min && field.max && *field.min > *field.max) return fail(bad(where + ".min", "error.number_range"));
        break;
      case FieldType::choice: {
        if (!f.contains("options") || !f["options"].is_array() || f["options"].empty())
          return fail(bad(where + ".options", "error.required"));
        if (f["options"].size() > kMaxOptions) return fail(bad(where + ".options", "error.too_many"));
        std::set<std::string> values;
        for (std::size_t k = 0; k < f["options"].size(); ++k) {
          const json& o = f["options"][k];
          std::string at = where + ".options." + std::to_string(k);
          if (!o.is_object()) return fail(bad(at, "error.bad_form"));
          Option opt;
          opt.value = o.value("value", "");
          if (!plain_key(opt.value)) return fail(bad(at + ".value", "error.field_key"));
          if (!values.insert(opt.value).second) return fail(bad(at + ".value", "error.conflict"));
          auto oth = label(o, "label_th", at, true, kMaxLabelChars);
          if (!oth) return fail(oth.error());
          auto oen = label(o, "label_en", at, false, kMaxLabelChars);
          if (!oen) return fail(oen.error());
          opt.label_th = *oth;
          opt.label_en = *oen;
          field.options.push_back(std::move(opt));
        }
        break;
      }
      case FieldType::file: {
        if (f.contains("accept")) {
          if (!f["accept"].is_array() || f["accept"].empty()) return fail(bad(where + ".accept", "error.choice"));
          field.accept.clear();
          for (const json& a : f["accept"]) {
            std::string s = a.is_string() ? a.get<std::string>() : "";
            if (std::find(std::begin(kAccepts), std::end(kAccepts), s) == std::end(kAccepts))
              return fail(bad(where + ".accept", "error.choice"));
            field.accept.push_back(s);
          }
        }
        std::int64_t n = f.value("max_files", std::int64_t{1});
        if (n < 1 || static_cast<std::size_t>(n) > kMaxFilesPerField)
          return fail(bad(where + ".max_files", "error.number_range"));
        field.max_files = static_cast<std::size_t>(n);
        break;
      }
      case FieldType::date:
      case FieldType::location: break;
    }
    d.fields.push_back(std::move(field));
  }
  return d;
}

json to_json(const FormDefinition& d) {
  json fields = json::array();
  for (const Field& f : d.fields) {
    json j = {{"key", f.key}, {"type", std::string(to_string(f.type))}, {"label_th", f.label_th}};
    if (!f.label_en.empty()) j["label_en"] = f.label_en;
    if (!f.hint_th.empty()) j["hint_th"] = f.hint_th;
    if (!f.hint_en.empty()) j["hint_en"] = f.hint_en;
    j["required"] = f.required;
    switch (f.type) {
      case FieldType::text:
        j["lines"] = f.multiline ? "many" : "one";
        j["max_chars"] = f.max_chars;
        break;
      case FieldType::number:
        if (f.min) j["min"] = *f.min;
        if (f.max) j["max"] = *f.max;
        j["integer"] = f.integer;
        break;
      case FieldType::choice: {
        json options = json::array();
        for (const Option& o : f.options) {
          json oj = {{"value", o.value}, {"label_th", o.label_th}};
          if (!o.label_en.empty()) oj["label_en"] = o.label_en;
          options.push_back(std::move(oj));
        }
        j["options"] = std::move(options);
        break;
      }
      case FieldType::file:
        j["accept"] = f.accept;
        j["max_files"] = f.max_files;
        break;
      case FieldType::date:
      case FieldType::location: break;
    }
    fields.push_back(std::move(j));
  }
  return {{"fields", fields}};
}

Result<Filled> fill(const FormDefinition& d, const Input& in, std::size_t max_file_bytes) {
  Filled out;
  auto value = [&](const std::string& name) -> std::string_view {
    auto it = in.values.find(name);
    return it == in.values.end() ? std::string_view() : std::string_view(it->second);
  };
  for (const Field& f : d.fields) {
    const std::string& k = f.key;
    switch (f.type) {
      case FieldType::text: {
        auto t = text::form_field(k, value(k), f.max_chars, f.required,
                                  f.multiline ? text::Lines::multiple : text::Lines::single);
        if (!t) return fail(t.error());
        if (!t->empty()) out.values[k] = *t;
        break;
      }
      case FieldType::number: {
        auto raw = text::form_field(k, value(k), 40, f.required);
        if (!raw) return fail(raw.error());
        if (raw->empty()) break;
        auto v = parse_number(*raw);
        if (!v || (f.integer && *v != std::floor(*v))) return fail(bad(k, "error.number"));
        if ((f.min && *v < *f.min) || (f.max && *v > *f.max)) return fail(bad(k, "error.number_range"));
        out.values[k] = canonical_number(*v, f.integer);
        break;
      }
      case FieldType::date: {
        auto raw = text::form_field(k, value(k), 10, f.required);
        if (!raw) return fail(raw.error());
        if (raw->empty()) break;
        auto date = calendar::parse_iso(*raw);
        if (!date) return fail(bad(k, "error.date"));
        out.values[k] = calendar::iso(*date);
        break;
      }
      case FieldType::choice: {
        std::string v(text::trim(value(k)));
        if (v.empty()) {
          if (f.required) return fail(bad(k, "error.required"));
          break;
        }
        if (std::none_of(f.options.begin(), f.options.end(), [&](const Option& o) { return o.value == v; }))
          return fail(bad(k, "error.choice"));
        out.values[k] = v;
        break;
      }
      case FieldType::location: {
        auto village = text::form_field(k + ".village", value(k + ".village"), kMaxVillageChars, false);
        if (!village) return fail(village.error());
        auto landmark =
            text::form_field(k + ".landmark", value(k + ".landmark"), kMaxLandmarkChars, false, text::Lines::multiple);
        if (!landmark) return fail(landmark.error());
        std::string_view lat_raw = text::trim(value(k + ".lat")), lng_raw = text::trim(value(k + ".lng"));
        json loc = json::object();
        if (!lat_raw.empty() || !lng_raw.empty()) {
          auto lat = parse_number(lat_raw), lng = parse_number(lng_raw);
          // Thailand and its neighbours' edges: a point outside is a typing mistake.
          if (!lat || !lng || *lat < 5 || *lat > 21 || *lng < 97 || *lng > 106)
            return fail(bad(k + ".lat", "error.coordinates"));
          loc["lat"] = std::round(*lat * 1e6) / 1e6;
          loc["lng"] = std::round(*lng * 1e6) / 1e6;
        }
        if (!village->empty()) loc["village"] = *village;
        if (!landmark->empty()) loc["landmark"] = *landmark;
        bool placed = loc.contains("lat") || (loc.contains("village") && loc.contains("landmark"));
        if (loc.empty()) {
          if (f.required) return fail(bad(k + ".village", "error.required"));
          break;
        }
        if (!placed) return fail(bad(k + (loc.contains("village") ? ".landmark" : ".village"), "error.location"));
        out.values[k] = std::move(loc);
        break;
      }
      case FieldType::file: {
        static const std::vector<files::Upload> kNone;
        auto it = in.files.find(k);
        auto checked =
            files::check(it == in.files.end() ? kNone : it->second,
                         {.field = k,
                          .max_bytes = max_file_bytes,
                          .max_files = f.max_files,
                          .accepts =
                              [&](const files::Kind& kind) {
                                return std::find(f.accept.begin(), f.accept.end(), group_of(kind)) != f.accept.end();
                              },
                          .too_many = "error.too_many"});
        if (!checked) return fail(checked.error());
        if (checked->empty() && f.required) return fail(bad(k, "error.required"));
        for (const files::Checked& c : *checked) out.files.push_back({k, *c.upload, c.kind});
        break;
      }
    }
  }
  return out;
}

std::vector<Answer> shown(const FormDefinition& d, const Filled& filled) {
  std::vector<Answer> out;
  for (const Field& f : d.fields) {
    std::string t;
    if (f.type == FieldType::file) {
      for (const CheckedFile& c : filled.files)
        if (c.field == f.key) t += (t.empty() ? "" : ", ") + files::clean_name(c.upload.name, c.kind);
    } else if (auto v = filled.values.find(f.key); v != filled.values.end()) {
      switch (f.type) {
        case FieldType::date:
          t = calendar::format(*calendar::parse_iso(v->get<std::string>()), Lang::th, calendar::Style::long_form);
          break;
        case FieldType::choice:
          for (const Option& o : f.options)
            if (o.value == v->get<std::string>()) t = o.label_th;
          break;
        case FieldType::location: {
          std::vector<std::string> parts;
          if (v->contains("village")) parts.push_back(v->at("village").get<std::string>());
          if (v->contains("landmark")) parts.push_back(v->at("landmark").get<std::string>());
          if (v->contains("lat"))
            parts.push_back("พิกัด " + canonical_number(v->at("lat").get<double>(), false) + ", " +
                            canonical_number(v->at("lng").get<double>(), false));
          for (const auto& p : parts) t += (t.empty() ? "" : " · ") + p;
          break;
        }
        default: t = v->is_string() ? v->get<std::string>() : v->dump();
      }
    }
    if (!t.empty()) out.push_back({f.label_th, f.label_en, std::move(t)});
  }
  return out;
}

json to_json(const std::vector<Answer>& answers) {
  json out = json::array();
  for (const Answer& a : answers) out.push_back({{"label_th", a.label_th}, {"label_en", a.label_en}, {"text", a.text}});
  return out;
}

}  // namespace prongsai::services
