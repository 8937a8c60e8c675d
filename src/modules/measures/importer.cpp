// The O43 report reader. See importer.hpp for the format; the seed
// (data/seed/o43-report-na-mom-2566.txt) is the reference input.
#include "modules/measures/importer.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/text.hpp"

namespace prongsai::measures {
namespace {

constexpr std::string_view kCheckbox = "☐";
constexpr std::string_view kSubQuestion = "หัวข้อ";
constexpr std::string_view kHeaderStart = "ประเด็นที่ต้องปรับปรุง";
constexpr std::array<std::string_view, 12> kMonths = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
                                                      "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม"};
constexpr std::array<std::string_view, 5> kAgencyKinds = {"องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล",
                                                          "เทศบาลเมือง", "เทศบาลนคร"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::string flatten(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return std::string(text::trim(out));
}

// The name after an agency kind, up to the next space: "องค์การบริหารส่วนตำบลนาหม่อม อำเภอ…" → "นาหม่อม".
std::optional<std::pair<std::string, std::string>> agency_in(std::string_view line) {
  for (std::string_view kind : kAgencyKinds) {
    std::size_t p = line.find(kind);
    if (p == std::string_view::npos) continue;
    std::size_t start = p + kind.size();
    std::size_t end = start;
    while (end < line.size() && !is_space(line[end])) ++end;
    if (end > start) return std::make_pair(std::string(kind), std::string(line.substr(start, end - start)));
  }
  return std::nullopt;
}

int year_in(std::string_view line) {
  std::size_t p = line.find("พ.ศ.");
  if (p == std::string_view::npos) return 0;
  p += std::string_view("พ.ศ.").size();
  while (p < line.size() && line[p] == ' ') ++p;
  int year = 0;
  auto [end, ec] = std::from_chars(line.data() + p, line.data() + line.size(), year);
  return ec == std::errc() && end - (line.data() + p) == 4 ? year : 0;
}

// The first item code in a cell: O/E/I and digits, not inside a longer ASCII word.
std::optional<std::pair<std::size_t, std::size_t>> find_item_code(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != 'O' && c != 'E' && c != 'I') continue;
    if (i > 0 && is_ascii_alnum(s[i - 1])) continue;
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == i + 1 || j - i > 3) continue;
    if (j < s.size() && is_ascii_alnum(s[j])) continue;
    return std::make_pair(i, j);
  }
  return std::nullopt;
}

int number_after(std::string_view s, std::string_view label) {
  std::size_t p = s.find(label);
  if (p == std::string_view::npos) return 0;
  p += label.size();
  while (p < s.size() && s[p] == ' ') ++p;
  int n = 0;
  std::from_chars(s.data() + p, s.data() + s.size(), n);
  return n;
}

// A sub-indicator written as "9.3" (digits, a dot, one digit, then not a digit).
std::string sub_indicator_in(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.'))) continue;
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1]) && (j + 2 >= s.size() || !is_digit(s[j + 2]))) {
      return std::string(s.substr(i, j + 2 - i));
    }
  }
  return {};
}

// The part of `s` from `from` to the next checkbox or sub-question marker.
std::string_view until_marker(std::string_view s, std::size_t from) {
  std::size_t end = std::min(s.find(kCheckbox, from), s.find(kSubQuestion, from));
  return s.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
}

