#pragma once
// What a service answers when it does not do what was asked. Each kind maps to one HTTP status at
// the edge; `message` is a catalogue key below "api." with its arguments.
#include <string>
#include <vector>

#include "support/result.hpp"

namespace meldpunt::service {

enum class ErrorKind {
    bad_request,             // 400: malformed input
    unauthorized,            // 401
    forbidden,               // 403: the role may not do this
    not_found,               // 404: no such thing, or not visible to the caller
    conflict,                // 409: not possible in the case's stage, or already exists
    precondition_failed,     // 412: If-Match does not match the case's version
    payload_too_large,       // 413
    unsupported_media_type,  // 415
    unprocessable,           // 422: a procedure rule or a required field refuses it
    too_many_requests,       // 429: throttled
};

struct ServiceError {
    ErrorKind kind;
    std::string code;     // machine-readable, e.g. "rule_violated", "missing_field"
    std::string message;  // catalogue key below "api." or "refusal."
    std::vector<std::string> args;
    std::string field;   // the offending field, when there is one
    std::string rule;    // the procedure rule, for rule_violated
    std::string source;  // the seed section the rule cites

    // A refusal whose message is "api.<code>".
    static ServiceError of(ErrorKind kind, std::string code, std::vector<std::string> args = {},
                           std::string field = "");
    // A refusal with a message of its own (a catalogue key such as "web.login.failed").
    static ServiceError with_message(ErrorKind kind, std::string code, std::string message,
                                     std::vector<std::string> args = {}, std::string field = "");
    // `field` has a value it may not have; `problem` says why ("not_iso8601", "too_long" ...).
    static ServiceError invalid_field(std::string field, std::string problem,
                                      ErrorKind kind = ErrorKind::bad_request);
    static ServiceError missing_field(std::string field);
    // No such thing, or not visible to the caller (who must not learn which).
    static ServiceError not_found(std::string what);
};

template <typename T>
using Result = support::Result<T, ServiceError>;

// A change that returns nothing beyond success.
struct Done {};

}  // namespace meldpunt::service
