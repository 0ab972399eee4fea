#pragma once
// What the PDF layouts share (letter_pdf, table_pdf): A4 pages written by Cairo into a string, text
// laid out by Pango in DejaVu Sans (wrapped at word boundaries, UTF-8 throughout), and "Pagina {0}
// van {1}" filled in.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace meldpunt::pdf {

// A4 in points.
inline constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
inline constexpr const char* kFont = "DejaVu Sans";

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const {
        if (p)
            Free(p);
    }
};
void unref_layout(PangoLayout* layout);
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using Layout = std::unique_ptr<PangoLayout, Deleter<PangoLayout, unref_layout>>;

// A PDF surface of A4 pages that writes into `out`, with the document's title and author.
Surface pdf_surface(std::string& out, const std::string& title, const std::string& author);
// Finishes `surface`; throws std::runtime_error naming `what` when Cairo could not write it.
void finish_pdf(cairo_surface_t* surface, const std::string& what);

// `text` laid out `width` points wide in `size`-point type.
Layout text_layout(cairo_t* cr, const std::string& text, double size, bool bold, double width);
// Draws `text` at (x, y), `width` points wide, and answers its height.
double draw_text(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold,
                 double width);
// The width `text` takes on one line.
double text_width(cairo_t* cr, const std::string& text, double size, bool bold);

// `format` with {0} the page and {1} the number of pages.
std::string page_number(const std::string& format, int page, int pages);

}  // namespace meldpunt::pdf
