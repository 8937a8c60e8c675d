// Cases: submission with a receipt code, tracking and replies by that code, the officers'
// inbox and workflow, and the keys of sealed cases. Every change is one audited transaction;
// the audit entries name the channel and status, never a case's content.
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/cases/cases.hpp"
#include "modules/cases/custodian.hpp"
#include "modules/cases/queries.hpp"
#include "modules/cases/receipt.hpp"
#include "modules/cases/sealing.hpp"

namespace prongsai::cases {
namespace {

using http::Role;
using nlohmann::json;

constexpr std::size_t kMaxSubject = 200, kMaxDetails = 5000, kMaxShort = 200, kMaxMessage = 5000, kMaxNote = 2000;

template <class E, std::size_t N>
std::optional<E> parse_in(std::string_view s, const E (&all)[N]) {
  for (E e : all) {
    if (to_string(e) == s) return e;
  }
  return std::nullopt;
}
constexpr Channel kChannels[] = {Channel::complaint, Channel::corruption, Channel::request};
constexpr Status kStatuses[] = {Status::received,  Status::reviewing, Status::info_requested,
                                Status::forwarded, Status::resolved,  Status::rejected};
constexpr Via kVias[] = {Via::web, Via::phone, Via::letter, Via::walk_in};
constexpr std::string_view kTopics[] = {"complaint", "suggestion", "praise"};

std::string content_json(const Content& c) {
  json j{{"subject", c.subject}, {"details", c.details}, {"accused", c.accused},
         {"name", c.name},       {"phone", c.phone},     {"email", c.email}};
  if (!c.answers.empty()) j["answers"] = json::parse(c.answers, nullptr, false);
  if (!c.notify.empty()) j["notify"] = c.notify;
  if (!c.line_user.empty()) j["line_user"] = c.line_user;
  return j.dump();
}

Content content_from(std::string_view text) {
  auto j = json::parse(text, nullptr, false);
  Content c;
  if (!j.is_object()) return c;
  c.subject = j.value("subject", "");
  c.details = j.value("details", "");
  c.accused = j.value("accused", "");
  c.name = j.value("name", "");
  c.phone = j.value("phone", "");
  c.email = j.value("email", "");
  if (auto a = j.find("answers"); a != j.end() && a->is_array()) c.answers = a->dump();
  c.notify = j.value("notify", "");
  c.line_user = j.value("line_user", "");
  return c;
}

// A line of an inbox or queue (q::kInbox, q::kQueue).
Summary summary_of(const store::Row& r) {
  Summary s;
  s.id = r.integer("id");
  s.via = parse_via(r.text("received_via")).value_or(Via::web);
  s.status = parse_status(r.text("status")).value_or(Status::received);
  s.topic = r.text("topic");
  if (r.integer("sealed") == 0) s.subject = content_from(r.text("content")).subject;
  s.created_at = r.integer("created_at");
  s.updated_at = r.integer("updated_at");
  s.citizen_waiting = !r.is_null("last_author") && r.text("last_author") == "citizen";
  s.service_id = r.opt_integer("service_id");
  s.unit_id = r.opt_integer("unit_id");
  s.due_day = r.text("due_day");
  s.closed_at = r.opt_integer("closed_at");
  return s;
}

// A citizen's or an officer's attachments, checked by their bytes before anything is written,
// and kept without what the camera or phone wrote about them.
Result<std::vector<files::Checked>> check_files(const std::vector<files::Upload>& uploads) {
  return files::check(uploads, {.field = "attachments",
                                .max_bytes = kMaxAttachmentBytes,
                                .max_files = kMaxAttachments,
                                .too_large = "error.attachment_too_large",
                                .strip = true});
}

// Stores checked files with the case; under `key` when the case is sealed. A sealed case's
// files keep no name of their own ("ไฟล์แนบ 1.jpg"): a phone's or a scanner's file name can
// tell who made it.
void store_files(store::WriteTx& tx, std::int64_t agency_id, std::int64_t case_id, const char* author,
                 const std::vector<files::Checked>& checked, const std::optional<std::string>& key) {
  for (std::size_t i = 0; i < checked.size(); ++i) {
    const files::Checked& f = checked[i];
    std::string name = key ? "ไฟล์แนบ " + std::to_string(i + 1) : f.upload->name;
    std::string meta = json{{"name", files::clean_name(name, f.kind)}, {"type", f.kind.content_type}}.dump();
    store::Value data = store::BlobView{f.data()};
    std::string sealed_data;
    if (key) {
      meta = sealing::encrypt(*key, meta);
      sealed_data = sealing::encrypt(*key, f.data());
      data = store::BlobView{sealed_data};
    }
    tx.also(q::kInsertFile, {agency_id, case_id, std::string(author), store::Blob{meta}, data,
                             static_cast<std::int64_t>(f.data().size()), tx.now()});
  }
}

// The agency's case settings (the defaults when it changed none): retention days, attachment
// MB a day.
std::pair<int, std::int64_t> settings_of(store::ReadTx& tx, std::int64_t agency_id) {
  auto row = tx.query_one(q::kCaseSettings, {agency_id});
  if (!row) return {Service::kDefaultRetentionDays, Service::kDefaultAttachmentMbPerDay};
  return {static_cast<int>(row->integer("retention_days")), row->integer("attachment_mb_per_day")};
}

// Counts citizens' files against the agency's day (Service::attachment_intake): refused,
// with nothing counted, when they would pass the ceiling. A submission without files reads
// nothing.
Result<void> take_intake(store::WriteTx& tx, std::int64_t agency_id, const std::vector<files::Checked>& checked,
                         std::int64_t now) {
  std::int64_t bytes = 0;
  for (const files::Checked& f : checked) bytes += static_cast<std::int64_t>(f.data().size());
  if (bytes == 0) return ok();
  std::int64_t ceiling = settings_of(tx, agency_id).second << 20;
  if (bytes > ceiling ||
      tx.also(q::kAddIntake, {agency_id, calendar::iso(calendar::local_date(now)), bytes, ceiling}).empty())
    return fail(
        Error::make(ErrorKind::too_many_requests, "error.attachments_day_full", "attachment ceiling", "attachments"));
  return ok();
}

// A private key wrapped under a recovery code (a receipt-style code: 100 random bits), through
// argon2id like a password: the wrapping and its salt.
std::pair<std::string, std::string> wrap_for_recovery(std::string_view grouped_code, std::string_view secret) {
  std::string salt = sealing::new_salt();
  return {sealing::encrypt(sealing::password_key(*normalise_receipt(grouped_code), salt), secret), salt};
}

// The officer's private key from this session's copy (made at unlock), or none: no copy, no
// cookie token, or a token that does not open it.
std::optional<std::string> session_secret(store::ReadTx& tx, const http::Principal& by, std::string_view token) {
  auto session = tx.query_one(q::kSessionKey, {by.agency_id, by.session_id, by.user_id});
  if (!session || token.empty()) return std::nullopt;
  return sealing::decrypt(sealing::session_key(token), session->text("wrapped_secret"));
}

Error locked() { return Error::make(ErrorKind::locked, "error.sealed_locked", "officer key not unlocked"); }

// The signed-in officer's key pair, for what only a confirmed holder with an unlocked key does
// (confirm a colleague or the custodian, seal to it, take the custodian's answer).
Result<sealing::KeyPair> confirmed_holder_keys(store::ReadTx& tx, const http::Principal& by, std::string_view token) {
  auto mine = tx.query_one(q::kOfficerKey, {by.agency_id, by.user_id});
  auto secret = session_secret(tx, by, token);
  if (!mine || !secret) return fail(locked());
  if (mine->is_null("confirmed_at"))
    return fail(Error::make(ErrorKind::forbidden, "error.key_unconfirmed", "not a confirmed holder"));
  return sealing::KeyPair{mine->text("public_key"), *secret};
}

// The case key sealed to every confirmed key holder of the agency.
void seal_to_officers(store::WriteTx& tx, std::int64_t agency_id, std::int64_t case_id, const std::string& key,
                      const std::vector<std::pair<std::int64_t, std::string>>& officers) {
  for (const auto& [user, public_key] : officers)
    tx.also(q::kInsertCaseKey, {case_id, user, agency_id, store::Blob{sealing::seal_to(public_key, key)}});
}

}  // namespace

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::complaint: return "complaint";
    case Channel::corruption: return "corruption";
    case Channel::request: return "request";
  }
  return "complaint";
}
std::string_view to_string(Status s) {
  switch (s) {
    case Status::received: return "received";
    case Status::reviewing: return "reviewing";
    case Status::info_requested: return "info_requested";
    case Status::forwarded: return "forwarded";
    case Status::resolved: return "resolved";
    case Status::rejected: return "rejected";
  }
  return "received";
}
std::string_view to_string(Via v) {
  switch (v) {
    case Via::web: return "web";
    case Via::phone: return "phone";
    case Via::letter: return "letter";
    case Via::walk_in: return "walk_in";
  }
  return "web";
}
std::optional<Channel> parse_channel(std::string_view s) { return parse_in(s, kChannels); }
std::optional<Status> parse_status(std::string_view s) { return parse_in(s, kStatuses); }
std::optional<Via> parse_via(std::string_view s) { return parse_in(s, kVias); }

