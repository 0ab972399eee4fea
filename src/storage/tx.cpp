#include "storage/tx.hpp"

namespace meldpunt::storage {

Tx::~Tx() {
    if (!wide_)
        return;
    try {
        db_.widen_page_cache(false);
    } catch (...) {
        // The connection is failing: its statements fail too, and the next widen_page_cache(false)
        // on it tries again (SqliteConnection keeps the size to go back to until it succeeds).
    }
}

void Tx::expect_many_pages() {
    if (wide_)
        return;
    db_.widen_page_cache(true);
    wide_ = true;
}

}  // namespace meldpunt::storage
