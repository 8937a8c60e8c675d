// The cases module's contract: what a citizen submits and follows with a receipt code, worked
// by officers through a status workflow with messages both ways. Complaints (the general
// channel and the sealed corruption channel) and E-Service requests (Channel::request: a
// service's form answers, worked by the staff of the responsible unit) use the same.
//
// Sealed cases (Channel::corruption): content, notes and messages are encrypted at rest
// (sealing.hpp). Only corruption officers read them, each through their own key pair; the
// citizen through the receipt code. An admin, a general complaint officer or anyone holding
// the database file and its backups sees that a case exists, its status and its times: never
// what it says or who sent it. See README.md for the key handling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/stats.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "store/store.hpp"
#include "web/notify.hpp"

namespace prongsai::cases {

enum class Channel { complaint, corruption, request };
enum class Status { received, reviewing, info_requested, forwarded, resolved, rejected };
enum class Via { web, phone, letter, walk_in };  // how it reached the agency

std::string_view to_string(Channel c);
std::string_view to_string(Status s);
std::string_view to_string(Via v);
std::optional<Channel> parse_channel(std::string_view s);
std::optional<Status> parse_status(std::string_view s);
std::optional<Via> parse_via(std::string_view s);
inline bool is_closed(Status s) { return s == Status::resolved || s == Status::rejected; }
// received → reviewing (accepted) ⇄ info_requested (more information asked of the citizen) →
// forwarded (to another unit; again to a third) → resolved | rejected; closed cases stay closed.
bool may_move(Status from, Status to);

// What the citizen wrote. All optional but subject and details; empty contact: anonymous.
struct Content {
  std::string subject, details;
  std::string accused;  // corruption: who or which unit, as the citizen names them
  std::string name, phone, email;
  std::string answers;  // requests: the form's answers as read, JSON [{label_th, label_en, text}]
  // How the citizen asked to be told when the case moves: "" not at all, "mail" (the e-mail
  // above), "line" (line_user: the LINE user their browser came from the chat as). Sealed with
  // the rest in a sealed case; never shown to an officer.
  std::string notify, line_user;
  bool anonymous() const { return name.empty() && phone.empty() && email.empty(); }
};

struct Event {
  Status status = Status::received;
  std::string note;  // a rejection's reason, what information is missing, ...: the citizen sees it
  std::int64_t at = 0;
  std::optional<std::int64_t> unit_id;  // forwarded requests: the unit it went to
};

struct Message {
  bool from_citizen = false;
  std::string body;
  std::int64_t at = 0;
};

// A file attached to a case, by the citizen or an officer (its bytes are fetched apart).
struct Attachment {
  std::int64_t id = 0;
  bool from_citizen = false;
  std::string name, content_type;
  std::int64_t size = 0, at = 0;
};
constexpr std::size_t kMaxAttachments = 5;                // per submission or message
constexpr std::size_t kMaxAttachmentBytes = 10ull << 20;  // each
// A citizen's replies to one case in a day (Thailand time), files included: enough for a
// conversation, not for filling the disk through one receipt code.
constexpr std::int64_t kRepliesPerCaseDay = 10;

struct Case {
  std::int64_t id = 0;
  Channel channel = Channel::complaint;
  Via via = Via::web;
  Status status = Status::received;
  std::string topic;
  bool sealed = false;
  Content content;
  std::vector<Event> events;  // oldest first; the first is "received"
  std::vector<Message> messages;
  std::vector<Attachment> files;
  std::int64_t created_at = 0, updated_at = 0;
  std::optional<std::int64_t> closed_at;
  // Requests: the service, the unit that holds it now, the day its target falls on (ISO).
  std::optional<std::int64_t> service_id, unit_id;
  std::string due_day;
};

// A line of an officer's inbox: no content for sealed cases (reading one needs the key).
struct Summary {
  std::int64_t id = 0;
  Via via = Via::web;
  Status status = Status::received;
  std::string topic;
  std::string subject;  // general complaints only
  std::int64_t created_at = 0, updated_at = 0;
  bool citizen_waiting = false;                     // the last message is the citizen's
  std::optional<std::int64_t> service_id, unit_id;  // requests
  std::string due_day;                              // requests: ISO day of the target
  std::optional<std::int64_t> closed_at;
};

// Where a request stands against its target day (ISO; a case without one is never late).
enum class Timeliness { on_time, due_today, overdue, done_on_time, done_late };
std::string_view to_string(Timeliness t);
Timeliness timeliness(std::string_view due_day, calendar::Date today, std::optional<std::int64_t> closed_at);

// A request as the statistics count it: no content, no person.
struct RequestRow {
  std::int64_t service_id = 0;
  Via via = Via::web;
  Status status = Status::received;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> closed_at;
  std::string due_day;
};

// A case still open, for the deadline calendar: when it came in and where it is, nothing a
// person wrote.
struct OpenCase {
  std::int64_t id = 0;
  Channel channel = Channel::complaint;
  Status status = Status::received;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> unit_id;  // requests
  std::string due_day;                  // requests: ISO day of the target
};

// The figures of a period, for publication: counts and times only, nothing a person wrote.
struct ChannelStats {
  std::int64_t received = 0, closed = 0, open = 0;
  std::vector<std::pair<Status, std::int64_t>> by_status;      // every status, in workflow order
  std::vector<std::pair<Via, std::int64_t>> by_via;            // every channel of arrival
  std::vector<std::pair<std::string, std::int64_t>> by_topic;  // general complaints only
  stats::Durations time_to_close;                              // received → resolved/rejected
};
struct Statistics {
  calendar::Period period;
  ChannelStats general, corruption;
};

struct Submission {
  Channel channel = Channel::complaint;
  Via via = Via::web;
  std::string topic;  // general complaints: complaint | suggestion | praise
  Content content;
  std::vector<files::Upload> attachments;  // checked by content (src/files); at most kMaxAttachments
  // Channel::request: what the services module decided (subject = the service's name,
  // content.answers = the checked form, details optional).
  struct Request {
    std::int64_t service_id = 0;
    std::optional<std::int64_t> unit_id;
    std::string due_day;  // ISO, the target in working days from today
  };
  std::optional<Request> request;
};

struct Receipt {
  std::int64_t case_id = 0;
  std::string code;     // grouped; shown once, kept nowhere
  std::string due_day;  // requests: ISO day of the target
};

// A corruption officer's key, as every officer sees it (who holds the channel's key).
struct KeyHolder {
  std::int64_t user_id = 0;
  std::string name, email, position;
  bool officer = false;  // active with the role now (a key of one who left is gone with them)
  std::int64_t created_at = 0;
  std::optional<std::int64_t> confirmed_at;  // none: waiting for a holder's confirmation
  std::optional<std::int64_t> confirmed_by;  // themselves: the channel's first key
  std::string confirmed_by_name;
};
// A grant: who gave whom the channel's case keys, when, and how many (0: the first key).
// Through the custodian: the officer imported its answer (granted_by is the officer).
struct Grant {
  std::int64_t user_id = 0, granted_by = 0, at = 0, cases = 0;
  std::string to_name, by_name;
  bool via_custodian = false;
};
// The agency's outside custodian (custodian.hpp), as officers and the admin see it.
struct Custodian {
  std::string name, public_key, fingerprint;  // public_key as registered ("prongsai-custodian-1:…")
  std::int64_t registered_by = 0, registered_at = 0;
  std::string registered_by_name;
  std::optional<std::int64_t> confirmed_at;  // none: waiting for a holder; it holds nothing yet
  std::int64_t confirmed_by = 0;
  std::string confirmed_by_name;
  std::int64_t copies = 0;   // case keys sealed to it
  std::int64_t missing = 0;  // sealed cases it has no copy of
};
struct KeyHolders {
  std::vector<KeyHolder> holders;
  std::vector<Grant> grants;  // newest first, those of officers who left included
};

class Service {
 public:
  Service(store::Store& store, accounts::Service& accounts);
  // Where citizens' messages go (web/notify.hpp), set at build; none: nobody is told.
  void set_notify(const web::Notify* notify) { notify_ = notify; }
  const web::Notify* notify() const { return notify_; }
  // Whether a citizen of the agency can ask to be told on `channel` ("mail", "line") now.
  bool tells_on(std::int64_t agency_id, std::string_view channel) const;

