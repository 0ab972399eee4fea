#include "web/delivery_rows.hpp"

#include "render/due_date_text.hpp"

namespace meldpunt::web {

namespace {

std::string state_text(const storage::Delivery& d, const calendar::WorkingCalendar& calendar,
                       const messages::Catalogue& t) {
    if (d.status == "sent" && d.sent_at)
        return t.text(
            "web.case.delivery_sent",
            {render::long_date(calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{*d.sent_at}}),
                               t)});
    if (d.status == "failed")
        return t.text("web.case.delivery_failed", {d.last_error});
    if (d.status == "posted" && d.sent_at)
        return t.text(
            "web.case.delivery_posted",
            {render::long_date(calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{*d.sent_at}}),
                               t)});
    if (d.status == "held")
        return t.text("web.case.delivery_held");
    if (d.status == "digested" && d.sent_at)
        return t.text(
            "web.case.delivery_digested",
            {render::long_date(calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{*d.sent_at}}),
                               t)});
    if (d.status == "to_print")
        return t.text("web.case.delivery_to_print");
    return t.text("web.case.delivery_queued");
}

// "Karin Bos <karin.bos@example.nl>", or "Gerrit Jansen, per post" for a letter on paper.
std::string addressee_text(const storage::Delivery& d, const messages::Catalogue& t) {
    if (d.channel == "print")
        return (d.recipient_name.empty() ? "" : d.recipient_name + ", ") + t.text("web.case.by_post");
    return d.recipient_name.empty() ? d.recipient : d.recipient_name + " <" + d.recipient + ">";
}

}  // namespace

mstch::array delivery_rows(const std::vector<storage::Delivery>& deliveries,
                           const calendar::WorkingCalendar& calendar, const messages::Catalogue& t) {
    mstch::array rows;
    for (const auto& d : deliveries)
        rows.push_back(mstch::map{
            {"id", std::to_string(d.id)},
            {"since",
             render::long_date(
                 calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{d.created_at}}), t)},
            {"reference", d.reference},
            {"subject", d.subject},
            {"to", addressee_text(d, t)},
            {"state", state_text(d, calendar, t)},
            {"failed", d.status == "failed"}});
    return rows;
}

}  // namespace meldpunt::web
