#include "pdf/letter_pdf.hpp"

#include "pdf/pdf_canvas.hpp"

namespace meldpunt::pdf {

namespace {

// The margins of a Dutch business letter: the address window of a C5/6 or DL envelope lies some
// 50 mm from the top and 20 mm from the left edge.
constexpr double kWidth = kPageWidth, kHeight = kPageHeight;
constexpr double kLeft = 70, kRight = 60, kTop = 56, kBottom = 72;
constexpr double kAddressTop = 142;  // 50 mm
constexpr double kBodyTopFirst = 300, kBodyTopNext = kTop;

// Draws `text` at (x, y) and answers its height.
double draw(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold,
            double width = kWidth - kLeft - kRight) {
    return draw_text(cr, text, x, y, size, bold, width);
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

// The first page's head: letterhead, address window, place and date, references.
void draw_head(cairo_t* cr, const LetterDocument& letter) {
    double y = kTop;
    y += draw(cr, letter.organisation, kLeft, y, 15, true);
    draw(cr, join(letter.sender_lines), kLeft, y + 2, 8.5, false);
    draw(cr, join(letter.recipient_lines), kLeft, kAddressTop, 10.5, false, 240);
    y = kAddressTop + 90;
    y += draw(cr, letter.place_and_date, kLeft, y, 10.5, false) + 8;
    for (const auto& [label, value] : letter.references) {
        draw(cr, label, kLeft, y, 9, true);
        y += draw(cr, value, kLeft + 80, y, 9, false, kWidth - kLeft - kRight - 80);
    }
}

// Where each body line goes: its page (0-based) and the y of its baseline there.
struct Placed {
    int page;
    double baseline;
};

std::vector<Placed> place_lines(PangoLayout* body) {
    std::vector<Placed> placed;
    PangoLayoutIter* iter = pango_layout_get_iter(body);
    int page = 0;
    double offset = kBodyTopFirst;  // where layout y 0 lands on the current page
    do {
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(iter, &y0, &y1);
        const double top = offset + static_cast<double>(y0) / PANGO_SCALE;
        const double bottom = offset + static_cast<double>(y1) / PANGO_SCALE;
        if (bottom > kHeight - kBottom) {
            ++page;
            offset = kBodyTopNext - static_cast<double>(y0) / PANGO_SCALE;
        }
        (void)top;
        placed.push_back(
            {page, offset + static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return placed;
}

void draw_footer(cairo_t* cr, const LetterDocument& letter, int page, int pages) {
    draw(cr, page_number(letter.page_format, page + 1, pages), kLeft, kHeight - 44, 8, false);
    cairo_show_page(cr);
}

// Every page of `letter`, each ended.
void draw_letter(cairo_t* cr, const LetterDocument& letter) {
    auto body = text_layout(cr, letter.body, 10.5, false, kWidth - kLeft - kRight);
    pango_layout_set_spacing(body.get(), static_cast<int>(2 * PANGO_SCALE));
    const auto placed = place_lines(body.get());
    const int pages = placed.empty() ? 1 : placed.back().page + 1;
    draw_head(cr, letter);
    PangoLayoutIter* iter = pango_layout_get_iter(body.get());
    size_t i = 0;
    int page = 0;
    do {
        for (; page < placed[i].page; ++page)
            draw_footer(cr, letter, page, pages);
        cairo_move_to(cr, kLeft, placed[i].baseline);
        pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
        ++i;
    } while (pango_layout_iter_next_line(iter) && i < placed.size());
    pango_layout_iter_free(iter);
    draw_footer(cr, letter, page, pages);
}

}  // namespace

std::string render_letter(const LetterDocument& letter) {
    return render_letters({letter}, letter.title, letter.organisation);
}

std::string render_letters(const std::vector<LetterDocument>& letters, const std::string& title,
                           const std::string& author) {
    std::string out;
    Surface surface = pdf_surface(out, title, author);
    {
        Context cr(cairo_create(surface.get()));
        for (const auto& letter : letters)
            draw_letter(cr.get(), letter);
    }
    finish_pdf(surface.get(), "the letter's PDF");
    return out;
}

}  // namespace meldpunt::pdf