std::string_view to_string(Timeliness t) {
  switch (t) {
    case Timeliness::on_time: return "on_time";
    case Timeliness::due_today: return "due_today";
    case Timeliness::overdue: return "overdue";
    case Timeliness::done_on_time: return "done_on_time";
    case Timeliness::done_late: return "done_late";
  }
  return "on_time";
}

Timeliness timeliness(std::string_view due_day, calendar::Date today, std::optional<std::int64_t> closed_at) {
  auto due = calendar::parse_iso(due_day);
  if (!due) return closed_at ? Timeliness::done_on_time : Timeliness::on_time;
  if (closed_at) return calendar::local_date(*closed_at) <= *due ? Timeliness::done_on_time : Timeliness::done_late;
  if (today > *due) return Timeliness::overdue;
  return today == *due ? Timeliness::due_today : Timeliness::on_time;
}

bool may_move(Status from, Status to) {
  if (is_closed(from) || to == Status::received) return false;
  return from != to || to == Status::forwarded;  // forwarded on again, to another unit
}

Service::Service(store::Store& store, accounts::Service& accounts) : store_(store), accounts_(accounts) {
  accounts_.set_password_hooks({
      [](store::WriteTx& tx, const http::Principal& me, const std::string& current,
         const std::string& next) -> Result<void> {
        auto row = tx.query_one(q::kOfficerKey, {me.agency_id, me.user_id});
        if (!row || row->text("wrapped_secret").empty()) return ok();  // none, or waiting for its recovery code
        auto secret = sealing::decrypt(sealing::password_key(current, row->text("salt")), row->text("wrapped_secret"));
        if (!secret) return fail(Error::internal("officer key does not open with the current password"));
        std::string salt = sealing::new_salt();
        tx.also(q::kRewrapOfficerKey, {store::Blob{sealing::encrypt(sealing::password_key(next, salt), *secret)},
                                       store::Blob{salt}, me.agency_id, me.user_id});
        return ok();
      },
      [](store::WriteTx& tx, std::int64_t, std::int64_t user_id) {
        tx.also(q::kDropSessionKeys, {user_id});
        tx.also(q::kDropUnrecoverableCaseKeys, {user_id, user_id});
        tx.also(q::kDropUnrecoverableKey, {user_id});
        tx.also(q::kForgetPasswordWrap, {store::Blob{std::string()}, store::Blob{std::string()}, user_id});
      },
      [](store::WriteTx& tx, std::int64_t, std::int64_t user_id) {
        tx.also(q::kDropCaseKeys, {user_id});
        tx.also(q::kDropSessionKeys, {user_id});
        tx.also(q::kDropOfficerKey, {user_id});
      },
  });
}

// ---- Citizens ------------------------------------------------------------------------------

Result<Receipt> Service::submit(std::int64_t agency_id, const Submission& s, const store::Actor& actor) {
  Content c;
  bool corruption = s.channel == Channel::corruption;
  bool request = s.channel == Channel::request;
  if (request != s.request.has_value())
    return fail(Error::internal("a request comes with its service, and only a request"));
  auto check = [&](std::string& out, const char* name, std::string_view raw, std::size_t max, bool required,
                   text::Lines lines = text::Lines::single) -> std::optional<Error> {
    auto v = text::form_field(name, raw, max, required, lines);
    if (!v) return v.error();
    out = std::move(*v);
    return std::nullopt;
  };
  for (auto e :
       {check(c.subject, "subject", s.content.subject, kMaxSubject, true),
        check(c.details, "details", s.content.details, kMaxDetails, !request, text::Lines::multiple),
        check(c.accused, "accused", s.content.accused, kMaxShort, false),
        check(c.name, "name", s.content.name, kMaxShort, false), check(c.phone, "phone", s.content.phone, 40, false),
        check(c.email, "email", s.content.email, kMaxShort, false)}) {
    if (e) return fail(*e);
  }
  if (!c.email.empty() && (c.email.find('@') == std::string::npos || c.email.find(' ') != std::string::npos))
    return fail(Error::invalid_field("email", "error.email"));
  for (char ch : c.phone) {
    if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == ' ' || ch == '-' || ch == '+'))
      return fail(Error::invalid_field("phone", "error.phone"));
  }
  c.answers = s.content.answers;
  // Told as asked, on a channel that is ready: by e-mail to the address given; by LINE only to
  // one who came from the chat, and never in the sealed channel, which must not know them.
  c.notify = s.content.notify;
  if (c.notify == "mail") {
    if (c.email.empty()) return fail(Error::invalid_field("email", "notify.error.email"));
  } else if (c.notify == "line") {
    if (corruption || s.content.line_user.empty()) return fail(Error::invalid_field("notify", "error.choice"));
    c.line_user = s.content.line_user;
  } else if (!c.notify.empty()) {
    return fail(Error::invalid_field("notify", "error.choice"));
  }
  if (!c.notify.empty() && !tells_on(agency_id, c.notify)) return fail(Error::invalid_field("notify", "error.choice"));
  std::string topic;
  if (s.channel == Channel::complaint) {
    topic = s.topic.empty() ? "complaint" : s.topic;
    if (std::find(std::begin(kTopics), std::end(kTopics), topic) == std::end(kTopics))
      return fail(Error::invalid_field("topic", "error.choice"));
  }

  auto checked = check_files(s.attachments);
  if (!checked) return fail(checked.error());

  std::string code = new_receipt_code();
  std::string canonical = *normalise_receipt(code);
  std::string plain = content_json(c);
  std::optional<std::string> key;
  store::Value content = store::Blob{plain};
  store::Value citizen_key = nullptr;
  if (corruption) {
    key = sealing::random_key();
    content = store::Blob{sealing::encrypt(*key, plain)};
    citizen_key = store::Blob{sealing::encrypt(sealing::receipt_key(canonical), *key)};
  }
  // A corruption complaint from the public form: its times are the day (store::Actor::day_only).
  const store::Actor& writer = corruption && !actor.user_id ? store::Actor::anonymous_citizen() : actor;
  std::int64_t today = store_.clock().now();
  bool ceiling_met = false;
  // Complaints and requests arriving together share one transaction (store::Store::submit).
  auto id = store_.submit(writer, [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::vector<std::pair<std::int64_t, std::string>> officers;
    std::optional<store::Row> custodian;
    if (corruption) {
      for (const auto& r : tx.query(q::kAgencyOfficerKeys, {agency_id}))
        officers.emplace_back(r.integer("user_id"), r.text("public_key"));
      if (officers.empty())
        return fail(Error::make(ErrorKind::unavailable, "error.sealed_channel_closed", "no officer key"));
      custodian = tx.query_one(q::kConfirmedCustodianKey, {agency_id});
    }
    std::int64_t now = tx.now();
    json audit = {{"channel", std::string(to_string(s.channel))}, {"via", std::string(to_string(s.via))}};
    if (!topic.empty()) audit["topic"] = topic;
    if (request) audit["service"] = s.request->service_id;
    std::int64_t case_id =
        tx.apply(store::Change::create(agency_id, "case", audit), q::kInsertCase,
                 {agency_id, std::string(to_string(s.channel)), std::string(to_string(s.via)), receipt_id(canonical),
                  topic, std::int64_t{corruption ? 1 : 0}, content, citizen_key, now, now,
                  request ? store::Value(s.request->service_id) : store::Value(nullptr),
                  request ? store::nullable(s.request->unit_id) : store::Value(nullptr),
                  request ? s.request->due_day : std::string()})
            .at(0)
            .integer("id");
    tell_receipt(tx, agency_id, case_id, s.channel, c, code);
    if (!actor.user_id) {  // a citizen's files count against the agency's day
      if (auto taken = take_intake(tx, agency_id, *checked, today); !taken) {
        ceiling_met = true;
        return fail(taken.error());
      }
    }
    store::Value note = store::Blob{corruption ? sealing::encrypt(*key, "") : std::string()};
    tx.also(q::kInsertEvent,
            {agency_id, case_id, std::string("received"), note, store::nullable(actor.user_id), now, nullptr});
    if (corruption) seal_to_officers(tx, agency_id, case_id, *key, officers);
    if (custodian)
      tx.also(q::kInsertCustodianKey,
              {case_id, agency_id, store::Blob{sealing::seal_to(custodian->text("public_key"), *key)}});
    store_files(tx, agency_id, case_id, "citizen", *checked, key);
    return case_id;
  });
  if (!id) {
    if (ceiling_met) note_ceiling_reached(agency_id);
    return fail(id.error());
  }
  return Receipt{*id, code, request ? s.request->due_day : std::string()};
}

