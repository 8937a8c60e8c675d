#include "web/notify.hpp"

#include <nlohmann/json.hpp>

namespace prongsai::web {

namespace {
bool ready(const Notify* n, std::int64_t agency_id, const char* channel) {
  return n && n->tells_on(agency_id, channel);
}
std::optional<Recipient> line_of(const http::Request& req, const Notify* n, bool sealed) {
  if (sealed || !n || !n->came_through || !ready(n, req.agency_id, "line")) return std::nullopt;
  return n->came_through(req);
}
}  // namespace

nlohmann::json notify_choices(const http::Request& req, const Notify* n, bool sealed) {
  const bool mail = ready(n, req.agency_id, "mail");
  const bool line = line_of(req, n, sealed).has_value();
  const std::string chosen = req.method == http::Method::post ? req.form().value("notify") : "";
  return {{"offered", mail || line},
          {"mail", mail},
          {"line", line},
          {"sealed", sealed},
          {"none_checked", chosen != "mail" && chosen != "line"},
          {"mail_checked", chosen == "mail"},
          {"line_checked", chosen == "line"}};
}

std::pair<std::string, std::string> notify_chosen(const http::Request& req, const Notify* n, bool sealed) {
  const std::string chosen = req.form().value("notify");
  if (chosen == "line") {
    auto line = line_of(req, n, sealed);
    // A form sent after the start link ran out: LINE asked for, nobody to tell there.
    return {"line", line ? line->to : std::string()};
  }
  return {chosen, ""};
}

}  // namespace prongsai::web
