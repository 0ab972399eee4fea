#include "storage/tx.hpp"

namespace meldpunt::storage {

Tx::~Tx() {
    if (!wide_)
        return;
    try {
        db_.widen_page_cache(false);
    } catch (...) {
        // The connection is failing; the pool discards it and its cache with it.
    }
}

void Tx::expect_many_pages() {
    if (wide_)
        return;
    db_.widen_page_cache(true);
    wide_ = true;
}

}  // namespace meldpunt::storage