void read_item_cell(std::string_view cell, int line, Issue& issue, const framework::Framework* cited,
                    std::vector<Lint>& lint) {
  std::string s = flatten(strip_html(cell));
  auto code = find_item_code(s);
  std::string_view view(s);
  issue.item_code = std::string(view.substr(code->first, code->second - code->first));
  std::string before(text::trim(view.substr(0, code->first)));
  if (before.ends_with("ข้อ"))
    before = std::string(text::trim(std::string_view(before).substr(0, before.size() - std::string_view("ข้อ").size())));
  issue.indicator_text = before;
  issue.question = std::string(text::trim(until_marker(view, code->second)));
  for (std::size_t p = view.find(kSubQuestion); p != std::string_view::npos; p = view.find(kSubQuestion, p + 1)) {
    std::string q(text::trim(until_marker(view, p + kSubQuestion.size())));
    if (!q.empty()) issue.sub_questions.push_back(q);
  }
  for (std::size_t p = view.find(kCheckbox); p != std::string_view::npos; p = view.find(kCheckbox, p + 1)) {
    std::string answer(text::trim(until_marker(view, p + kCheckbox.size())));
    if (!answer.empty() &&
        std::find(issue.target_answers.begin(), issue.target_answers.end(), answer) == issue.target_answers.end()) {
      issue.target_answers.push_back(answer);
    }
  }
  if (!cited) return;
  const framework::Item* item = cited->item(issue.item_code);
  std::string year = std::to_string(cited->year);
  if (!item) {
    lint.push_back({"indicator", line, issue.item_code, "ข้อ " + issue.item_code + " ไม่มีในเกณฑ์ปี " + year});
    return;
  }
  int stated = number_after(before, "ตัวชี้วัดที่");
  std::string stated_sub = sub_indicator_in(before);
  if (stated != 0 && stated != item->indicator) {
    lint.push_back({"indicator", line, issue.item_code,
                    "ข้อ " + issue.item_code + " อยู่ใต้ตัวชี้วัดที่ " + std::to_string(stated) + " แต่เกณฑ์ปี " + year +
                        " จัดไว้ในตัวชี้วัดที่ " + std::to_string(item->indicator)});
  } else if (!stated_sub.empty() && item->tool == framework::Tool::oit && stated_sub != item->sub_indicator) {
    lint.push_back(
        {"indicator", line, issue.item_code,
         "ข้อ " + issue.item_code + " อยู่ใต้ " + stated_sub + " แต่เกณฑ์ปี " + year + " จัดไว้ใน " + item->sub_indicator});
  }
}

bool names_every_unit(std::string_view responsible) {
  // "ทุกภารกิจงาน", also as mistyped in the seed: "ทุก ภากรกิจการงาน", "ทุกภาค กรกิจงาน".
  std::string s = text::without_spaces(responsible);
  for (std::size_t p = s.find("ทุกภ"); p != std::string::npos; p = s.find("ทุกภ", p + 1)) {
    if (s.substr(p, 45).find("กิจ") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(Cadence c) {
  switch (c) {
    case Cadence::monthly: return "monthly";
    case Cadence::quarterly: return "quarterly";
    case Cadence::half_yearly: return "half_yearly";
    case Cadence::yearly: return "yearly";
    case Cadence::unknown: return "unknown";
  }
  return "unknown";
}

Cadence parse_cadence(std::string_view s) {
  for (Cadence c : {Cadence::monthly, Cadence::quarterly, Cadence::half_yearly, Cadence::yearly}) {
    if (to_string(c) == s) return c;
  }
  return Cadence::unknown;
}

std::string strip_html(std::string_view cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size();) {
    if (cell[i] != '<') {
      out.push_back(cell[i++]);
      continue;
    }
    std::size_t end = cell.find('>', i);
    if (end == std::string_view::npos) {  // a lone '<' is text
      out.push_back(cell[i++]);
      continue;
    }
    std::string tag = text::ascii_lower(cell.substr(i + 1, end - i - 1));
    if (tag.starts_with("input") && tag.find("checkbox") != std::string::npos) {
      out += " ";
      out += kCheckbox;
      out += " ";
    } else if (tag == "p" || tag == "/p" || tag == "li" || tag == "/li" || tag.starts_with("br") || tag == "ol" ||
               tag == "/ol" || tag == "ul" || tag == "/ul") {
      out.push_back('\n');
    } else {
      out.push_back(' ');
    }
    i = end + 1;
  }
  // One space between words, one line break between paragraphs, no blank lines.
  std::string clean;
  for (std::string_view line : text::split(out, '\n')) {
    std::string collapsed;
    for (char c : line) {
      if (c == ' ' || c == '\t') {
        if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
      } else {
        collapsed.push_back(c);
      }
    }
    std::string_view t = text::trim(collapsed);
    if (t.empty()) continue;
    if (!clean.empty()) clean.push_back('\n');
    clean.append(t);
  }
  return clean;
}

std::vector<Step> split_steps(std::string_view raw) {
  std::string s = flatten(raw);
  struct Marker {
    std::size_t at, content;
    int number;
  };
  std::vector<Marker> markers;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && !is_space(s[i - 1]))) continue;
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j]) && j - i < 2) ++j;
    if (j < s.size() && is_digit(s[j])) continue;  // three digits or more: not a step number
    if (j >= s.size() || s[j] != '.' || (j + 1 < s.size() && is_digit(s[j + 1]))) continue;
    int n = 0;
    std::from_chars(s.data() + i, s.data() + j, n);
    markers.push_back({i, j + 1, n});
  }
  std::vector<Step> steps;
  std::size_t lead_end = markers.empty() ? s.size() : markers.front().at;
  std::string lead(text::trim(std::string_view(s).substr(0, lead_end)));
  if (!lead.empty()) steps.push_back({0, lead});
  for (std::size_t k = 0; k < markers.size(); ++k) {
    std::size_t end = k + 1 < markers.size() ? markers[k + 1].at : s.size();
    std::string body(text::trim(std::string_view(s).substr(markers[k].content, end - markers[k].content)));
    steps.push_back({markers[k].number, body});
  }
  return steps;
}

