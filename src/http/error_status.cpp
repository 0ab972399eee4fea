#include "http/error_status.hpp"

namespace meldpunt::http {

int http_status(service::ErrorKind kind) {
    using service::ErrorKind;
    switch (kind) {
        case ErrorKind::bad_request:
            return 400;
        case ErrorKind::unauthorized:
            return 401;
        case ErrorKind::forbidden:
            return 403;
        case ErrorKind::not_found:
            return 404;
        case ErrorKind::conflict:
            return 409;
        case ErrorKind::precondition_failed:
            return 412;
        case ErrorKind::payload_too_large:
            return 413;
        case ErrorKind::unsupported_media_type:
            return 415;
        case ErrorKind::unprocessable:
            return 422;
        case ErrorKind::too_many_requests:
            return 429;
    }
    return 400;
}

}  // namespace meldpunt::http
