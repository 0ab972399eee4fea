#include "pdf/pdf_canvas.hpp"

#include <stdexcept>

namespace meldpunt::pdf {

namespace {

using Font =
    std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;

cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void unref_layout(PangoLayout* layout) {
    g_object_unref(layout);
}

Surface pdf_surface(std::string& out, const std::string& title, const std::string& author) {
    Surface surface(cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, author.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Meldpunt");
    return surface;
}

void finish_pdf(cairo_surface_t* surface, const std::string& what) {
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(
            what + " could not be made: " + cairo_status_to_string(cairo_surface_status(surface)));
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

double draw_text(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold,
                 double width) {
    if (text.empty())
        return 0;
    auto layout = text_layout(cr, text, size, bold, width);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
}

double text_width(cairo_t* cr, const std::string& text, double size, bool bold) {
    auto layout = text_layout(cr, text, size, bold, kPageWidth);
    pango_layout_set_width(layout.get(), -1);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(w) / PANGO_SCALE;
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

}  // namespace meldpunt::pdf