Monitoring parse_monitoring(std::string_view raw) {
  Monitoring m;
  m.original = std::string(raw);
  std::string s = text::without_spaces(raw);
  std::vector<unsigned> named;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (s.find(kMonths[i]) != std::string::npos) named.push_back(i + 1);
  }
  if (s.find("6เดือน") != std::string::npos || s.find("หกเดือน") != std::string::npos) {
    m.cadence = Cadence::half_yearly;
    m.months = named;
  } else if (s.find("ไตรมาส") != std::string::npos) {
    m.cadence = Cadence::quarterly;
  } else if (s.find("ทุกเดือน") != std::string::npos || s.find("รายเดือน") != std::string::npos ||
             s.find("เดือนละ") != std::string::npos) {
    m.cadence = Cadence::monthly;
  } else if (s.find("ภายในเดือน") != std::string::npos && !named.empty()) {
    m.cadence = Cadence::yearly;
  } else if (s.find("ทุกปี") != std::string::npos || s.find("ปีละ") != std::string::npos) {
    m.cadence = Cadence::yearly;
  }
  // "ภายในเดือนธันวาคม": the month things must be done by.
  for (std::size_t p = s.find("ภายในเดือน"); p != std::string::npos; p = s.find("ภายในเดือน", p + 1)) {
    std::string_view after = std::string_view(s).substr(p + std::string_view("ภายในเดือน").size());
    for (unsigned i = 0; i < kMonths.size(); ++i) {
      if (after.starts_with(kMonths[i])) {
        if (m.cadence != Cadence::half_yearly) m.deadline_month = i + 1;
        break;
      }
    }
    if (m.deadline_month) break;
  }
  return m;
}

