#pragma once
// What a page handler gets once the binder (routes.cpp) has done what its route declares: the
// browser side of the request (WebRequest), the path's parameters, the posted form with its CSRF
// token checked (Body::form, Body::files), the member of staff (Auth::staff_session,
// Auth::administrator) or the complainant behind the portal link (Auth::portal_link).
#include <optional>

#include "http/router.hpp"
#include "service/principal.hpp"
#include "web/forms.hpp"
#include "web/web_request.hpp"

namespace meldpunt::web {

struct WebCall : WebRequest {
    const http::Params& params;
    const Form* form = nullptr;
    std::optional<service::Principal> complainant;

    const std::string& param(const std::string& name) const { return params.at(name); }
    // The signed-in member of staff; only for routes that require one.
    const service::Principal& who() const { return *staff; }
};

}  // namespace meldpunt::web