namespace {

// The case row with its events and messages, opened with `key` when sealed.
Result<Case> read_case(store::ReadTx& tx, const store::Row& r, const std::optional<std::string>& key) {
  Case c;
  c.id = r.integer("id");
  c.channel = parse_channel(r.text("channel")).value_or(Channel::complaint);
  c.via = parse_via(r.text("received_via")).value_or(Via::web);
  c.status = parse_status(r.text("status")).value_or(Status::received);
  c.topic = r.text("topic");
  c.sealed = r.integer("sealed") != 0;
  c.created_at = r.integer("created_at");
  c.updated_at = r.integer("updated_at");
  if (!r.is_null("closed_at")) c.closed_at = r.integer("closed_at");
  c.service_id = r.opt_integer("service_id");
  c.unit_id = r.opt_integer("unit_id");
  c.due_day = r.text("due_day");
  auto open = [&](const std::string& stored) -> std::optional<std::string> {
    if (!c.sealed) return stored;
    return sealing::decrypt(*key, stored);
  };
  auto content = open(r.text("content"));
  if (!content) return fail(Error::internal("sealed content does not open"));
  c.content = content_from(*content);
  for (const auto& e : tx.query(q::kEvents, {c.id})) {
    auto note = open(e.text("note"));
    if (!note) return fail(Error::internal("sealed note does not open"));
    c.events.push_back(
        {parse_status(e.text("status")).value_or(Status::received), *note, e.integer("at"), e.opt_integer("unit_id")});
  }
  for (const auto& m : tx.query(q::kMessages, {c.id})) {
    auto body = open(m.text("body"));
    if (!body) return fail(Error::internal("sealed message does not open"));
    c.messages.push_back({m.text("author") == "citizen", *body, m.integer("at")});
  }
  for (const auto& f : tx.query(q::kFiles, {c.id})) {
    auto meta = open(f.text("meta"));
    if (!meta) return fail(Error::internal("sealed file name does not open"));
    auto j = json::parse(*meta, nullptr, false);
    c.files.push_back({f.integer("id"), f.text("author") == "citizen", j.value("name", ""), j.value("type", ""),
                       f.integer("size"), f.integer("at")});
  }
  return c;
}

Result<std::pair<files::Ref, std::string>> read_file(store::ReadTx& tx, std::int64_t agency_id, std::int64_t case_id,
                                                     std::int64_t file_id, const std::optional<std::string>& key) {
  auto row = tx.query_one(q::kFile, {agency_id, case_id, file_id});
  if (!row) return fail(Error::not_found("file"));
  std::optional<std::string> meta = row->text("meta"), data = row->text("data");
  if (key) {
    meta = sealing::decrypt(*key, *meta);
    data = sealing::decrypt(*key, *data);
  }
  if (!meta || !data) return fail(Error::internal("sealed file does not open"));
  auto j = json::parse(*meta, nullptr, false);
  files::Ref ref{crypto::sha256_hex(*data), j.value("name", "file"), j.value("type", "application/octet-stream"),
                 static_cast<std::int64_t>(data->size())};
  return std::make_pair(std::move(ref), std::move(*data));
}

// The case a receipt code names, with its key when sealed.
struct ByCode {
  store::Row row;
  std::optional<std::string> key;
};
Result<ByCode> find_by_code(store::ReadTx& tx, std::int64_t agency_id, std::string_view code) {
  auto canonical = normalise_receipt(code);
  if (!canonical) return fail(Error::not_found("receipt"));
  auto row = tx.query_one(q::kCaseByReceipt, {agency_id, receipt_id(*canonical)});
  if (!row) return fail(Error::not_found("receipt"));
  std::optional<std::string> key;
  if (row->integer("sealed") != 0) {
    key = sealing::decrypt(sealing::receipt_key(*canonical), row->text("citizen_key"));
    if (!key) return fail(Error::not_found("receipt"));
  }
  return ByCode{*row, key};
}

}  // namespace

Result<Case> Service::track(std::int64_t agency_id, std::string_view code) {
  return store_.read([&](store::ReadTx& tx) -> Result<Case> {
    auto found = find_by_code(tx, agency_id, code);
    if (!found) return fail(found.error());
    return read_case(tx, found->row, found->key);
  });
}

Result<void> Service::citizen_reply(std::int64_t agency_id, std::string_view code, const std::string& raw,
                                    const std::vector<files::Upload>& attachments) {
  auto body = text::form_field("body", raw, kMaxMessage, true, text::Lines::multiple);
  if (!body) return fail(body.error());
  auto checked = check_files(attachments);
  if (!checked) return fail(checked.error());
  // A reply on a sealed (corruption) case keeps only its day, as the case's arrival does.
  auto sealed = store_.read([&](store::ReadTx& tx) -> Result<bool> {
    auto found = find_by_code(tx, agency_id, code);
    if (!found) return fail(found.error());
    return found->key.has_value();
  });
  if (!sealed) return fail(sealed.error());
  std::int64_t now = store_.clock().now();
  bool ceiling_met = false;
  auto written = store_.write(
      *sealed ? store::Actor::anonymous_citizen() : store::Actor::citizen(), [&](store::WriteTx& tx) -> Result<void> {
        auto found = find_by_code(tx, agency_id, code);
        if (!found) return fail(found.error());
        std::int64_t case_id = found->row.integer("id");
        if (is_closed(parse_status(found->row.text("status")).value_or(Status::received)))
          return fail(Error::make(ErrorKind::conflict, "error.case_closed", "case closed"));
        // One code fills no disk: a case takes kRepliesPerCaseDay citizen replies a day, on every node.
        auto today = tx.query_one(q::kCitizenMessagesSince,
                                  {case_id, calendar::start_of_day(calendar::local_date(store_.clock().now()))});
        if (today && today->integer("n") >= kRepliesPerCaseDay)
          return fail(Error::make(ErrorKind::too_many_requests, "error.too_many_replies", "case reply quota"));
        std::string stored = found->key ? sealing::encrypt(*found->key, *body) : *body;
        tx.apply(store::Change{agency_id, "case", std::to_string(case_id), "citizen_message", nullptr, nullptr},
                 q::kTouchCase, {tx.now(), tx.now(), agency_id, case_id});
        if (auto taken = take_intake(tx, agency_id, *checked, now); !taken) {
          ceiling_met = true;
          return fail(taken.error());
        }
        tx.also(q::kInsertMessage,
                {agency_id, case_id, std::string("citizen"), store::Blob{stored}, nullptr, tx.now()});
        store_files(tx, agency_id, case_id, "citizen", *checked, found->key);
        return ok();
      });
  if (ceiling_met) note_ceiling_reached(agency_id);
  return written;
}

Result<std::pair<files::Ref, std::string>> Service::citizen_file(std::int64_t agency_id, std::string_view code,
                                                                 std::int64_t file_id) {
  return store_.read([&](store::ReadTx& tx) -> Result<std::pair<files::Ref, std::string>> {
    auto found = find_by_code(tx, agency_id, code);
    if (!found) return fail(found.error());
    return read_file(tx, agency_id, found->row.integer("id"), file_id, found->key);
  });
}

