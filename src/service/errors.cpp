#include "service/errors.hpp"

namespace meldpunt::service {

ServiceError ServiceError::of(ErrorKind kind, std::string code, std::vector<std::string> args,
                              std::string field) {
    std::string message = "api." + code;
    return with_message(kind, std::move(code), std::move(message), std::move(args), std::move(field));
}

ServiceError ServiceError::with_message(ErrorKind kind, std::string code, std::string message,
                                        std::vector<std::string> args, std::string field) {
    ServiceError e{kind};
    e.code = std::move(code);
    e.message = std::move(message);
    e.args = std::move(args);
    e.field = std::move(field);
    return e;
}

ServiceError ServiceError::invalid_field(std::string field, std::string problem, ErrorKind kind) {
    return of(kind, "invalid_field", {field, std::move(problem)}, field);
}

ServiceError ServiceError::missing_field(std::string field) {
    return of(ErrorKind::bad_request, "missing_field", {field}, field);
}

ServiceError ServiceError::not_found(std::string what) {
    return of(ErrorKind::not_found, "not_found", {std::move(what)});
}

}  // namespace meldpunt::service