Result<ParsedReport> parse_o43(std::string_view input, const framework::Framework* cited) {
  auto refuse = [](int line, std::string key, std::string detail) {
    std::string where = line > 0 ? "line " + std::to_string(line) + ": " : "";
    // Where the fault is, for the person who imports the file as much as for the log.
    return fail(Error::said(ErrorKind::invalid, std::move(key), where + detail));
  };
  std::vector<std::string_view> lines = text::split(input, '\n');
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].empty() && lines[i].back() == '\r') lines[i].remove_suffix(1);
    if (!text::is_valid_utf8(lines[i]))
      return refuse(static_cast<int>(i + 1), "error.import_bad_utf8", "not UTF-8 text");
  }
  auto is_header = [](std::string_view line) {
    auto cells = text::split(line, '\t');
    return cells.size() >= 6 && text::trim(cells[0]).starts_with(kHeaderStart);
  };
  std::size_t first_header = std::find_if(lines.begin(), lines.end(), is_header) - lines.begin();
  if (first_header == lines.size())
    return refuse(0, "error.import_no_table", "no table header row (ประเด็นที่ต้องปรับปรุง…)");

  ParsedReport r;
  bool prepared_next = false;
  int agency_line = 0;
  for (std::size_t i = 0; i < first_header; ++i) {
    std::string_view line = text::trim(lines[i]);
    if (line.empty()) continue;
    // The title runs from the first line to the one naming the fiscal year.
    if (!r.fiscal_year) r.title += (r.title.empty() ? "" : " ") + std::string(line);
    if (!r.fiscal_year) r.fiscal_year = year_in(line);
    if (prepared_next) {
      r.prepared_by = std::string(line);
      prepared_next = false;
    } else if (line == "จัดทำโดย") {
      prepared_next = true;
    }
    if (auto a = agency_in(line)) {
      if (r.agency_name.empty()) {
        r.agency_name = a->first + a->second;
        agency_line = static_cast<int>(i + 1);
      } else if (r.body_agency_name.empty()) {
        r.body_agency_name = a->first + a->second;
        if (r.body_agency_name != r.agency_name) {
          r.lint.push_back({"agency_name", static_cast<int>(i + 1), "",
                            "ชื่อหน่วยงานไม่ตรงกัน: บรรทัด " + std::to_string(agency_line) + " เขียนว่า \"" + r.agency_name +
                                "\" แต่บรรทัด " + std::to_string(i + 1) + " เขียนว่า \"" + r.body_agency_name + "\""});
        }
      }
    }
  }
  if (!r.fiscal_year) return refuse(0, "error.import_no_year", "no fiscal year (พ.ศ. …) in the title block");

  for (std::size_t i = first_header; i < lines.size(); ++i) {
    int line_no = static_cast<int>(i + 1);
    if (text::trim(lines[i]).empty() || is_header(lines[i])) continue;
    auto cells = text::split(lines[i], '\t');
    if (cells.size() != 6) {
      return refuse(line_no, "error.import_row",
                    "expected 6 tab-separated cells, found " + std::to_string(cells.size()));
    }
    Issue issue;
    issue.position = static_cast<int>(r.issues.size()) + 1;
    if (!find_item_code(flatten(strip_html(cells[0]))))
      return refuse(line_no, "error.import_no_item", "no item code (O…, E…, I…) in the first cell");
    read_item_cell(cells[0], line_no, issue, cited, r.lint);
    issue.responsible_text = flatten(strip_html(cells[1]));
    issue.all_units = names_every_unit(issue.responsible_text);
    issue.steps = split_steps(strip_html(cells[2]));
    issue.monitoring = parse_monitoring(strip_html(cells[3]));
    issue.summary = strip_html(cells[4]);
    issue.outcome = strip_html(cells[5]);
    for (std::size_t k = 0; k < issue.steps.size(); ++k) {
      int expected = static_cast<int>(k) + 1;
      if (issue.steps[k].number != expected) {
        std::string numbers;
        for (const Step& st : issue.steps) numbers += (numbers.empty() ? "" : ", ") + std::to_string(st.number);
        r.lint.push_back({"step_numbers", line_no, issue.item_code,
                          "ข้อ " + issue.item_code + ": ลำดับขั้นตอนข้ามหรือซ้ำ (" + numbers + ")"});
        break;
      }
    }
    r.issues.push_back(std::move(issue));
  }
  if (r.issues.empty())
    return refuse(static_cast<int>(first_header + 1), "error.import_no_rows", "the table has no rows");
  return r;
}

}  // namespace prongsai::measures
