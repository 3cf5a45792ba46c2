#pragma once
// Crash recovery in the viewer: autosaves a copy of an unsaved plan every minute, removes
// it on save and on a normal exit, and offers copies left by a crash at start.

#include "app_state.hpp"

namespace smp::studio {

// At start, after the first document is open: opens the recovery folder and queues the
// offer for orphaned copies. Does nothing in test automation (screenshots, benchmarks).
void start_recovery(AppState& app);
// Once a frame, after the frame's edits.
void autosave_tick(AppState& app);
// The start-up offer (a modal); called with the other dialogs.
void recovery_prompt(AppState& app);
// A normal exit: the technician chose to save or not, so the copy goes.
void end_recovery(AppState& app);

}  // namespace smp::studio
