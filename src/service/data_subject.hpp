#pragma once
// Requests of data subjects (issue 15; GDPR art. 12, 15, 17, 18): a complainant, a representative or
// an employee complained about asks what the register keeps about them, or asks it erased or its
// processing restricted. The coordinator (whoever sees every case, as for retention) registers the
// request, finds every case, message, letter, document and e-mail about the person, exports them as
// one ZIP (a readable PDF summary, the data as JSON, the files themselves) and records the decision:
// an erasure granted anonymises the chosen cases as the retention purge does (closed cases without a
// legal hold only), a restriction granted stops every step on the chosen cases until it is lifted.
// Every step is audited by the request's number, never by the person's name. The answer is due one
// month after the request arrived, extendable once by two months (art. 12(3)); a period that ends
// on a weekend or holiday ends on the next working day (Regulation 1182/71 art. 3(4)).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/due_date.hpp"
#include "messages/catalogue.hpp"
#include "service/errors.hpp"
#include "service/principal.hpp"
#include "service/procedure_registry.hpp"
#include "storage/incoming_mail.hpp"
#include "storage/store.hpp"
#include "storage/subject_requests.hpp"

namespace meldpunt::service {

// The longest a name, a decision or an extension's reason may be.
inline constexpr size_t kMaxSubjectName = 200;
inline constexpr size_t kMaxSubjectText = 4000;
// The most cases one request finds (a person with more is told to the coordinator: `more`).
inline constexpr int kMaxSubjectCases = 500;
// An export larger than this is refused rather than built in memory.
inline constexpr int64_t kMaxSubjectExportBytes = int64_t{512} << 20;

// The rights a request can invoke.
inline constexpr const char* kSubjectRights[] = {"access", "erasure", "restriction"};

struct SubjectRequestInput {
    std::string name, email;
    std::string right;     // access | erasure | restriction
    std::string received;  // the day it arrived, YYYY-MM-DD; empty: today
};

// A request with its deadline on a day.
struct SubjectRequestView {
    storage::SubjectRequest request;
    calendar::DueDate due;  // one month from receipt, plus two when extended
    bool overdue = false;   // open after its due day
    int days_left = 0;      // calendar days from today to the due day (negative: overdue)
};

// How a case found for a person involves them.
struct SubjectCase {
    std::string reference, kind, stage, subject;
    calendar::Day received_on{};
    std::optional<calendar::Day> closed_on;
    // complainant | representative | about (an account the case is about) | mentioned (the name is
    // in what the complainant wrote about whom, the subject or the description)
    std::vector<std::string> roles;
    int64_t documents = 0, messages = 0, letters = 0;
    bool held = false;        // a legal hold stops its erasure
    bool restricted = false;  // a restriction stops its processing
};

struct SubjectFindings {
    std::vector<SubjectCase> cases;
    std::vector<storage::IncomingMailRecord> mail;  // e-mail from the address that became no case
    bool more = false;                              // more than kMaxSubjectCases cases matched
};

struct SubjectExport {
    std::string file_name;  // "inzageverzoek-3.zip"
    std::string bytes;
};

// What a decision did, for the coordinator's notice.
struct SubjectDecision {
    std::string outcome;              // granted | refused
    std::vector<std::string> erased;  // cases anonymised
    std::vector<std::string> restricted;
    std::vector<std::string> skipped;  // chosen but not erased: open, held, or not found for the person
    int64_t mail_destroyed = 0;
};

// A request read for someone who may handle it, with the procedure in force (its calendar).
struct RequestInForce {
    std::shared_ptr<const loading::LoadedProcedure> procedure;
    storage::SubjectRequest request;
};

class DataSubjectDesk {
  public:
    DataSubjectDesk(storage::Store& store, ProcedureRegistry& procedures)
        : store_(store), procedures_(procedures) {}

    Result<SubjectRequestView> register_request(const Principal& who, const std::string& org,
                                                const SubjectRequestInput& input,
                                                std::chrono::sys_seconds now);
    // The organisation's requests, open ones first.
    Result<std::vector<SubjectRequestView>> requests(const Principal& who, const std::string& org,
                                                     std::chrono::sys_seconds now);
    Result<SubjectRequestView> request(const Principal& who, const std::string& org, int64_t id,
                                       std::chrono::sys_seconds now);
    // Every case and e-mail about the request's person.
    Result<SubjectFindings> find(const Principal& who, const std::string& org, int64_t id);
    // The ZIP to hand over (in `language`); audited.
    Result<SubjectExport> export_archive(const Principal& who, const std::string& org, int64_t id,
                                         const messages::Catalogue& language, std::chrono::sys_seconds now);
    // Extends the deadline by two months, once, with the reason (art. 12(3)); audited.
    Result<SubjectRequestView> extend(const Principal& who, const std::string& org, int64_t id,
                                      const std::string& reason, std::chrono::sys_seconds now);
    // Records the decision (`granted` or `refused`, with its text). Granted, an erasure anonymises
    // and a restriction restricts the chosen cases among those found (`references`); an erasure also
    // destroys the e-mail from the address that became no case. Audited.
    Result<SubjectDecision> decide(const Principal& who, const std::string& org, int64_t id,
                                   const std::string& outcome, const std::string& decision,
                                   const std::vector<std::string>& references, std::chrono::sys_seconds now);
    // Lifts the restriction request `id` placed on a case (art. 18(3): the person is told first);
    // not_found when that request did not restrict it. Audited.
    Result<Done> lift_restriction(const Principal& who, const std::string& org, int64_t id,
                                  const std::string& reference, std::chrono::sys_seconds now);

  private:
    // What a granted erasure or restriction does to the chosen cases among those found.
    void carry_out(storage::Tx& tx, const RequestInForce& loaded, const std::vector<std::string>& references,
                   const Principal& who, std::chrono::sys_seconds now, SubjectDecision& done);

    storage::Store& store_;
    ProcedureRegistry& procedures_;
};

// The request's deadline on `today` (pure: the calendar is the organisation's).
SubjectRequestView subject_request_view(const storage::SubjectRequest& request,
                                        const calendar::WorkingCalendar& calendar, calendar::Day today);

// Whether a stored case involves the person named `name` (may be empty) with address `email` (may
// be empty), and how; `about_names` are the names of the accounts the case is about. Empty: no.
std::vector<std::string> subject_roles(const storage::StoredCase& stored, const std::string& name,
                                       const std::string& email, const std::vector<std::string>& about_names);

}  // namespace meldpunt::service
