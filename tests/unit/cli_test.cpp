// The command line, run as a user runs it: exit codes, output formats, messages.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct CommandResult {
    int exit_code;
    std::string out;  // stdout and stderr together
};

CommandResult run(const std::string& arguments) {
    const std::string command = std::string(MELDPUNT_BINARY) + " " + arguments + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return {-1, ""};
    std::string out;
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string policy(const char* name) {
    return std::string(MELDPUNT_POLICY_DIR) + "/" + name + ".toml";
}

std::string write_temp(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
}

TEST(Cli, CheckAcceptsTheFiveSeedProcedures) {
    const CommandResult r =
        run("procedure check " + policy("mensen-met-een-missie") + " " + policy("gelukwerkt") + " " +
            policy("mos") + " " + policy("focus") + " " + policy("een-loket-mk"));
    EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(Cli, CheckReportsFileAndLineAndFails) {
    const std::string bad =
        write_temp("bad.toml",
                   "[procedure]\nid = \"x\"\nname = \"X\"\norganisation = \"X\"\n\n[[kind]]\nid = "
                   "\"complaint\"\nname = \"K\"\ninitial_stage = \"nowhere\"\n");
    const CommandResult r = run("procedure check --lang en " + policy("focus") + " " + bad);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find(bad + ":6: unknown stage 'nowhere'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(policy("focus") + ": valid"), std::string::npos) << r.out;
}

TEST(Cli, CheckMessagesAreDutchByDefault) {
    const std::string bad = write_temp("bad2.toml", "[procedure\n");
    const CommandResult r = run("procedure check " + bad);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find(bad + ":1: geen geldige TOML"), std::string::npos) << r.out;
}

TEST(Cli, CheckOfAMissingFileIsAnErrorNotACrash) {
    const CommandResult r = run("procedure check /nonexistent/procedure.toml");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("kan niet worden gelezen"), std::string::npos) << r.out;
}

TEST(Cli, DeadlinesAsJson_FocusOnMaundyThursday2027) {
    const CommandResult r =
        run("procedure deadlines " + policy("focus") + " --received 2027-03-25T16:00:00+01:00");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto json = nlohmann::json::parse(r.out);
    ASSERT_EQ(json.size(), 4u);
    EXPECT_EQ(json[0]["name"], "report");
    EXPECT_EQ(json[1]["name"], "contact");
    EXPECT_EQ(json[1]["due"], "2027-03-31");
    EXPECT_EQ(json[2]["name"], "offer");
    EXPECT_EQ(json[2]["due"], "2027-04-08");
    EXPECT_EQ(json[3]["name"], "record");
    EXPECT_EQ(json[3]["due"], "2027-04-15");
    EXPECT_NE(json[1]["description"].get<std::string>().find("2 werkdagen"), std::string::npos);
    EXPECT_EQ(json[1]["explanation"]["skipped"][0]["name"], "Goede Vrijdag");
    EXPECT_EQ(
        json[1]["explanation"]["text"],
        "Gestart op donderdag 25 maart 2027; die dag telt niet mee. Niet meegeteld: vrijdag 26 maart 2027 "
        "(Goede Vrijdag); zaterdag 27 maart 2027 (weekend); zondag 28 maart 2027 (weekend); maandag 29 maart "
        "2027 (Tweede Paasdag). Uiterste datum: woensdag 31 maart 2027.");
    EXPECT_EQ(
        json[0]["explanation"]["text"],
        "Gestart op donderdag 25 maart 2027; de termijn eindigt op die dag zelf. Uiterste datum: donderdag "
        "25 maart 2027.");
}

TEST(Cli, DeadlinesForAQuestion_MensenMetEenMissie) {
    const CommandResult r = run("procedure deadlines " + policy("mensen-met-een-missie") +
                                " --received 2027-01-07T23:30Z --kind question");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto json = nlohmann::json::parse(r.out);
    ASSERT_EQ(json.size(), 2u);
    EXPECT_EQ(json[0]["name"], "acknowledgement");
    EXPECT_EQ(json[0]["due"], "2027-01-15");  // received Friday 8 January in Amsterdam
    EXPECT_EQ(json[1]["name"], "resolution");
    EXPECT_EQ(json[1]["due"], "2027-01-22");
}

TEST(Cli, DeadlinesOfAKindWithoutDeadlinesIsAnEmptyArray) {
    const CommandResult r =
        run("procedure deadlines " + policy("mos") + " --received 2027-01-07 --kind dissatisfaction");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::array());
}

TEST(Cli, DeadlinesRejectsABadDateAndAnUnknownKind) {
    CommandResult r = run("procedure deadlines " + policy("focus") + " --received 07-01-2027");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("geen tijdstip"), std::string::npos) << r.out;
    r = run("procedure deadlines " + policy("focus") + " --received 2027-01-07 --kind lawsuit");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("lawsuit"), std::string::npos) << r.out;
}

