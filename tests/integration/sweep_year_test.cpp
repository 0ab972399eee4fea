// A year of daily sweeps for a complaint under each seed procedure, received on the Friday before
// King's Day 2027, through Ascension Day and Whit Monday: every reminder, notice and escalation the
// procedure owes is carried out once, on the working day it became due (never a weekend or a
// holiday, never a day late, never early), and nothing it owes is skipped. On both backends.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <date/tz.h>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "service/sweep.hpp"
#include "storage/row_values.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

struct Seed {
    const char* org;
    const char* procedure;
};
const Seed kSeeds[] = {{"mmem", "mensen-met-een-missie"},
                       {"gelukwerkt", "gelukwerkt"},
                       {"mos", "mos"},
                       {"focus", "focus"},
                       {"eenloket", "een-loket-mk"}};

class SweepYearTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
    }

    // An account for every role of the procedure, so that every notice reaches someone; answers
    // the token of the one that registers the complaint.
    std::string staff(const Seed& seed, const procedure::Procedure& p) {
        std::string token;
        for (const auto& role : p.roles) {
            if (role.id == "complainant" || role.id == "handler")
                continue;
            const std::string t = server_->create_user(seed.org, role.id + "@" + seed.org + ".nl", role.id);
            if (token.empty())
                token = t;
        }
        return token;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::Sweeper> sweeper_;
};

TEST_P(SweepYearTest, EveryEffectOnceOnTheWorkingDayItBecameDue) {
    std::map<std::string, std::string> references;  // org → its complaint
    for (const auto& seed : kSeeds) {
        server_->create_org(seed.org, seed.procedure);
        auto loaded =
            loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + seed.procedure + ".toml")
                .loaded;
        ASSERT_TRUE(loaded) << seed.procedure;
        const std::string token = staff(seed, loaded->procedure);
        server_->set_now("2027-04-23T10:00:00+02:00");
        const json body = {{"kind", "complaint"},
                           {"channel", "letter"},
                           {"received_at", "2027-04-23T09:00:00+02:00"},
                           {"subject", "Afspraak niet nagekomen"},
                           {"description", "Er is niets gebeurd met wat was afgesproken."},
                           {"complainant", {{"name", "Karin Bos"}, {"email", "karin.bos@example.nl"}}}};
        auto r = meldpunt::testing::http_request(
            server_->port(), "POST", std::string("/api/v1/orgs/") + seed.org + "/cases",
            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body.dump());
        ASSERT_EQ(r.status, 201) << seed.org << ": " << r.body;
        references[seed.org] = json::parse(r.body).value("reference", "");
    }
    // Every morning for a year, at seven in Amsterdam.
    const calendar::WorkingCalendar amsterdam({}, date::locate_zone("Europe/Amsterdam"));
    const calendar::Day first = calendar::make_day(2027, 4, 23), last = calendar::make_day(2028, 4, 22);
    for (calendar::Day day = first; day <= last; day += std::chrono::days{1})
        sweeper_->sweep(amsterdam.start_of(day) + std::chrono::hours{7});

    for (const auto& seed : kSeeds) {
        SCOPED_TRACE(seed.org);
        const std::string& reference = references[seed.org];
        std::vector<storage::EffectRecord> done;
        std::optional<storage::StoredCase> stored;
        std::shared_ptr<const loading::LoadedProcedure> loaded;
        int64_t messages = 0, distinct = 0;
        server_->store().read([&](storage::Tx& tx) {
            done = tx.effects.of_case(seed.org, reference);
            stored = tx.cases.get(seed.org, reference);
            if (stored)
                loaded = procedures_.get(tx, seed.org, stored->state.procedure_version);
            messages = storage::single_number(tx.connection().query(
                "SELECT COUNT(*) FROM outbox WHERE org = $1 AND reference = $2", {seed.org, reference}));
            distinct = storage::single_number(
                tx.connection().query("SELECT COUNT(DISTINCT message_id) FROM outbox WHERE org = $1 AND "
                                      "reference = $2",
                                      {seed.org, reference}));
        });
        ASSERT_TRUE(stored && loaded);
        const cases::Engine engine(loaded->procedure, loaded->calendar);
        // Nothing the procedure owes by the last day is missing, and nothing else was done.
        std::set<std::string> owed, recorded;
        for (const auto& effect : engine.review(stored->state, last))
            owed.insert(effect.key);
        for (const auto& effect : done)
            recorded.insert(effect.key);
        EXPECT_EQ(recorded, owed);
        EXPECT_FALSE(owed.empty());
        for (const auto& effect : done) {
            EXPECT_TRUE(loaded->calendar.is_working_day(effect.on))
                << effect.key << " on " << calendar::format_day(effect.on);
            const auto swept_on = loaded->calendar.local_day(
                std::chrono::sys_seconds{std::chrono::seconds{effect.recorded_at}});
            EXPECT_EQ(swept_on, effect.on) << effect.key;
        }
        EXPECT_EQ(messages, distinct);
        EXPECT_GE(messages, static_cast<int64_t>(done.size()));
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, SweepYearTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
