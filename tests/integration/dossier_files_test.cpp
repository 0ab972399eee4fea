// Who may add files to a dossier (issue 15): anyone who could see a case added files, and the
// complainant went on after closing, without end. Now staff add files while they take part in the
// case, the complainant within a quota while it is open, nobody once it is closed; mail that
// arrives is kept as it arrived. On both backends.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/dossier_files.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using service::ErrorKind;

class DossierFilesTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        const std::string anna = server_->create_user("focus", "anna@focus.nl", "manager");
        const std::string piet = server_->create_user("focus", "piet@focus.nl", "employee");
        const std::string els = server_->create_user("focus", "els@focus.nl", "quality_manager");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        service::Directory directory(server_->store());
        anna_ = *directory.authenticate(anna, server_->now());
        piet_ = *directory.authenticate(piet, server_->now());
        els_ = *directory.authenticate(els, server_->now());
        reference_ =
            meldpunt::testing::take_in_focus_phone_complaint(*server_, anna, "2027-01-18T10:00:00+01:00");
        act(anna_, "assign", {{"handler", "piet@focus.nl"}});
    }

    void act(const service::Principal& who, const std::string& action,
             std::map<std::string, std::string> fields) {
        const auto r = cases_->act(who, "focus", reference_, {action, std::nullopt, std::move(fields)},
                                   std::nullopt, server_->now());
        ASSERT_TRUE(r.ok()) << action << ": " << r.error().code;
    }

    std::optional<ErrorKind> add_file(const service::Principal& who, size_t bytes = 10) {
        const auto r =
            cases_->upload(who, "focus", reference_,
                           {"bijlage.txt", "text/plain", "shared", std::string(bytes, 'x')}, server_->now());
        if (r.ok())
            return std::nullopt;
        return r.error().kind;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    service::ProcedureRegistry procedures_;
    const messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
    service::Principal anna_, piet_, els_;
    std::string reference_;
};

TEST_P(DossierFilesTest, StaffAddFilesWhileTheyTakePartInTheCase) {
    EXPECT_EQ(add_file(piet_), std::nullopt);  // its handler
    EXPECT_EQ(add_file(anna_), std::nullopt);  // the manager, who may take steps in its stage
    // The quality manager sees every case but has no step to take while it is being handled.
    EXPECT_EQ(add_file(els_), ErrorKind::forbidden);
    service::MessageInput note;
    note.body = "Met bijlage";
    note.visibility = "internal";
    note.attachments.push_back({"notitie.txt", "text/plain", "internal", "x"});
    EXPECT_EQ(cases_->send_message(els_, "focus", reference_, note, server_->now()).error().kind,
              ErrorKind::forbidden);
    note.attachments.clear();  // a note without files is anyone's who sees the case
    EXPECT_TRUE(cases_->send_message(els_, "focus", reference_, note, server_->now()).ok());
}

TEST_P(DossierFilesTest, TheComplainantAddsFilesWithinAQuotaWhileTheCaseIsOpen) {
    const auto complainant = service::complainant_principal("focus", reference_);
    for (size_t i = 0; i < service::kMaxComplainantFiles; ++i)
        ASSERT_EQ(add_file(complainant), std::nullopt) << i;
    EXPECT_EQ(add_file(complainant), ErrorKind::payload_too_large);
    // Staff's files are not the complainant's quota.
    EXPECT_EQ(add_file(piet_), std::nullopt);
}

// Across cases, what complainants send from one address is counted: the public form files ten
// cases an hour per address, each with a quota of its own. The bytes taken earlier today are
// recorded as the service records them (not 200 MB written for the test).
TEST_P(DossierFilesTest, ComplainantsFromOneAddressUploadWithinADailyQuota) {
    auto complainant = service::complainant_principal("focus", reference_);
    complainant.client = "203.0.113.7";
    const int64_t at = calendar::unix_seconds(server_->now());
    server_->store().transact([&](storage::Tx& tx) {
        tx.throttling.record_public_upload("203.0.113.7", service::kMaxPublicUploadBytes - 100, at - 3600);
    });
    EXPECT_EQ(add_file(complainant, 100), std::nullopt);  // just fits
    const auto refused = cases_->upload(complainant, "focus", reference_,
                                        {"meer.txt", "text/plain", "shared", "x"}, server_->now());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::too_many_requests);
    EXPECT_EQ(refused.error().code, "upload_quota");
    service::MessageInput message;
    message.body = "Met foto";
    message.attachments.push_back({"foto.txt", "text/plain", "shared", "x"});
    EXPECT_EQ(cases_->send_message(complainant, "focus", reference_, message, server_->now()).error().code,
              "upload_quota");
    // The form asks before it files a case.
    EXPECT_TRUE(cases_->refuse_public_upload("203.0.113.7", 1, server_->now()));
    EXPECT_FALSE(cases_->refuse_public_upload("203.0.113.8", 1, server_->now()));
    // Another address, and staff, are not held to it; a day after, the address may send again.
    complainant.client = "203.0.113.8";
    EXPECT_EQ(add_file(complainant), std::nullopt);
    EXPECT_EQ(add_file(piet_), std::nullopt);
    complainant.client = "203.0.113.7";
    server_->set_now("2027-01-19T09:30:00+01:00");
    EXPECT_EQ(add_file(complainant), std::nullopt);
}

TEST_P(DossierFilesTest, NobodyAddsFilesToAClosedCase) {
    act(piet_, "offer", {{"verdict", "gegrond"}, {"compensation", "geen"}, {"offer", "Excuses"}});
    act(piet_, "accept", {{"satisfaction", "tevreden"}});
    act(piet_, "record", {{"summary", "Gesprek"}, {"cause", "bejegening"}, {"nature", "incident"}});
    act(els_, "close", {{"erp_reference", "ES-1"}});
    const auto complainant = service::complainant_principal("focus", reference_);
    EXPECT_EQ(add_file(complainant), ErrorKind::conflict);
    EXPECT_EQ(add_file(els_), ErrorKind::conflict);
    service::MessageInput message;
    message.body = "Nog een foto";
    message.attachments.push_back({"foto.txt", "text/plain", "shared", "x"});
    const auto refused = cases_->send_message(complainant, "focus", reference_, message, server_->now());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "case_closed");
    message.attachments.clear();  // a message alone still reaches the organisation
    EXPECT_TRUE(cases_->send_message(complainant, "focus", reference_, message, server_->now()).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, DossierFilesTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