Result<std::pair<files::Ref, std::string>> Service::officer_file(const http::Principal& by, std::int64_t case_id,
                                                                 std::int64_t file_id, std::string_view session_token) {
  auto units = unit_ids(by);
  return store_.read([&](store::ReadTx& tx) -> Result<std::pair<files::Ref, std::string>> {
    auto row = tx.query_one(q::kCaseById, {by.agency_id, case_id});
    if (!row) return fail(Error::not_found("case"));
    if (auto r = may_work(by, *row, units); !r) return fail(r.error());
    std::optional<std::string> key;
    if (row->integer("sealed") != 0) {
      auto k = case_key(tx, by, case_id, session_token);
      if (!k) return fail(k.error());
      key = *k;
    }
    return read_file(tx, by.agency_id, case_id, file_id, key);
  });
}

// ---- Officers ------------------------------------------------------------------------------

Result<Receipt> Service::enter(const http::Principal& by, const Submission& s) {
  if (auto r = s.request ? may_work(by, s.channel, s.request->unit_id, unit_ids(by)) : may_read(by, s.channel); !r)
    return fail(r.error());
  if (s.via == Via::web) return fail(Error::invalid_field("via", "error.choice"));
  return submit(by.agency_id, s, accounts::actor_of(by));
}

std::pair<int, std::int64_t> Service::settings(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) { return settings_of(tx, agency_id); });
}

int Service::retention_days(std::int64_t agency_id) { return settings(agency_id).first; }

Service::Intake Service::attachment_intake(std::int64_t agency_id) {
  std::string day = calendar::iso(calendar::local_date(store_.clock().now()));
  Intake in = store_.read([&](store::ReadTx& tx) {
    Intake out;
    out.ceiling_mb = settings_of(tx, agency_id).second;
    if (auto row = tx.query_one(q::kIntakeOfDay, {agency_id, day})) {
      out.bytes = row->integer("bytes");
      out.reached = row->integer("reached") != 0;
    }
    return out;
  });
  return in;
}

Result<void> Service::set_attachment_ceiling(const http::Principal& by, std::int64_t mb) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (mb < kMinAttachmentMbPerDay || mb > kMaxAttachmentMbPerDay)
    return fail(Error::invalid_field("attachment_mb", "error.attachment_ceiling_range"));
  auto [days, before] = settings(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "case_settings", by.agency_id, {{"attachment_mb_per_day", before}},
                                   {{"attachment_mb_per_day", mb}}),
             q::kSetAttachmentCeiling, {by.agency_id, std::int64_t{days}, mb});
    return ok();
  });
}

void Service::note_ceiling_reached(std::int64_t agency_id) {
  std::string day = calendar::iso(calendar::local_date(store_.clock().now()));
  store_.write(store::Actor::anonymous_citizen(), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kIntakeOfDay, {agency_id, day});
    if (row && row->integer("reached") != 0) return ok();
    std::int64_t mb = settings_of(tx, agency_id).second;
    tx.apply(store::Change{agency_id, "attachment_intake", day, "ceiling_reached", nullptr, {{"ceiling_mb", mb}}},
             q::kMarkIntakeReached, {agency_id, day});
    return ok();
  });
}

Result<void> Service::set_retention_days(const http::Principal& by, int days) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (days < kMinRetentionDays || days > kMaxRetentionDays)
    return fail(Error::invalid_field("retention_days", "error.retention_range"));
  int before = retention_days(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "case_settings", by.agency_id, {{"retention_days", before}},
                                   {{"retention_days", days}}),
             q::kSetRetention, {by.agency_id, std::int64_t{days}});
    return ok();
  });
}

std::int64_t Service::purge_expired() {
  // The days' attachment counts are needed for the day only.
  std::string today = calendar::iso(calendar::local_date(store_.clock().now()));
  store_.bookkeeping([&](store::BookkeepingTx& tx) { return tx.exec(q::kPruneIntake, {today}); });
  std::vector<std::int64_t> agencies = store_.read([&](store::ReadTx& tx) {
    std::vector<std::int64_t> out;
    for (const auto& r : tx.query(q::kAgenciesWithClosedCases)) out.push_back(r.integer("agency_id"));
    return out;
  });
  std::int64_t purged = 0;
  for (std::int64_t agency : agencies) {
    std::int64_t cutoff = store_.clock().now() - std::int64_t{retention_days(agency)} * 86400;
    auto n = store_.write(store::Actor::system(), [&](store::WriteTx& tx) -> Result<std::int64_t> {
      std::int64_t expired = tx.count(q::kCountExpired, {agency, cutoff});
      if (expired == 0) return std::int64_t{0};
      tx.apply(store::Change{agency, "case", "closed-before-" + std::to_string(cutoff), "purge", nullptr,
                             json{{"cases", expired}}},
               q::kPurgeMessages, {agency, cutoff});
      tx.also(q::kPurgeEvents, {agency, cutoff});
      tx.also(q::kPurgeFiles, {agency, cutoff});
      tx.also(q::kPurgeKeys, {agency, cutoff});
      tx.also(q::kPurgeCustodianKeys, {agency, cutoff});
      tx.also(q::kPurgeCases, {agency, cutoff});
      return expired;
    });
    if (n) purged += *n;
  }
  if (purged > 0) store_.truncate_log();
  return purged;
}

std::int64_t Service::sweep_session_keys() {
  std::int64_t swept = 0;
  for (std::int64_t agency : accounts_.agency_ids()) {
    swept += store_.bookkeeping([&](store::BookkeepingTx& tx) {
      return static_cast<std::int64_t>(tx.exec(q::kSweepSessionKeys, {agency, agency}).size());
    });
  }
  return swept;
}

Statistics Service::statistics(std::int64_t agency_id, const calendar::Period& period) {
  return store_.read([&](store::ReadTx& tx) {
    Statistics out;
    out.period = period;
    std::vector<std::int64_t> general_times, corruption_times;
    for (ChannelStats* c : {&out.general, &out.corruption}) {
      for (Status st : kStatuses) c->by_status.emplace_back(st, 0);
      for (Via v : kVias) c->by_via.emplace_back(v, 0);
    }
    for (std::string_view t : kTopics) out.general.by_topic.emplace_back(std::string(t), 0);
    for (const auto& r : tx.query(q::kCasesReceivedBetween, {agency_id, calendar::start_of_day(period.first),
                                                             calendar::end_of_day(period.last)})) {
      bool corruption = r.text("channel") == "corruption";
      ChannelStats& c = corruption ? out.corruption : out.general;
      auto times = corruption ? &corruption_times : &general_times;
      ++c.received;
      auto via = parse_via(r.text("received_via")).value_or(Via::web);
      auto st = parse_status(r.text("status")).value_or(Status::received);
      for (auto& [v, n] : c.by_via) n += v == via;
      for (auto& [s2, n] : c.by_status) n += s2 == st;
      for (auto& [t, n] : c.by_topic) n += t == r.text("topic");
      if (auto closed = r.opt_integer("closed_at")) {
        ++c.closed;
        times->push_back(*closed - r.integer("created_at"));
      } else {
        ++c.open;
      }
    }
    out.general.time_to_close = stats::nearest_rank(std::move(general_times));
    out.corruption.time_to_close = stats::nearest_rank(std::move(corruption_times));
    return out;
  });
}

Result<void> Service::may_read(const http::Principal& by, Channel channel) {
  bool allowed = channel == Channel::corruption ? by.roles.has(Role::corruption_officer)
                 : channel == Channel::request  ? by.roles.has(Role::admin)
                                                : by.roles.has(Role::complaint_officer) || by.roles.has(Role::admin);
  if (!allowed) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an officer of this channel"));
  return ok();
}

Result<void> Service::may_work(const http::Principal& by, Channel channel, std::optional<std::int64_t> unit_id,
                               const std::vector<std::int64_t>& units) {
  if (channel != Channel::request || by.roles.has(Role::admin)) return may_read(by, channel);
  if (unit_id && std::find(units.begin(), units.end(), *unit_id) != units.end()) return ok();
  return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not staff of the request's unit"));
}

Result<void> Service::may_work(const http::Principal& by, const store::Row& row,
                               const std::vector<std::int64_t>& units) {
  return may_work(by, parse_channel(row.text("channel")).value_or(Channel::complaint), row.opt_integer("unit_id"),
                  units);
}

