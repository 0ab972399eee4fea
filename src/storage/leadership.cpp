#include "storage/leadership.hpp"

namespace meldpunt::storage {

Leadership::~Leadership() {
    if (!connection_)
        return;
    try {
        connection_->query("SELECT pg_advisory_unlock($1)", {lock_});
    } catch (const std::exception&) {
        // The connection is gone, and the lock with it.
    }
}

bool Leadership::held() {
    if (!connection_)
        return true;
    try {
        connection_->query("SELECT 1");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace meldpunt::storage