  // From the public form (Actor::citizen) or entered by staff for a call, letter or visit.
  // Sealed channels need at least one officer key (corruption_channel_open).
  Result<Receipt> submit(std::int64_t agency_id, const Submission& s, const store::Actor& actor);
  // A complaint that came by phone, letter or in person, entered by an officer of its channel
  // (who reads it anyway: they took the call). It gets a receipt code to pass on, like any.
  Result<Receipt> enter(const http::Principal& by, const Submission& s);
  // With the receipt code alone. not_found alike for a code that is malformed, unknown, of
  // another agency, or whose case was purged.
  Result<Case> track(std::int64_t agency_id, std::string_view code);
  Result<void> citizen_reply(std::int64_t agency_id, std::string_view code, const std::string& body,
                             const std::vector<files::Upload>& attachments = {});
  // An attached file with the code alone, or for an officer who may read the case.
  Result<std::pair<files::Ref, std::string>> citizen_file(std::int64_t agency_id, std::string_view code,
                                                          std::int64_t file_id);
  Result<std::pair<files::Ref, std::string>> officer_file(const http::Principal& by, std::int64_t case_id,
                                                          std::int64_t file_id, std::string_view session_token);

  // Officers: complaint_officer or admin for general complaints; corruption_officer alone,
  // with an unlocked key (session_token), for sealed ones; for requests the staff of the unit
  // that holds the request, and the admin.
  Result<std::vector<Summary>> inbox(const http::Principal& by, Channel channel);
  Result<Case> open(const http::Principal& by, std::int64_t case_id, std::string_view session_token);
  Result<void> move(const http::Principal& by, std::int64_t case_id, Status to, const std::string& note,
                    std::string_view session_token);
  Result<void> officer_reply(const http::Principal& by, std::int64_t case_id, const std::string& body,
                             std::string_view session_token, const std::vector<files::Upload>& attachments = {});