std::vector<std::int64_t> Service::unit_ids(const http::Principal& by) {
  auto me = accounts_.user(by.agency_id, by.user_id);
  return me && me->active ? me->unit_ids : std::vector<std::int64_t>{};
}

Result<std::vector<Summary>> Service::inbox(const http::Principal& by, Channel channel) {
  if (auto r = may_read(by, channel); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Summary> out;
    for (const auto& r : tx.query(q::kInbox, {by.agency_id, std::string(to_string(channel))}))
      out.push_back(summary_of(r));
    return out;
  });
}

namespace {
// A row of q::kOpenCases or q::kCasesSince: where a case is, nothing a person wrote.
OpenCase open_case_from(const store::Row& r) {
  OpenCase c;
  c.id = r.integer("id");
  c.channel = parse_channel(r.text("channel")).value_or(Channel::complaint);
  c.status = parse_status(r.text("status")).value_or(Status::received);
  c.created_at = r.integer("created_at");
  c.unit_id = r.opt_integer("unit_id");
  c.due_day = r.text("due_day");
  return c;
}
}  // namespace

std::vector<OpenCase> Service::open_cases(std::int64_t agency_id, std::optional<Channel> channel) {
  std::string only(channel ? to_string(*channel) : "");
  return store_.read([&](store::ReadTx& tx) {
    std::vector<OpenCase> out;
    for (const auto& r : tx.query(q::kOpenCases, {agency_id, only, only})) out.push_back(open_case_from(r));
    return out;
  });
}

std::vector<std::pair<std::int64_t, OpenCase>> Service::arrived_since(std::int64_t since, Channel channel) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<std::pair<std::int64_t, OpenCase>> out;
    for (const auto& r : tx.query(q::kCasesSince, {since, std::string(to_string(channel))}))
      out.emplace_back(r.integer("agency_id"), open_case_from(r));
    return out;
  });
}

constexpr std::int64_t kQueueClosedDays = 30;

Result<std::vector<Summary>> Service::queue(const http::Principal& by) {
  bool everything = by.roles.has(Role::admin) || by.roles.has(Role::executive);
  auto units = unit_ids(by);
  if (!everything && units.empty()) return std::vector<Summary>{};  // in no unit: nothing to work
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Summary> out;
    std::int64_t since = store_.clock().now() - kQueueClosedDays * 86400;
    for (const auto& r : tx.query(q::kQueue, {by.agency_id, since})) {
      Summary s = summary_of(r);
      if (everything || (s.unit_id && std::find(units.begin(), units.end(), *s.unit_id) != units.end()))
        out.push_back(std::move(s));
    }
    return out;
  });
}

Result<void> Service::forward(const http::Principal& by, std::int64_t case_id, std::int64_t unit_id,
                              const std::string& raw_note) {
  auto note = text::form_field("note", raw_note, kMaxNote, false, text::Lines::multiple);
  if (!note) return fail(note.error());
  if (!accounts_.is_active_unit(by.agency_id, unit_id)) return fail(Error::invalid_field("unit", "error.choice"));
  auto units = unit_ids(by);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kCaseById, {by.agency_id, case_id});
    if (!row) return fail(Error::not_found("case"));
    if (row->text("channel") != to_string(Channel::request)) return fail(Error::not_found("case"));
    if (auto r = may_work(by, *row, units); !r) return fail(r.error());
    Status from = parse_status(row->text("status")).value_or(Status::received);
    auto held_by = row->opt_integer("unit_id");
    if (!may_move(from, Status::forwarded) || held_by == unit_id)
      return fail(Error::invalid_field("unit", "error.status_move"));
    std::int64_t now = tx.now();
    tx.apply(store::Change::update(
                 by.agency_id, "case", case_id,
                 json{{"status", std::string(to_string(from))}, {"unit", held_by ? json(*held_by) : json(nullptr)}},
                 json{{"status", "forwarded"}, {"unit", unit_id}}),
             q::kForwardCase, {unit_id, now, by.agency_id, case_id});
    tx.also(q::kInsertEvent,
            {by.agency_id, case_id, std::string("forwarded"), store::Blob{*note}, by.user_id, now, unit_id});
    tell_citizen(tx, by.agency_id, case_id, Channel::request, false, content_from(row->text("content")),
                 Status::forwarded, row->integer("created_at"));
    return ok();
  });
}

bool Service::tells_on(std::int64_t agency_id, std::string_view channel) const {
  return notify_ && notify_->tells_on(agency_id, std::string(channel));
}

void Service::tell_receipt(store::WriteTx& tx, std::int64_t agency_id, std::int64_t case_id, Channel channel,
                           const Content& c, const std::string& code) {
  if (c.notify != "line" || c.line_user.empty() || !notify_ || !notify_->to_citizen) return;
  auto t = [](std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); };
  std::string body = t("notify.receipt");
  for (auto [name, value] :
       {std::pair<std::string_view, std::string>{"what", t("calendar.source." + std::string(to_string(channel)))},
        {"code", code},
        {"link", notify_->origin_of(agency_id) + "/track"}})
    body = text::fill(std::move(body), name, value);
  notify_->to_citizen(tx, agency_id, "case:" + std::to_string(agency_id) + ":" + std::to_string(case_id) + ":receipt",
                      {"line", c.line_user}, t("notify.receipt_subject"), body);
}

void Service::tell_citizen(store::WriteTx& tx, std::int64_t agency_id, std::int64_t case_id, Channel channel,
                           bool sealed, const Content& c, Status to, std::int64_t created_at) {
  if (c.notify.empty() || !notify_ || !notify_->to_citizen) return;
  web::Recipient whom{c.notify, c.notify == "mail" ? c.email : c.line_user};
  if (whom.to.empty()) return;
  auto agency = accounts_.agency(agency_id);
  const std::string agency_name = agency ? agency->name_th : "";
  const std::string link = notify_->origin_of(agency_id) + "/track";
  auto t = [](std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); };
  std::string subject, body;
  if (sealed) {
    // That it moved, and where to look with the code they hold: not which channel, not how.
    subject = t("notify.sealed.subject");
    body = text::fill(text::fill(t("notify.sealed.body"), "agency", agency_name), "link", link);
  } else {
    const std::string status = t("complaints.status." + std::string(to_string(to)));
    subject = text::fill(t("notify.case.subject"), "status", status);
    body = t("notify.case.body");
    for (auto [name, value] :
         {std::pair<std::string_view, std::string>{"what", t("calendar.source." + std::string(to_string(channel)))},
          {"agency", agency_name},
          {"day", calendar::format(calendar::local_date(created_at), Lang::th, calendar::Style::long_form)},
          {"status", status},
          {"link", link}})
      body = text::fill(std::move(body), name, value);
  }
  // One message per move: the case, the status and the second it moved.
  notify_->to_citizen(tx, agency_id,
                      "case:" + std::to_string(agency_id) + ":" + std::to_string(case_id) + ":" +
                          std::string(to_string(to)) + ":" + std::to_string(tx.now()),
                      whom, subject, body + "\n\n" + t("notify.why"));
}

std::vector<RequestRow> Service::request_rows(std::int64_t agency_id, std::int64_t from, std::int64_t to) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<RequestRow> out;
    for (const auto& r : tx.query(q::kRequestRows, {agency_id, from, to})) {
      out.push_back({r.integer("service_id"), parse_via(r.text("received_via")).value_or(Via::web),
                     parse_status(r.text("status")).value_or(Status::received), r.integer("created_at"),
                     r.opt_integer("closed_at"), r.text("due_day")});
    }
    return out;
  });
}

Result<std::string> Service::case_key(store::ReadTx& tx, const http::Principal& by, std::int64_t case_id,
                                      std::string_view session_token) {
  auto mine = tx.query_one(q::kOfficerKey, {by.agency_id, by.user_id});
  auto secret = session_secret(tx, by, session_token);
  if (!mine || !secret) return fail(locked());
  auto sealed_key = tx.query_one(q::kCaseKey, {by.agency_id, case_id, by.user_id});
  if (!sealed_key && mine->is_null("confirmed_at"))
    return fail(Error::make(ErrorKind::forbidden, "error.key_unconfirmed", "key not confirmed by a holder yet"));
  if (!sealed_key)
    return fail(Error::make(ErrorKind::forbidden, "error.sealed_not_shared", "no copy of this case's key"));
  auto key = sealing::open_sealed({mine->text("public_key"), *secret}, sealed_key->text("sealed_key"));
  if (!key) return fail(Error::internal("case key does not open"));
  return *key;
}

