#include "pdf/table_pdf.hpp"

#include <algorithm>

#include "pdf/pdf_canvas.hpp"

namespace meldpunt::pdf {

namespace {

constexpr double kLeft = 50, kRight = 50, kTop = 50, kBottom = 64;
constexpr double kText = 9, kPadding = 3;
// A table of many columns (the deadlines': ten) in smaller type, its labels narrower, so that its
// headings are not broken into syllables.
constexpr size_t kManyColumns = 6;
constexpr double kSmallText = 7.5;
constexpr double kContentWidth = kPageWidth - kLeft - kRight;
constexpr double kBarShare = 0.25;  // of the width, for a table with bars

// Lays the document out page by page; draws only when `drawing`, so that a first pass can count
// the pages for "Pagina 1 van 3".
class Pager {
  public:
    Pager(cairo_t* cr, const TableDocument& document, bool drawing, int pages)
        : cr_(cr), document_(document), drawing_(drawing), pages_(pages) {}

    int run() {
        y_ = kTop;
        y_ += text(document_.title, kLeft, y_, 16, true, kContentWidth) + 6;
        for (const auto& line : document_.lines)
            y_ += text(line, kLeft, y_, kText, false, kContentWidth) + 1;
        for (const auto& table : document_.tables)
            draw_table(table);
        end_page();
        return page_;
    }

  private:
    // The height `s` takes `width` points wide.
    double measure(const std::string& s, double size, bool bold, double width) {
        if (s.empty())
            return 0;
        auto layout = text_layout(cr_, s, size, bold, width);
        int w = 0, h = 0;
        pango_layout_get_size(layout.get(), &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    // Draws `s` when drawing; its height either way.
    double text(const std::string& s, double x, double y, double size, bool bold, double width) {
        return drawing_ ? draw_text(cr_, s, x, y, size, bold, width) : measure(s, size, bold, width);
    }

    // Text set to the right of a cell `width` wide.
    double right_aligned(const std::string& s, double x, double y, bool bold, double width) {
        if (!drawing_)
            return measure(s, size_, bold, width);
        const double w = std::min(width, text_width(cr_, s, size_, bold));
        return text(s, x + width - w, y, size_, bold, w + 1);
    }

    void end_page() {
        ++page_;
        if (!drawing_)
            return;
        draw_text(cr_, page_number(document_.page_format, page_, pages_), kLeft, kPageHeight - 40, 8, false,
                  kContentWidth);
        cairo_show_page(cr_);
    }

    void new_page() {
        end_page();
        y_ = kTop;
    }

    std::vector<double> widths(const PdfTable& table) const {
        const size_t columns = std::max<size_t>(1, table.header.size());
        const double usable = kContentWidth * (table.bars.empty() ? 1.0 : 1.0 - kBarShare);
        if (columns == 1)
            return {usable};
        const double first = usable * (columns == 2 ? 0.6 : columns >= kManyColumns ? 0.28 : 0.4);
        std::vector<double> out{first};
        for (size_t i = 1; i < columns; ++i)
            out.push_back((usable - first) / static_cast<double>(columns - 1));
        return out;
    }

    // One row's height, drawing it when `drawing`.
    double row(const std::vector<std::string>& cells, const std::vector<double>& w, bool bold, double y,
               bool draw) {
        double height = 0, x = kLeft;
        const bool was = drawing_;
        drawing_ = was && draw;
        for (size_t i = 0; i < w.size(); ++i) {
            const std::string& cell = i < cells.size() ? cells[i] : std::string();
            const double inner = w[i] - 2 * kPadding;
            const double h = i == 0 ? text(cell, x + kPadding, y + kPadding, size_, bold, inner)
                                    : right_aligned(cell, x + kPadding, y + kPadding, bold, inner);
            height = std::max(height, h);
            x += w[i];
        }
        drawing_ = was;
        return height + 2 * kPadding;
    }

    void rule(double y, double width) {
        if (!drawing_)
            return;
        cairo_set_source_rgb(cr_, 0.75, 0.75, 0.75);
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, kLeft, y);
        cairo_line_to(cr_, kLeft + width, y);
        cairo_stroke(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }

    void bar(double value, double largest, double y, double height) {
        if (!drawing_ || largest <= 0 || value <= 0)
            return;
        const double area = kContentWidth * kBarShare - 2 * kPadding;
        cairo_set_source_rgb(cr_, 0.05, 0.36, 0.66);
        cairo_rectangle(cr_, kLeft + kContentWidth * (1 - kBarShare) + kPadding, y + kPadding + 1,
                        area * value / largest, height - 2 * kPadding - 2);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }

    double header_row(const PdfTable& table, const std::vector<double>& w) {
        const double h = row(table.header, w, true, y_, true);
        y_ += h;
        rule(y_, kContentWidth);
        return h;
    }

    void draw_table(const PdfTable& table) {
        size_ = table.header.size() >= kManyColumns ? kSmallText : kText;
        const auto w = widths(table);
        const double heading = measure(table.heading, 11, true, kContentWidth) + 4;
        const double header = row(table.header, w, true, 0, false);
        const double first = table.rows.empty() ? 0 : row(table.rows.front(), w, false, 0, false);
        y_ += 12;
        if (y_ + heading + header + first > kPageHeight - kBottom)
            new_page();  // a heading never stands alone at the foot of a page
        text(table.heading, kLeft, y_, 11, true, kContentWidth);
        y_ += heading;
        header_row(table, w);
        const double largest =
            table.bars.empty() ? 0 : *std::max_element(table.bars.begin(), table.bars.end());
        for (size_t r = 0; r < table.rows.size(); ++r) {
            const double h = row(table.rows[r], w, false, 0, false);
            if (y_ + h > kPageHeight - kBottom) {
                new_page();
                header_row(table, w);
            }
            row(table.rows[r], w, false, y_, true);
            if (r < table.bars.size())
                bar(table.bars[r], largest, y_, h);
            y_ += h;
            rule(y_, kContentWidth);
        }
    }

    cairo_t* cr_;
    const TableDocument& document_;
    bool drawing_;
    int pages_;
    int page_ = 0;
    double y_ = kTop;
    double size_ = kText;  // the current table's type size
};

}  // namespace

std::string render_tables(const TableDocument& document) {
    std::string out;
    Surface surface = pdf_surface(out, document.title, document.author);
    {
        Context cr(cairo_create(surface.get()));
        const int pages = Pager(cr.get(), document, false, 0).run();
        Pager(cr.get(), document, true, pages).run();
    }
    finish_pdf(surface.get(), "the report's PDF");
    return out;
}

}  // namespace meldpunt::pdf
