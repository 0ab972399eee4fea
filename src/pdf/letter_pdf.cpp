#include "pdf/letter_pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

namespace meldpunt::pdf {

namespace {

// A4 in points, and the margins of a Dutch business letter: the address window of a C5/6 or
// DL envelope lies some 50 mm from the top and 20 mm from the left edge.
constexpr double kWidth = 595.28, kHeight = 841.89;
constexpr double kLeft = 70, kRight = 60, kTop = 56, kBottom = 72;
constexpr double kAddressTop = 142;  // 50 mm
constexpr double kBodyTopFirst = 300, kBodyTopNext = kTop;
constexpr const char* kFont = "DejaVu Sans";

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const {
        if (p)
            Free(p);
    }
};
void unref_layout(PangoLayout* l) {
    g_object_unref(l);
}
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using Layout = std::unique_ptr<PangoLayout, Deleter<PangoLayout, unref_layout>>;
using Font =
    std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;

cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

Layout text_layout(cairo_t* cr, const std::string& text, double size, bool bold, double width) {
    Layout layout(pango_cairo_create_layout(cr));
    Font font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFont);
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
}

// Draws `text` at (x, y) and answers its height.
double draw(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold,
            double width = kWidth - kLeft - kRight) {
    if (text.empty())
        return 0;
    auto layout = text_layout(cr, text, size, bold, width);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

std::string page_number(const std::string& format, int page, int pages) {
    std::string out = format;
    const auto put = [&](const std::string& key, int value) {
        if (auto at = out.find(key); at != std::string::npos)
            out.replace(at, key.size(), std::to_string(value));
    };
    put("{0}", page);
    put("{1}", pages);
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
    Surface surface(cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, author.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Meldpunt");
    {
        Context cr(cairo_create(surface.get()));
        for (const auto& letter : letters)
            draw_letter(cr.get(), letter);
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("the letter's PDF could not be made: ") +
                                 cairo_status_to_string(cairo_surface_status(surface.get())));
    return out;
}

}  // namespace meldpunt::pdf