Result<Case> Service::open(const http::Principal& by, std::int64_t case_id, std::string_view session_token) {
  auto units = unit_ids(by);
  return store_.read([&](store::ReadTx& tx) -> Result<Case> {
    auto row = tx.query_one(q::kCaseById, {by.agency_id, case_id});
    if (!row) return fail(Error::not_found("case"));
    if (auto r = may_work(by, *row, units); !r) return fail(r.error());
    std::optional<std::string> key;
    if (row->integer("sealed") != 0) {
      auto k = case_key(tx, by, case_id, session_token);
      if (!k) return fail(k.error());
      key = *k;
    }
    return read_case(tx, *row, key);
  });
}

Result<void> Service::move(const http::Principal& by, std::int64_t case_id, Status to, const std::string& raw_note,
                           std::string_view session_token) {
  auto note = text::form_field("note", raw_note, kMaxNote, to == Status::rejected, text::Lines::multiple);
  if (!note) return fail(note.error());
  if (to == Status::info_requested && note->empty()) return fail(Error::invalid_field("note", "error.required"));
  auto units = unit_ids(by);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kCaseById, {by.agency_id, case_id});
    if (!row) return fail(Error::not_found("case"));
    if (auto r = may_work(by, *row, units); !r) return fail(r.error());
    // A request goes to another unit through forward(), which names it.
    if (to == Status::forwarded && row->text("channel") == to_string(Channel::request))
      return fail(Error::invalid_field("unit", "error.required"));
    Status from = parse_status(row->text("status")).value_or(Status::received);
    if (!may_move(from, to)) return fail(Error::invalid_field("status", "error.status_move"));
    std::string stored = *note;
    const bool sealed = row->integer("sealed") != 0;
    std::optional<std::string> content = row->text("content");
    if (sealed) {
      auto key = case_key(tx, by, case_id, session_token);
      if (!key) return fail(key.error());
      stored = sealing::encrypt(*key, *note);
      content = sealing::decrypt(*key, *content);
    }
    std::int64_t now = tx.now();
    tx.apply(store::Change::update(by.agency_id, "case", case_id, json{{"status", std::string(to_string(from))}},
                                   json{{"status", std::string(to_string(to))}}),
             q::kMoveCase,
             {std::string(to_string(to)), now, is_closed(to) ? store::Value(now) : store::Value(nullptr), by.agency_id,
              case_id});
    tx.also(q::kInsertEvent,
            {by.agency_id, case_id, std::string(to_string(to)), store::Blob{stored}, by.user_id, now, nullptr});
    if (content)
      tell_citizen(tx, by.agency_id, case_id, parse_channel(row->text("channel")).value_or(Channel::complaint), sealed,
                   content_from(*content), to, row->integer("created_at"));
    return ok();
  });
}

Result<void> Service::officer_reply(const http::Principal& by, std::int64_t case_id, const std::string& raw,
                                    std::string_view session_token, const std::vector<files::Upload>& attachments) {
  auto body = text::form_field("body", raw, kMaxMessage, true, text::Lines::multiple);
  if (!body) return fail(body.error());
  auto checked = check_files(attachments);
  if (!checked) return fail(checked.error());
  auto units = unit_ids(by);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kCaseById, {by.agency_id, case_id});
    if (!row) return fail(Error::not_found("case"));
    if (auto r = may_work(by, *row, units); !r) return fail(r.error());
    std::string stored = *body;
    std::optional<std::string> key;
    if (row->integer("sealed") != 0) {
      auto k = case_key(tx, by, case_id, session_token);
      if (!k) return fail(k.error());
      key = *k;
      stored = sealing::encrypt(*key, *body);
    }
    tx.apply(store::Change{by.agency_id, "case", std::to_string(case_id), "officer_message", nullptr, nullptr},
             q::kTouchCase, {tx.now(), tx.now(), by.agency_id, case_id});
    tx.also(q::kInsertMessage,
            {by.agency_id, case_id, std::string("officer"), store::Blob{stored}, by.user_id, tx.now()});
    store_files(tx, by.agency_id, case_id, "officer", *checked, key);
    return ok();
  });
}

// ---- Officer keys --------------------------------------------------------------------------

bool Service::corruption_channel_open(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) { return !tx.query(q::kAgencyOfficerKeys, {agency_id}).empty(); });
}

std::optional<std::int64_t> Service::corruption_channel_open_since(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<std::int64_t> {
    auto row = tx.query_one(q::kChannelOpenSince, {agency_id});
    if (!row || row->is_null("since")) return std::nullopt;
    return row->integer("since");
  });
}

std::optional<store::Row> Service::my_key(const http::Principal& by) {
  return store_.read([&](store::ReadTx& tx) { return tx.query_one(q::kOfficerKey, {by.agency_id, by.user_id}); });
}

bool Service::has_key(const http::Principal& by) { return my_key(by).has_value(); }

bool Service::unlocked(const http::Principal& by, std::string_view session_token) {
  return store_.read([&](store::ReadTx& tx) { return session_secret(tx, by, session_token).has_value(); });
}

Result<std::optional<std::string>> Service::ensure_key(std::int64_t agency_id, std::int64_t user_id,
                                                       const std::string& password, const store::Actor& actor) {
  if (store_.read([&](store::ReadTx& tx) { return tx.query_one(q::kOfficerKey, {agency_id, user_id}); }))
    return std::optional<std::string>();
  sealing::KeyPair keys = sealing::key_pair();
  std::string salt = sealing::new_salt();
  std::string wrapped = sealing::encrypt(sealing::password_key(password, salt), keys.secret_key);
  std::string code = new_receipt_code();
  auto [recovery_wrapped, recovery_salt] = wrap_for_recovery(code, keys.secret_key);
  auto made = store_.write(actor, [&](store::WriteTx& tx) -> Result<void> {
    // The channel's first key confirms itself (somebody has to open the channel); every later
    // one waits for a holder's confirmation (confirm_holder) and meanwhile receives nothing.
    bool first = tx.query(q::kAgencyOfficerKeys, {agency_id}).empty();
    store::Value by = first ? store::Value(user_id) : store::Value(nullptr);
    store::Value at = first ? store::Value(tx.now()) : store::Value(nullptr);
    tx.apply(
        store::Change{agency_id, "officer_key", std::to_string(user_id), "create", nullptr, json{{"confirmed", first}}},
        q::kInsertOfficerKey,
        {user_id, agency_id, store::Blob{keys.public_key}, store::Blob{wrapped}, store::Blob{salt}, tx.now(), by, at,
         store::Blob{recovery_wrapped}, store::Blob{recovery_salt}});
    if (first) tx.also(q::kInsertGrant, {agency_id, user_id, user_id, tx.now(), std::int64_t{0}, std::int64_t{0}});
    return ok();
  });
  if (!made) return fail(made.error());
  return std::optional<std::string>(code);
}

bool Service::needs_recovery(const http::Principal& by) {
  auto mine = my_key(by);
  return mine && mine->text("wrapped_secret").empty();
}

bool Service::has_recovery(const http::Principal& by) {
  auto mine = my_key(by);
  return mine && !mine->is_null("recovery_wrapped");
}

Result<std::string> Service::new_recovery_code(const http::Principal& by, std::string_view session_token) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  auto secret = store_.read([&](store::ReadTx& tx) { return session_secret(tx, by, session_token); });
  if (!secret) return fail(locked());
  std::string code = new_receipt_code();
  auto [wrapped, salt] = wrap_for_recovery(code, *secret);
  auto r = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(
        store::Change{by.agency_id, "officer_key", std::to_string(by.user_id), "new_recovery_code", nullptr, nullptr},
        q::kSetRecovery, {store::Blob{wrapped}, store::Blob{salt}, by.agency_id, by.user_id});
    return ok();
  });
  if (!r) return fail(r.error());
  return code;
}

