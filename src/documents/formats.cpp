// The four formats by name, and rendering by format.
#include "documents/table_report.hpp"

namespace prongsai::documents {

bool parse_format(std::string_view name, Format& out) {
  for (Format f : {Format::pdf, Format::docx, Format::xlsx, Format::html}) {
    if (name == extension(f)) {
      out = f;
      return true;
    }
  }
  return false;
}

std::string_view extension(Format f) {
  switch (f) {
    case Format::pdf: return "pdf";
    case Format::docx: return "docx";
    case Format::xlsx: return "xlsx";
    case Format::html: return "html";
  }
  return "";
}

std::string_view content_type(Format f) {
  switch (f) {
    case Format::pdf: return "application/pdf";
    case Format::docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case Format::xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case Format::html: return "text/html; charset=utf-8";
  }
  return "application/octet-stream";
}

std::string render(const TableReport& report, Format f) {
  switch (f) {
    case Format::pdf: return render_pdf(report);
    case Format::docx: return render_docx(report);
    case Format::xlsx: return render_xlsx(report);
    case Format::html: return render_html(report);
  }
  return {};
}

}  // namespace prongsai::documents
