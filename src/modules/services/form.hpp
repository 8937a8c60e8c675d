// An E-Service's request form, as the admin defines it: typed fields, each with its Thai (and
// English) label, whether it is required, and its type's limits. Definitions are data (JSON,
// kept with the service); the same definition renders the form and checks what comes back.
//
//   {"fields": [
//     {"key": "pole", "type": "text", "label_th": "หมายเลขเสาไฟ", "required": false, "max_chars": 40},
//     {"key": "where", "type": "location", "label_th": "จุดที่ไฟดับ", "required": true},
//     {"key": "photo", "type": "file", "label_th": "ภาพถ่าย", "accept": ["image"], "max_files": 3}]}
//
// Types: text (one line, or `"lines": "many"`), number (`min`, `max`, `integer`), date,
// choice (`options`: [{"value", "label_th", "label_en"}]), file (`accept`: image | pdf |
// document; `max_files`), location (a village/หมู่ and a landmark, or map coordinates).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "files/files.hpp"

namespace prongsai::services {

enum class FieldType { text, number, date, choice, file, location };
std::string_view to_string(FieldType t);
std::optional<FieldType> parse_field_type(std::string_view s);

struct Option {
  std::string value, label_th, label_en;
};

struct Field {
  std::string key;  // [a-z0-9_], at most 32: the form's input name
  FieldType type = FieldType::text;
  std::string label_th, label_en, hint_th, hint_en;
  bool required = false;
  // text
  bool multiline = false;
  std::size_t max_chars = 200;
  // number
  std::optional<double> min, max;
  bool integer = false;
  // choice
  std::vector<Option> options;
  // file
  std::vector<std::string> accept = {"image", "pdf"};  // image | pdf | document
  std::size_t max_files = 1;
};

struct FormDefinition {
  std::vector<Field> fields;
  const Field* find(std::string_view key) const;
};

constexpr std::size_t kMaxFields = 30, kMaxOptions = 50, kMaxFilesPerField = 5;
constexpr std::size_t kMaxTextChars = 5000;

// A number as typed: Thai or Arabic digits, a sign, a decimal point ("๑๒.๕" → 12.5).
std::optional<double> parse_number(std::string_view typed);
// A number as the form keeps it: "12", "3.5" (shortest round-trip form).
std::string canonical_number(double v, bool integer);

// Checks a definition as the admin saved it (or as a shipped template holds it): unknown types,
// duplicate or malformed keys, a choice without options, min above max → invalid, naming the
// field ("fields.3.key") so the editor can point at it.
Result<FormDefinition> parse_definition(const nlohmann::json& j);
nlohmann::json to_json(const FormDefinition& d);

// What a citizen sent, by input name: a location field `where` arrives as where.village,
// where.landmark, where.lat, where.lng.
struct Input {
  std::map<std::string, std::string, std::less<>> values;
  std::map<std::string, std::vector<files::Upload>, std::less<>> files;
};

struct CheckedFile {
  std::string field;
  files::Upload upload;
  files::Kind kind;
};

// The answers, checked against the definition: {key: value} with text as cleaned, numbers as
// written canonically, dates as ISO, a choice as its value, a location as {village, landmark,
// lat, lng}; absent optional fields are left out. Files come apart, checked by content.
struct Filled {
  nlohmann::json values = nlohmann::json::object();
  std::vector<CheckedFile> files;
};

// The first problem, as Error::invalid_field(input name, key): error.required, error.too_long,
// error.number, error.number_range, error.date, error.choice, error.location,
// error.coordinates, error.too_many, error.file_type (and files::sniff's), error.file_too_large.
Result<Filled> fill(const FormDefinition& d, const Input& in, std::size_t max_file_bytes);

// The answers as the request keeps them for people to read: each answered field's label and
// its value as text (a date in Buddhist-era Thai, a choice by its label, a location as the
// village and landmark or the coordinates, files by name), in the form's order. The request
// then reads as the citizen filled it in, whatever the form becomes later.
struct Answer {
  std::string label_th, label_en, text;
};
std::vector<Answer> shown(const FormDefinition& d, const Filled& filled);
nlohmann::json to_json(const std::vector<Answer>& answers);

}  // namespace prongsai::services