TEST(Cli, ShowAsText_ReadsAsTheRegulation) {
    const CommandResult r = run("procedure show " + policy("focus"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    for (const char* phrase :
         {"Klachtenreglement Focus", "Contact met de klager: binnen 2 werkdagen na ontvangst.",
          "De afhandelaar van de klacht is nooit degene die de dienst heeft verleend", "[003 §Werkwijze 1]",
          "Aanname 1"}) {
        EXPECT_NE(r.out.find(phrase), std::string::npos) << phrase;
    }
}

TEST(Cli, ShowInEnglish) {
    const CommandResult r = run("procedure show --lang en " + policy("een-loket-mk"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Deadlines"), std::string::npos);
    EXPECT_NE(r.out.find("by the next working day after receipt"), std::string::npos) << r.out;
}

TEST(Cli, ShowAsDotAndSvg) {
    CommandResult r = run("procedure show --format dot " + policy("mos"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.out.rfind("digraph procedure {", 0), 0u);
    EXPECT_NE(r.out.find("\"klachtencommissie\" -> \"advies_uitgebracht\""), std::string::npos) << r.out;
    r = run("procedure show --format svg " + policy("mos"));
    ASSERT_EQ(r.exit_code, 0) << r.out.substr(0, 300);
    EXPECT_NE(r.out.find("<svg"), std::string::npos);
    EXPECT_NE(r.out.find("Klachtencommissie"), std::string::npos);
}

TEST(Cli, ShowRejectsAnUnknownFormat) {
    const CommandResult r = run("procedure show --format pdf " + policy("mos"));
    EXPECT_NE(r.exit_code, 0);
}

// `serve` with these options stops with exit code 1 and a message containing `says`, before it
// opens (and so creates) the database.
void expect_serve_refused(const std::string& options, const std::string& says) {
    const std::string db = write_temp("refused-serve.db", "");
    std::filesystem::remove(db);
    const CommandResult r = run("serve --db " + db + " " + options);
    EXPECT_EQ(r.exit_code, 1) << options;
    EXPECT_NE(r.out.find(says), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(db)) << options;
}

// A public address that cannot be a link in a letter stops the server before it opens anything.
TEST(Cli, ServeRefusesAPublicUrlThatIsNoWebAddress) {
    expect_serve_refused("--listen 127.0.0.1:0 --public-url javascript:alert",
                         "--public-url: 'javascript:alert'");
}

// Served beyond this machine, the public address must be given: a letter must never link to
// 0.0.0.0.
TEST(Cli, ServeBeyondLoopbackNeedsThePublicUrl) {
    expect_serve_refused("--listen 0.0.0.0:0", "--public-url is needed");
}

}  // namespace

namespace {

// `sweep` runs one pass as of the moment given and says what it did; a moment that is none is
// refused with an example, before the database is opened.
TEST(Cli, SweepRunsOnePassAsOfTheMomentGiven) {
    const std::string db = write_temp("sweep.db", "");
    std::filesystem::remove(db);
    ASSERT_EQ(run("org create --db " + db + " --id focus --procedure " + policy("focus")).exit_code, 0);
    const CommandResult r = run("sweep --db " + db + " --at 2027-03-01T09:00:00+01:00");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("sweep as of 2027-03-01T08:00:00Z: 0 cases reviewed"), std::string::npos) << r.out;
    const CommandResult bad = run("sweep --db " + db + " --at 1-3-2027");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.out.find("--at: '1-3-2027' is not a moment"), std::string::npos) << bad.out;
}

}  // namespace

namespace {

// Mail settings that cannot work stop the server before it opens anything.
TEST(Cli, ServeRefusesMailSettingsThatCannotWork) {
    expect_serve_refused("--listen 127.0.0.1:0 --smtp mail.example.nl:25 --mail-from klachten@example.nl",
                         "--smtp: 'mail.example.nl:25' is not an SMTP address");
    expect_serve_refused("--listen 127.0.0.1:0 --smtp smtp://127.0.0.1:25 --mail-from klachten",
                         "--mail-from: 'klachten' is not an e-mail address");
    expect_serve_refused("--listen 127.0.0.1:0 --mail-from klachten@example.nl", "--mail-from needs --smtp");
    expect_serve_refused(
        "--listen 127.0.0.1:0 --smtp smtp://127.0.0.1:25 --mail-from klachten@example.nl --delivery-lease 1",
        "--delivery-lease: 1 is not between 5 and 86400 seconds");
}

// The relay's certificate authorities must be readable, and a password in a refused address is not
// repeated on the screen (nor from MELDPUNT_SMTP, which keeps it off the process list).
TEST(Cli, ServeRefusesARelaySettingWithoutShowingItsPassword) {
    expect_serve_refused(
        "--listen 127.0.0.1:0 --smtp smtp://127.0.0.1:25 --smtp-ca /geen/bestand.pem "
        "--mail-from klachten@example.nl",
        "--smtp-ca: '/geen/bestand.pem' cannot be read");
    expect_serve_refused(
        "--listen 127.0.0.1:0 --smtp smtp://127.0.0.1:25 --smtp-ca / --mail-from k@example.nl",
        "--smtp-ca: '/' cannot be read");
    const CommandResult r =
        run("serve --db " + write_temp("relay.db", "") +
            " --listen 127.0.0.1:0 --smtp smtpx://anna:geheim@mail:25 --mail-from k@example.nl");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("'smtpx://anna:***@mail:25' is not an SMTP address"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("geheim"), std::string::npos) << r.out;
    setenv("MELDPUNT_SMTP", "smtpx://anna:geheim@mail:25", 1);
    const CommandResult from_env =
        run("serve --db " + write_temp("relay.db", "") + " --listen 127.0.0.1:0 --mail-from k@example.nl");
    unsetenv("MELDPUNT_SMTP");
    EXPECT_EQ(from_env.exit_code, 1);
    EXPECT_NE(from_env.out.find("'smtpx://anna:***@mail:25' is not an SMTP address"), std::string::npos)
        << from_env.out;
}

TEST(Cli, DeliverNeedsTheRelay) {
    const CommandResult r = run("deliver --db " + write_temp("deliver.db", "") + " --mail-from k@example.nl");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("--mail-from needs --smtp"), std::string::npos) << r.out;
}

}  // namespace
