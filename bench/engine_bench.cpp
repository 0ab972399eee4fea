// Benchmarks of the domain core: deadline arithmetic and applying actions. Run with `make bench`;
// figures are recorded in docs/performance.md. Not part of `make test` (timings are not assertions).
#include <benchmark/benchmark.h>

#include <string>

#include "domain/calendar/due_date.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/report/case_figures.hpp"
#include "domain/report/tally.hpp"
#include "loading/procedure_loader.hpp"

namespace {

using namespace meldpunt;

const loading::LoadedProcedure& focus() {
    static auto loaded =
        loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml").loaded;
    return *loaded;
}

void BM_DueDate_10WorkingDays(benchmark::State& state) {
    const auto& cal = focus().calendar;
    const auto period = *calendar::parse_period("10 werkdagen");
    calendar::Day start = calendar::make_day(2027, 1, 1);
    for (auto _ : state) {
        auto due = calendar::compute_due(cal, start, period);
        benchmark::DoNotOptimize(due);
        start += std::chrono::days{1};
    }
}
BENCHMARK(BM_DueDate_10WorkingDays);

void BM_DueDate_4WeeksWithPause(benchmark::State& state) {
    const auto& cal = focus().calendar;
    const auto period = *calendar::parse_period("4 weken");
    const calendar::Day start = calendar::make_day(2027, 1, 14);
    const std::vector<calendar::Pause> pauses{
        {calendar::make_day(2027, 2, 1), calendar::make_day(2027, 2, 15)}};
    for (auto _ : state)
        benchmark::DoNotOptimize(calendar::compute_due(cal, start, period, pauses));
}
BENCHMARK(BM_DueDate_4WeeksWithPause);

void BM_LoadAndValidateProcedure(benchmark::State& state) {
    for (auto _ : state) {
        auto result = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml");
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_LoadAndValidateProcedure);

// A Focus complaint by phone and the six steps that close it.
struct FocusLifecycle {
    cases::IntakeRequest intake;
    std::vector<cases::ActionRequest> steps;
};

FocusLifecycle focus_lifecycle(const loading::LoadedProcedure& loaded) {
    auto at = [&](const char* text) { return *calendar::parse_instant(text, loaded.calendar); };
    FocusLifecycle out;
    out.intake.kind = "complaint";
    out.intake.channel = "phone";
    out.intake.received_at = at("2027-01-14T10:00:00+01:00");
    out.intake.about = {"piet@focus.nl"};
    const cases::Actor manager{"anna@focus.nl", {"manager"}};
    const cases::Actor handler{"karin@focus.nl", {"employee"}};
    const cases::Actor quality{"els@focus.nl", {"quality_manager"}};
    out.steps = {
        {"assign", at("2027-01-14T13:00:00+01:00"), manager, {{"handler", "karin@focus.nl"}}},
        {"contact", at("2027-01-15T09:00:00+01:00"), handler, {{"contact_method", "telefonisch"}}},
        {"offer",
         at("2027-01-22T10:00:00+01:00"),
         handler,
         {{"verdict", "gegrond"}, {"compensation", "geen"}, {"offer", "Excuses"}}},
        {"accept", at("2027-01-22T10:05:00+01:00"), handler, {{"satisfaction", "tevreden"}}},
        {"record",
         at("2027-01-26T10:00:00+01:00"),
         handler,
         {{"summary", "-"}, {"cause", "communicatie"}, {"nature", "incident"}}},
        {"close", at("2027-01-27T10:00:00+01:00"), quality, {{"erp_reference", "ES-1"}}},
    };
    return out;
}

// A whole Focus case from intake to closure: intake plus six actions.
void BM_CaseLifecycle(benchmark::State& state) {
    const auto& loaded = focus();
    const cases::Engine engine(loaded.procedure, loaded.calendar);
    const auto lifecycle = focus_lifecycle(loaded);
    for (auto _ : state) {
        auto c = engine.intake(lifecycle.intake).value();
        for (const auto& step : lifecycle.steps) {
            auto outcome = engine.apply(c, step);
            if (!outcome.ok())
                state.SkipWithError("step refused");
        }
        benchmark::DoNotOptimize(c);
    }
}
BENCHMARK(BM_CaseLifecycle);

// What every write of a case adds for the reports (issue 13): its figures worked out and written as
// the line of tallies the register keeps (service::figures_line does this), for the closed case above.
void BM_CaseFiguresLine(benchmark::State& state) {
    const auto& loaded = focus();
    const cases::Engine engine(loaded.procedure, loaded.calendar);
    const auto lifecycle = focus_lifecycle(loaded);
    auto c = engine.intake(lifecycle.intake).value();
    for (const auto& step : lifecycle.steps)
        if (!engine.apply(c, step).ok())
            state.SkipWithError("step refused");
    const auto today = calendar::make_day(2027, 2, 1);
    for (auto _ : state) {
        auto line = report::tally_line(
            report::tally_keys(report::figures_of(loaded.procedure, c, loaded.calendar, today)));
        benchmark::DoNotOptimize(line);
    }
}
BENCHMARK(BM_CaseFiguresLine);

}  // namespace

BENCHMARK_MAIN();