  // Requests. The queue: open and recently closed requests of the caller's units (the admin
  // and executives: all), overdue first. Executives read the queue only.
  Result<std::vector<Summary>> queue(const http::Principal& by);
  // Hands a request to another active unit of the agency (status forwarded, the unit recorded
  // on the event); the staff of the new unit work it from there.
  Result<void> forward(const http::Principal& by, std::int64_t case_id, std::int64_t unit_id, const std::string& note);
  // The units the caller works in (none when the account is inactive).
  std::vector<std::int64_t> unit_ids(const http::Principal& by);
  // The open cases of the agency, of every channel or of one, oldest first (the deadline
  // calendar decides who sees which).
  std::vector<OpenCase> open_cases(std::int64_t agency_id, std::optional<Channel> channel = std::nullopt);
  // Cases of `channel` that came in since `since` (unix seconds), in every agency, by agency: the
  // alerts of new work. Nothing a person wrote.
  std::vector<std::pair<std::int64_t, OpenCase>> arrived_since(std::int64_t since, Channel channel);
  // Requests received in [from, to] (epoch seconds), for the service statistics.
  std::vector<RequestRow> request_rows(std::int64_t agency_id, std::int64_t from, std::int64_t to);

  // Corruption officers' keys. unlock() checks the password, creates the officer's key pair
  // the first time, and keeps the private key for this session (under the session token).
  bool corruption_channel_open(std::int64_t agency_id);
  // Since when it has been open (unix seconds), or nullopt while it is closed.
  std::optional<std::int64_t> corruption_channel_open_since(std::int64_t agency_id);
  bool has_key(const http::Principal& by);
  bool unlocked(const http::Principal& by, std::string_view session_token);
  // The code when a key was made now: its recovery code, to show once. A key whose password was
  // set again through a link (needs_recovery) opens with its recovery code, and is wrapped
  // under the new password from then on.
  Result<std::optional<std::string>> unlock(const http::Principal& by, const std::string& password,
                                            std::string_view session_token, std::string_view recovery_code = {});
  // Recovery codes: each key is also wrapped under one (argon2id), shown once when the key is
  // made. An unlocked officer may make a new one (the old one stops working), e.g. when the
  // printout is lost or for a key made before codes existed.
  bool needs_recovery(const http::Principal& by);
  bool has_recovery(const http::Principal& by);
  Result<std::string> new_recovery_code(const http::Principal& by, std::string_view session_token);
  // The recovery code lost too: the officer's key and its case copies go, and a new key is made
  // under the password (waiting for a holder's confirmation, unless no confirmed key is left).
  Result<std::optional<std::string>> start_over(const http::Principal& by, const std::string& password,
                                                std::string_view session_token);
  // The officer's key pair, made now if they have none (init --demo opens the channel this way).
  // The password must be the account's: it is not checked here. The channel's first key is
  // confirmed at once; any later one waits for confirm_holder and receives no case key before.
  // unlock() makes a key only under a password of the officer's own choosing (an enrolment
  // link, their own change), never one an admin chose.
  // The recovery code of a key made now (none when the officer had one already).
  Result<std::optional<std::string>> ensure_key(std::int64_t agency_id, std::int64_t user_id,
                                                const std::string& password, const store::Actor& actor);

