// The agency's service catalogue: the services it offers (from the shipped templates, adjusted
// by the admin), each with its responsible unit, its target in working days, the documents it
// asks for and its request form. Published ones are the public list at /services.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/services/form.hpp"
#include "modules/services/templates.hpp"
#include "store/store.hpp"

namespace prongsai::services {

struct Service {
  std::int64_t id = 0;
  std::string template_key;  // the shipped template it came from
  std::string name_th, name_en;
  std::optional<std::int64_t> unit_id;
  int target_days = 0;
  bool calendar_days = false;  // the target counts every day (as the law counts), not working days
  bool contact_required = false;
  std::vector<std::string> documents;
  FormDefinition form;
  bool published = false;
  std::int64_t updated_at = 0;
};

// The admin's form, as typed.
struct ServiceInput {
  std::string name_th, name_en;
  std::string unit_id;      // a unit's id, or empty
  std::string target_days;  // 1–365
  std::string count;        // working | calendar: the days the target counts; empty: as it was
  std::string contact;      // required | optional
  std::string documents;    // one per line
  bool published = false;
};

constexpr int kMaxTargetDays = 365;

// The word for the target's days, as a string key: "services.working_days" or "services.days".
std::string_view days_key(const Service& s);
constexpr std::size_t kMaxDocuments = 20;

class Catalogue {
 public:
  Catalogue(store::Store& store, accounts::Service& accounts) : store_(store), accounts_(accounts) {}

  // The public list: published services, by Thai name.
  std::vector<Service> published(std::int64_t agency_id);
  // One service of the agency, published or not (requests name theirs; staff queues label
  // theirs); nullopt for another agency's or none.
  std::optional<Service> find(std::int64_t agency_id, std::int64_t id);
  // Every service of the agency, by Thai name (labels for queues and statistics).
  std::vector<Service> of_agency(std::int64_t agency_id);

  // Admin only.
  Result<std::vector<Service>> all(const http::Principal& by);
  Result<Service> get(const http::Principal& by, std::int64_t id);
  // A new service (a draft) from a shipped template: its unit is the agency's active unit of
  // the template's unit name, when there is one. Conflict when the agency has a service of that
  // name already.
  Result<std::int64_t> add_from_template(const http::Principal& by, std::string_view key);
  Result<void> update(const http::Principal& by, std::int64_t id, const ServiceInput& in);
  // The request form as the admin edited it (form.hpp's JSON): checked whole by
  // parse_definition, refused naming the field at fault ("fields.2.max_chars"). Requests made
  // before keep their answers as they were read.
  Result<void> set_form(const http::Principal& by, std::int64_t id, const nlohmann::json& definition);
  // Every shipped template the agency has no service of yet, published (`init --demo`): how many.
  Result<int> install_templates(std::int64_t agency_id, const store::Actor& actor);

 private:
  Service from_template(std::int64_t agency_id, const Template& t);
  static Result<std::int64_t> insert(store::WriteTx& tx, std::int64_t agency_id, const Service& s);

  store::Store& store_;
  accounts::Service& accounts_;
};

}  // namespace prongsai::services
