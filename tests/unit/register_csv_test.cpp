// The register's CSV export: each case's analysis (issue 13) under the same columns whatever the
// procedure calls its fields, read from the seed procedures' own files.
#include <gtest/gtest.h>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "web/register_csv.hpp"

namespace {

using namespace meldpunt;

std::shared_ptr<const loading::LoadedProcedure> seed(const std::string& name) {
    auto result = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + name + ".toml");
    EXPECT_TRUE(result.loaded) << name;
    return std::shared_ptr<const loading::LoadedProcedure>(std::move(result.loaded));
}

service::CaseRecord recorded(std::shared_ptr<const loading::LoadedProcedure> procedure,
                             const std::string& reference, std::map<std::string, std::string> facts) {
    service::CaseRecord record;
    record.procedure = std::move(procedure);
    record.stored.state.reference = reference;
    record.stored.state.kind = "complaint";
    record.stored.state.received_on = calendar::make_day(2027, 3, 1);
    record.stored.state.facts = std::move(facts);
    return record;
}

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> lines;
    for (size_t at = 3; at < csv.size();) {  // after the byte order mark
        const size_t end = csv.find("\r\n", at);
        lines.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

TEST(RegisterCsv, EachCaseHasItsAnalysisUnderTheSameColumnsWhateverItsProcedureCallsThem) {
    const messages::Catalogue nl(messages::Language::nl);
    web::RegisterCsv csv(nl, {});
    // Focus calls the cause "cause" and records satisfaction; Een Loket MK calls the outcome
    // "result" and records an evaluation (004 §Artikel 5); facts that mean nothing for the analysis
    // stay out.
    csv.add({recorded(seed("focus"), "2027-000001",
                      {{"cause", "Planning niet bijgewerkt"},
                       {"nature", "structureel"},
                       {"verdict", "gegrond"},
                       {"outcome", "Nieuwe afspraak"},
                       {"compensation", "extra dienst"},
                       {"satisfaction", "tevreden"},
                       {"erp_reference", "ES-1"}}),
             recorded(seed("een-loket-mk"), "2027-000002",
                      {{"cause", "Onduidelijke brief"},
                       {"nature", "incident"},
                       {"result", "Uitleg gegeven"},
                       {"evaluation", "Briefsjabloon aangepast"}})});
    const auto lines = lines_of(csv.text());
    ASSERT_EQ(lines.size(), 3u);
    const std::string analysis_headers =
        ";\"Oorzaak\";\"Incident of "
        "structureel\";\"Oordeel\";\"Uitkomst\";\"Genoegdoening\";\"Tevredenheid\";"
        "\"Evaluatie\"";
    EXPECT_EQ(lines[0].substr(lines[0].size() - analysis_headers.size()), analysis_headers) << lines[0];
    const std::string focus =
        ";\"Planning niet bijgewerkt\";\"structureel\";\"gegrond\";\"Nieuwe afspraak\";\"extra dienst\";"
        "\"tevreden\";\"\"";
    EXPECT_EQ(lines[1].substr(lines[1].size() - focus.size()), focus) << lines[1];
    EXPECT_EQ(lines[1].find("ES-1"), std::string::npos);
    const std::string loket =
        ";\"Onduidelijke brief\";\"incident\";\"\";\"Uitleg gegeven\";\"\";\"\";\"Briefsjabloon aangepast\"";
    EXPECT_EQ(lines[2].substr(lines[2].size() - loket.size()), loket) << lines[2];
}

}  // namespace