Result<std::optional<std::string>> Service::start_over(const http::Principal& by, const std::string& password,
                                                       std::string_view session_token) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  if (!needs_recovery(by)) return fail(Error::invalid_field("password", "error.key_not_lost"));
  if (auto r = accounts_.check_own_password(by, password); !r) return fail(r.error());
  auto dropped = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{by.agency_id, "officer_key", std::to_string(by.user_id), "start_over", nullptr, nullptr},
             q::kDropCaseKeys, {by.user_id});
    tx.also(q::kDropSessionKeys, {by.user_id});
    tx.also(q::kDropOfficerKey, {by.user_id});
    return ok();
  });
  if (!dropped) return fail(dropped.error());
  return unlock(by, password, session_token);
}

std::vector<KeyHolder> Service::holders_of(std::int64_t agency_id, const std::vector<accounts::User>& users) {
  auto find = [&](std::int64_t id) -> const accounts::User* {
    for (const auto& u : users)
      if (u.id == id) return &u;
    return nullptr;
  };
  return store_.read([&](store::ReadTx& tx) {
    std::vector<KeyHolder> out;
    for (const auto& r : tx.query(q::kKeyHolders, {agency_id})) {
      KeyHolder h;
      h.user_id = r.integer("user_id");
      if (const auto* u = find(h.user_id)) {
        h.name = u->display_name;
        h.email = u->email;
        h.position = u->position;
        h.officer = u->active && u->roles.has(Role::corruption_officer);
      }
      h.created_at = r.integer("created_at");
      h.confirmed_at = r.opt_integer("confirmed_at");
      if (auto by = r.opt_integer("confirmed_by")) {
        h.confirmed_by = *by;
        if (const auto* u = find(*by)) h.confirmed_by_name = u->display_name;
      }
      out.push_back(std::move(h));
    }
    return out;
  });
}

Result<KeyHolders> Service::key_holders(const http::Principal& by) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  auto users = accounts_.users(by.agency_id);
  auto name = [&](std::int64_t id) {
    for (const auto& u : users)
      if (u.id == id) return u.display_name;
    return std::string();
  };
  KeyHolders out;
  out.holders = holders_of(by.agency_id, users);
  store_.read([&](store::ReadTx& tx) {
    for (const auto& r : tx.query(q::kGrants, {by.agency_id})) {
      Grant g{r.integer("user_id"),           r.integer("granted_by"), r.integer("at"), r.integer("cases"), {}, {},
              r.integer("via_custodian") != 0};
      g.to_name = name(g.user_id);
      g.by_name = name(g.granted_by);
      out.grants.push_back(std::move(g));
    }
    return 0;
  });
  return out;
}

std::int64_t Service::awaiting_confirmation(const http::Principal& by) {
  if (!by.roles.has(Role::corruption_officer)) return 0;
  std::int64_t n = 0;
  for (const auto& h : holders_of(by.agency_id, accounts_.users(by.agency_id)))
    if (!h.confirmed_at && h.officer) ++n;
  return n;
}

bool Service::unconfirmed(const http::Principal& by) {
  auto mine = my_key(by);
  return mine && mine->is_null("confirmed_at");
}

Result<std::int64_t> Service::confirm_holder(const http::Principal& by, std::int64_t user_id,
                                             std::string_view session_token) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  if (user_id == by.user_id) return fail(Error::invalid_field("holder", "error.confirm_self"));
  auto target = accounts_.user(by.agency_id, user_id);
  if (!target) return fail(target.error());
  if (!target->active || !target->roles.has(Role::corruption_officer))
    return fail(Error::invalid_field("holder", "error.confirm_not_officer"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    auto held = confirmed_holder_keys(tx, by, session_token);
    if (!held) return fail(held.error());
    const sealing::KeyPair& keys = *held;
    // Every case key this holder has, opened and sealed again to the new holder, in the
    // transaction that confirms them: they read what their colleague reads, from now on.
    std::vector<std::pair<std::int64_t, std::string>> copies;
    for (const auto& r : tx.query(q::kCaseKeysOf, {by.agency_id, by.user_id})) {
      auto k = sealing::open_sealed(keys, r.text("sealed_key"));
      if (!k) return fail(Error::internal("case key does not open"));
      copies.emplace_back(r.integer("case_id"), std::move(*k));
    }
    auto confirmed = tx.apply(store::Change{by.agency_id, "officer_key", std::to_string(user_id), "confirm", nullptr,
                                            json{{"confirmed_by", by.user_id}, {"cases", copies.size()}}},
                              q::kConfirmKey, {by.user_id, tx.now(), by.agency_id, user_id});
    if (confirmed.empty()) return fail(Error::invalid_field("holder", "error.confirm_nothing"));
    std::string public_key = confirmed.at(0).text("public_key");
    for (const auto& [case_id, key] : copies) {
      tx.also(q::kDropCaseKey, {case_id, user_id});
      tx.also(q::kInsertCaseKey, {case_id, user_id, by.agency_id, store::Blob{sealing::seal_to(public_key, key)}});
    }
    auto n = static_cast<std::int64_t>(copies.size());
    tx.also(q::kInsertGrant, {by.agency_id, user_id, by.user_id, tx.now(), n, std::int64_t{0}});
    return n;
  });
}

// ---- The outside custodian ----------------------------------------------------------------

Result<void> Service::register_custodian(const http::Principal& by, const std::string& raw_name,
                                         const std::string& public_key) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto name = text::form_field("name", raw_name, kMaxCustodianName, true);
  if (!name) return fail(name.error());
  auto key = custodian::parse_public_key(public_key);
  if (!key) return fail(key.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(q::kCustodian, {by.agency_id});
    json was = nullptr;
    if (before)
      was = {{"name", before->text("name")}, {"fingerprint", custodian::fingerprint(before->text("public_key"))}};
    tx.apply(store::Change{by.agency_id, "custodian", std::to_string(by.agency_id), before ? "replace" : "register",
                           was, json{{"name", *name}, {"fingerprint", custodian::fingerprint(*key)}}},
             q::kDropCustodianKeys, {by.agency_id});
    tx.also(q::kDropCustodian, {by.agency_id});
    tx.also(q::kInsertCustodian, {by.agency_id, *name, store::Blob{*key}, by.user_id, tx.now()});
    return ok();
  });
}

Result<void> Service::remove_custodian(const http::Principal& by) {
  if (!by.roles.has(Role::admin) && !by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "neither admin nor officer"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(q::kCustodian, {by.agency_id});
    if (!before) return fail(Error::not_found("custodian"));
    tx.apply(store::Change{by.agency_id, "custodian", std::to_string(by.agency_id), "remove",
                           json{{"name", before->text("name")},
                                {"fingerprint", custodian::fingerprint(before->text("public_key"))}},
                           nullptr},
             q::kDropCustodianKeys, {by.agency_id});
    tx.also(q::kDropCustodian, {by.agency_id});
    return ok();
  });
}

std::optional<Custodian> Service::custodian(std::int64_t agency_id) {
  auto c = store_.read([&](store::ReadTx& tx) -> std::optional<Custodian> {
    auto row = tx.query_one(q::kCustodian, {agency_id});
    if (!row) return std::nullopt;
    Custodian c;
    c.name = row->text("name");
    c.public_key = custodian::public_key_text(row->text("public_key"));
    c.fingerprint = custodian::fingerprint(row->text("public_key"));
    c.registered_by = row->integer("registered_by");
    c.registered_at = row->integer("registered_at");
    c.confirmed_at = row->opt_integer("confirmed_at");
    c.confirmed_by = row->opt_integer("confirmed_by").value_or(0);
    c.copies = tx.count(q::kCustodianCopies, {agency_id});
    c.missing = tx.count(q::kSealedWithoutCustodian, {agency_id, agency_id});
    return c;
  });
  if (!c) return c;
  for (const auto& u : accounts_.users(agency_id)) {
    if (u.id == c->registered_by) c->registered_by_name = u.display_name;
    if (u.id == c->confirmed_by) c->confirmed_by_name = u.display_name;
  }
  return c;
}

std::optional<std::string> Service::confirmed_custodian(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<std::string> {
    auto row = tx.query_one(q::kConfirmedCustodianKey, {agency_id});
    if (!row) return std::nullopt;
    return row->text("name");
  });
}

std::int64_t Service::custodian_holds_for(const http::Principal& by) {
  return store_.read([&](store::ReadTx& tx) -> std::int64_t {
    if (!tx.query_one(q::kConfirmedCustodianKey, {by.agency_id})) return 0;
    return tx.count(q::kCountCustodianKeysNotWith, {by.agency_id, by.agency_id, by.user_id});
  });
}