  // Key holders are chosen by officers. Every corruption officer sees the holders and every
  // grant. A confirmed holder with an unlocked key confirms a waiting colleague (seeing who
  // they are): every case key the holder has is sealed to the colleague in that transaction,
  // and new cases are sealed to them from then on. The number of cases shared.
  Result<KeyHolders> key_holders(const http::Principal& by);
  Result<std::int64_t> confirm_holder(const http::Principal& by, std::int64_t user_id, std::string_view session_token);
  // Officers whose key waits for a holder's confirmation (0 for anyone not an officer).
  std::int64_t awaiting_confirmation(const http::Principal& by);
  // Whether the signed-in officer's own key waits for confirmation.
  bool unconfirmed(const http::Principal& by);

  // The outside custodian: an office the agency names (for example the provincial NACC
  // office) that keeps, offline, the private key of a pair made by `prongsai custodian keygen`.
  // The admin registers its public key (replacing one before it, whose copies go); a confirmed
  // holder, unlocked, confirms it after reading its fingerprint back with the custodian. From
  // then on every case key is also sealed to it: the confirming holder's at once, every new
  // case's on arrival. Registering, confirming and withdrawing are audited; officers see it all.
  Result<void> register_custodian(const http::Principal& by, const std::string& name, const std::string& public_key);
  // The admin or an officer withdraws it: its copies go with it.
  Result<void> remove_custodian(const http::Principal& by);
  std::optional<Custodian> custodian(std::int64_t agency_id);
  // The name of the custodian new cases are sealed to (a confirmed one), for the public form.
  std::optional<std::string> confirmed_custodian(std::int64_t agency_id);
  // Confirms the custodian if it waits, and seals to it the case keys the caller holds that it
  // lacks (a colleague's cases it lacks are theirs to seal): the number sealed.
  Result<std::int64_t> seal_to_custodian(const http::Principal& by, std::string_view session_token);
  // For a confirmed holder lacking cases the custodian holds (their predecessor left without
  // handing over): the request file (custodian.hpp) and how many cases it asks for.
  Result<std::pair<std::string, std::int64_t>> custodian_request(const http::Principal& by);
  // The custodian's answer, uploaded by the officer it was made for, unlocked: each key is
  // opened with the officer's own and kept only if it opens its case. The cases gained.
  Result<std::int64_t> import_custodian_answer(const http::Principal& by, std::string_view answer,
                                               std::string_view session_token);
  // The cases the custodian holds that the caller does not: what a request would ask for.
  std::int64_t custodian_holds_for(const http::Principal& by);
  // The fingerprint of the signed-in officer's key (empty without one): the custodian reads it
  // back before answering their request.
  std::string key_fingerprint(const http::Principal& by);
  static constexpr std::size_t kMaxCustodianName = 200;
  static constexpr std::size_t kMaxAnswerBytes = 8 << 20;  // ~60,000 cases

