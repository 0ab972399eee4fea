#pragma once
// The HTTP status of each kind of service error, for the API and the pages alike.
#include "service/errors.hpp"

namespace meldpunt::http {

int http_status(service::ErrorKind kind);

}  // namespace meldpunt::http
