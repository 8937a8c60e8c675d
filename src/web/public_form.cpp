#include "web/public_form.hpp"

namespace prongsai::web {

std::optional<Error> PublicFormGuard::refuse(const http::Request& req) const {
  if (!req.form().value("website").empty()) return Error::make(ErrorKind::invalid, "error.bad_form");
  if (limiter_.count(limiter_.key_for(kind_, req.client())) >= per_hour_)
    return Error::make(ErrorKind::too_many_requests, "error.too_many_submissions");
  return std::nullopt;
}

void PublicFormGuard::taken(const http::Request& req) const {
  limiter_.hit(limiter_.key_for(kind_, req.client()), 3600);
}

}  // namespace prongsai::web
