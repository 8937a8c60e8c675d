#include "web/results.hpp"

#include "web/module.hpp"

namespace prongsai::web {

std::optional<RecordedResult> recorded_result(Host& host, std::int64_t agency_id, int year) {
  for (const Module* m : host.modules())
    if (m->recorded_results)
      if (auto r = m->recorded_results(host, agency_id, year)) return r;
  return std::nullopt;
}

}  // namespace prongsai::web