  // Retention: closed cases are deleted this many days after they closed, with their events,
  // messages and keys (a sealed case's key copies go with them: what a backup still holds of
  // its content can no longer be opened with anything the database keeps).
  static constexpr int kDefaultRetentionDays = 1095;  // three years
  static constexpr int kMinRetentionDays = 30, kMaxRetentionDays = 3650;
  int retention_days(std::int64_t agency_id);
  Result<void> set_retention_days(const http::Principal& by, int days);
  // What citizens attach in a day, every form and reply of the agency together (files as kept,
  // after their metadata is stripped), is capped: beyond it a sender is asked to send the text
  // without files (text is never refused for it), and the admin sees the day the ceiling was
  // reached (inbox, audit). Officers' uploads do not count. The count is one row per agency and
  // day; nothing in it says who sent what, or when in the day.
  static constexpr std::int64_t kDefaultAttachmentMbPerDay = 200;
  static constexpr std::int64_t kMinAttachmentMbPerDay = 10, kMaxAttachmentMbPerDay = 10000;
  struct Intake {
    std::int64_t bytes = 0;  // today's
    std::int64_t ceiling_mb = kDefaultAttachmentMbPerDay;
    bool reached = false;  // someone was asked today to send without files
  };
  Intake attachment_intake(std::int64_t agency_id);
  Result<void> set_attachment_ceiling(const http::Principal& by, std::int64_t mb);
  // Deletes every agency's expired cases; the number deleted. Safe to run on several nodes at
  // once (a case already gone is not counted twice).
  std::int64_t purge_expired();
  // Deletes officers' session copies of their key whose session is gone (signed out, expired,
  // swept), agency by agency; the number deleted.
  std::int64_t sweep_session_keys();

  // Cases received in the period (anyone may see these: no content, no person).
  Statistics statistics(std::int64_t agency_id, const calendar::Period& period);

  accounts::Service& accounts() { return accounts_; }

 private:
  struct Keyring;
  // Queues the citizen's message about the case's move to `to`, when they asked for one, in the
  // move's transaction: a status and a link, never the code; a sealed case's says only that it moved.
  void tell_citizen(store::WriteTx& tx, std::int64_t agency_id, std::int64_t case_id, Channel channel, bool sealed,
                    const Content& c, Status to, std::int64_t created_at);
  // A citizen who came from the chat gets their code back there (the one place a code is
  // written: the outbox row, until LINE took it, then erased).
  void tell_receipt(store::WriteTx& tx, std::int64_t agency_id, std::int64_t case_id, Channel channel, const Content& c,
                    const std::string& code);
  const web::Notify* notify_ = nullptr;
  std::vector<KeyHolder> holders_of(std::int64_t agency_id, const std::vector<accounts::User>& users);
  std::optional<store::Row> my_key(const http::Principal& by);  // the signed-in officer's officer_keys row
  // Settings of the agency (the defaults when it changed none).
  std::pair<int, std::int64_t> settings(std::int64_t agency_id);  // retention days, attachment MB a day
  // The ceiling was met: said once a day, in the audit, as an anonymous sender's day-only write.
  void note_ceiling_reached(std::int64_t agency_id);
  Result<std::string> case_key(store::ReadTx& tx, const http::Principal& by, std::int64_t case_id,
                               std::string_view session_token);
  Result<void> may_read(const http::Principal& by, Channel channel);
  // may_read, and for a request: the admin, or staff of the unit that holds it (`units`: the
  // caller's, read before the transaction).
  Result<void> may_work(const http::Principal& by, Channel channel, std::optional<std::int64_t> unit_id,
                        const std::vector<std::int64_t>& units);
  Result<void> may_work(const http::Principal& by, const store::Row& case_row, const std::vector<std::int64_t>& units);

  store::Store& store_;
  accounts::Service& accounts_;
};

}  // namespace prongsai::cases