std::string Service::key_fingerprint(const http::Principal& by) {
  auto mine = my_key(by);
  return mine ? custodian::fingerprint(mine->text("public_key")) : std::string();
}

Result<std::int64_t> Service::seal_to_custodian(const http::Principal& by, std::string_view session_token) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    auto keys = confirmed_holder_keys(tx, by, session_token);
    if (!keys) return fail(keys.error());
    auto row = tx.query_one(q::kCustodian, {by.agency_id});
    if (!row) return fail(Error::not_found("custodian"));
    bool confirming = row->is_null("confirmed_at");
    std::int64_t n = 0;
    auto rows = tx.query(q::kCaseKeysNotWithCustodian, {by.agency_id, by.user_id, by.agency_id});
    if (!confirming && rows.empty()) return std::int64_t{0};  // nothing to do: nothing recorded
    tx.record(
        store::Change{by.agency_id, "custodian", std::to_string(by.agency_id), confirming ? "confirm" : "seal", nullptr,
                      json{{"fingerprint", custodian::fingerprint(row->text("public_key"))}, {"cases", rows.size()}}});
    if (confirming) tx.also(q::kConfirmCustodian, {by.user_id, tx.now(), by.agency_id});
    for (const auto& r : rows) {
      auto k = sealing::open_sealed(*keys, r.text("sealed_key"));
      if (!k) return fail(Error::internal("case key does not open"));
      tx.also(q::kInsertCustodianKey,
              {r.integer("case_id"), by.agency_id, store::Blob{sealing::seal_to(row->text("public_key"), *k)}});
      ++n;
    }
    return n;
  });
}

Result<std::pair<std::string, std::int64_t>> Service::custodian_request(const http::Principal& by) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  auto me = accounts_.user(by.agency_id, by.user_id);
  if (!me) return fail(me.error());
  auto agency = accounts_.agency(by.agency_id);
  auto r = store_.read([&](store::ReadTx& tx) -> Result<custodian::Request> {
    auto mine = tx.query_one(q::kOfficerKey, {by.agency_id, by.user_id});
    if (!mine) return fail(locked());
    if (mine->is_null("confirmed_at"))
      return fail(Error::make(ErrorKind::forbidden, "error.key_unconfirmed", "a request is for a confirmed holder"));
    auto row = tx.query_one(q::kConfirmedCustodianKey, {by.agency_id});
    if (!row) return fail(Error::not_found("custodian"));
    custodian::Request req;
    req.agency_id = by.agency_id;
    req.agency = agency ? agency->name_th : std::string();
    req.officer_name = me->display_name;
    req.officer_email = me->email;
    req.officer_public_key = mine->text("public_key");
    req.custodian_public_key = row->text("public_key");
    req.made = calendar::iso(calendar::local_date(store_.clock().now()));
    for (const auto& c : tx.query(q::kCustodianKeysNotWith, {by.agency_id, by.agency_id, by.user_id}))
      req.cases.emplace_back(c.integer("case_id"), c.text("sealed_key"));
    return req;
  });
  if (!r) return fail(r.error());
  if (r->cases.empty()) return fail(Error::invalid_field("request", "error.custodian_nothing_to_ask"));
  auto n = static_cast<std::int64_t>(r->cases.size());
  auto noted = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.record(
        store::Change{by.agency_id, "custodian", std::to_string(by.agency_id), "request", nullptr, json{{"cases", n}}});
    return ok();
  });
  if (!noted) return fail(noted.error());
  return std::make_pair(custodian::request_json(*r), n);
}

Result<std::int64_t> Service::import_custodian_answer(const http::Principal& by, std::string_view text,
                                                      std::string_view session_token) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  auto answer = custodian::parse_answer(text);
  if (!answer) return fail(answer.error());
  if (answer->agency_id != by.agency_id) return fail(Error::invalid_field("answer", "error.custodian_answer_other"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    auto keys = confirmed_holder_keys(tx, by, session_token);
    if (!keys) return fail(keys.error());
    if (!crypto::equal(answer->officer_public_key, keys->public_key))
      return fail(Error::invalid_field("answer", "error.custodian_answer_other"));
    std::vector<std::pair<std::int64_t, std::string>> gained;
    for (const auto& [case_id, sealed] : answer->cases) {
      auto content = tx.query_one(q::kSealedCaseContent, {by.agency_id, case_id});
      if (!content) continue;  // deleted since the request (retention): nothing to open
      // A key that does not open its case (altered, or another agency's) keeps the whole
      // answer out: nothing half-imported.
      auto key = sealing::open_sealed(*keys, sealed);
      if (!key || !sealing::decrypt(*key, content->text("content")))
        return fail(Error::invalid_field("answer", "error.custodian_answer_wrong_key"));
      if (tx.query_one(q::kCaseKey, {by.agency_id, case_id, by.user_id})) continue;
      gained.emplace_back(case_id, sealed);
    }
    auto n = static_cast<std::int64_t>(gained.size());
    if (n == 0) return n;  // an answer imported before: nothing new, nothing recorded
    tx.record(store::Change{by.agency_id, "officer_key", std::to_string(by.user_id), "custodian_answer", nullptr,
                            json{{"cases", n}}});
    for (const auto& [case_id, sealed] : gained)
      tx.also(q::kInsertCaseKey, {case_id, by.user_id, by.agency_id, store::Blob{sealed}});
    tx.also(q::kInsertGrant, {by.agency_id, by.user_id, by.user_id, tx.now(), n, std::int64_t{1}});
    return n;
  });
}

Result<std::optional<std::string>> Service::unlock(const http::Principal& by, const std::string& password,
                                                   std::string_view session_token, std::string_view recovery_code) {
  if (!by.roles.has(Role::corruption_officer))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a corruption officer"));
  if (session_token.empty()) return fail(locked());
  if (auto r = accounts_.check_own_password(by, password); !r) return fail(r.error());
  auto mine = my_key(by);
  // A key is made, or opened again with its recovery code, only under a password its holder chose.
  if ((!mine || mine->text("wrapped_secret").empty()) && !accounts_.password_is_own(by))
    return fail(Error::invalid_field("password", "error.key_needs_own_password"));
  std::optional<std::string> made;
  std::optional<std::string> secret;
  if (!mine) {
    auto r = ensure_key(by.agency_id, by.user_id, password, accounts::actor_of(by));
    if (!r) return fail(r.error());
    made = *r;
    mine = my_key(by);
    if (!mine) return fail(Error::internal("officer key vanished"));
  }
  bool recovering = mine->text("wrapped_secret").empty();
  if (recovering) {
    // The password was set again through a link: the recovery code opens the key, which is
    // wrapped under the new password in the transaction below.
    if (recovery_code.empty()) return fail(Error::invalid_field("recovery_code", "error.required"));
    auto code = normalise_receipt(recovery_code);
    if (code && mine->text("recovery_salt").size() == sealing::kSaltBytes)
      secret =
          sealing::decrypt(sealing::password_key(*code, mine->text("recovery_salt")), mine->text("recovery_wrapped"));
    if (!secret) return fail(Error::invalid_field("recovery_code", "error.recovery_wrong"));
  } else {
    secret = sealing::decrypt(sealing::password_key(password, mine->text("salt")), mine->text("wrapped_secret"));
    if (!secret) return fail(Error::internal("officer key does not open with the account password"));
  }
  std::string salt = sealing::new_salt();
  std::string rewrapped = recovering ? sealing::encrypt(sealing::password_key(password, salt), *secret) : "";
  auto r = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.record(store::Change{by.agency_id, "officer_key", std::to_string(by.user_id), recovering ? "recover" : "unlock",
                            nullptr, nullptr});
    if (recovering)
      tx.also(q::kRewrapOfficerKey, {store::Blob{rewrapped}, store::Blob{salt}, by.agency_id, by.user_id});
    tx.also(q::kDeleteSessionKey, {by.session_id});
    tx.also(q::kDeleteStaleSessionKeys, {by.user_id, by.user_id});
    tx.also(q::kInsertSessionKey,
            {by.session_id, by.user_id, by.agency_id,
             store::Blob{sealing::encrypt(sealing::session_key(session_token), *secret)}, tx.now()});
    return ok();
  });
  if (!r) return fail(r.error());
  return made;
}

}  // namespace prongsai::cases
