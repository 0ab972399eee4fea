#pragma once
// A GObject (GMime's messages, parts, streams) owned by a unique_ptr: unreferenced when it goes.
#include <glib-object.h>

#include <memory>

namespace meldpunt::mail {

template <typename T>
struct Unref {
    void operator()(T* object) const { g_object_unref(object); }
};
template <typename T>
using Owned = std::unique_ptr<T, Unref<T>>;

}  // namespace meldpunt::mail
