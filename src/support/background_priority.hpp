#pragma once
// Background work yields to requests: the sweep and the delivery of the outbox run at a lower
// scheduling priority (nice 10) than the threads that answer people, so that a sweep of
// thousands of due cases does not slow the pages and the API on a machine with few cores
// (docs/performance.md, "The sweep beside the reads"). When the request threads leave the CPU
// idle, background work runs at full speed; only under contention does it wait.
namespace meldpunt::support {

// The nice value of background work: a thread at 10 gets about a tenth of a contended core.
inline constexpr int kBackgroundNice = 10;

// Lowers the calling thread to kBackgroundNice, unless it already runs that low (on Linux the nice
// value is per thread; threads it starts afterwards inherit it). False when the system refused,
// which changes nothing else.
bool lower_priority_of_this_thread();

// The calling thread's nice value.
int priority_of_this_thread();

// Whether the calling thread lowered itself (lower_priority_of_this_thread): the group commit then
// lets a request thread run the writes that wait, instead of this one (storage/group_commit).
bool this_thread_is_background();

}  // namespace meldpunt::support
