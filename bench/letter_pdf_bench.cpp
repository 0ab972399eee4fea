// How long a letter takes to become a PDF (pdf::render_letter: Pango layout, Cairo PDF): a one-page
// acknowledgement and a three-page letter. Target: under 20 ms a letter. Figures in
// docs/performance.md.
#include <benchmark/benchmark.h>

#include <string>

#include "pdf/letter_pdf.hpp"

namespace {

meldpunt::pdf::LetterDocument letter(int paragraphs) {
    meldpunt::pdf::LetterDocument d;
    d.title = "Ontvangstbevestiging 2027-000001";
    d.organisation = "Een Loket MK";
    d.sender_lines = {"Marktstraat 1", "1234 AB Ergens", "klachten@eenloket.nl"};
    d.recipient_lines = {"Mevrouw K. Bos", "Dorpsstraat 1", "1234 AB Ergens"};
    d.place_and_date = "Ergens, dinsdag 2 maart 2027";
    d.references = {{"Kenmerk", "2027-000001"}, {"Onderwerp", "Ontvangstbevestiging"}};
    d.body = "Geachte mevrouw Bos,\n\n";
    for (int i = 0; i < paragraphs; ++i)
        d.body +=
            "Wij hebben uw klacht over de factuur op 1 maart 2027 ontvangen. Wij behandelen haar "
            "vertrouwelijk en handelen haar uiterlijk dinsdag 30 maart 2027 af; de coördinator "
            "neemt binnen vijf werkdagen contact met u op.\n\n";
    d.body += "Met vriendelijke groet,\nEen Loket MK";
    d.page_format = "Pagina {0} van {1}";
    return d;
}

void BM_LetterPdf(benchmark::State& state) {
    const auto d = letter(static_cast<int>(state.range(0)));
    size_t bytes = 0;
    for (auto _ : state)
        bytes = meldpunt::pdf::render_letter(d).size();
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_LetterPdf)->Arg(2)->Arg(30)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
