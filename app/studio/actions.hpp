#pragma once
// Document-level commands shared by the menu, the keyboard shortcuts and drag-and-drop.

#include "app_state.hpp"

#include <filesystem>

namespace smp::studio {

// Ask before unsaved changes are lost: runs `action` now when the document is clean,
// otherwise after the technician answers the prompt.
void request(AppState& app, PendingAction action, const std::filesystem::path& path = {});
// Runs a pending action without asking (called by the prompt).
void perform(AppState& app, PendingAction action, const std::filesystem::path& path);

// Opens a photo, plan or project; reports problems in a dialog and keeps the current document.
bool open_path(AppState& app, const std::filesystem::path& path);
void install_document(AppState& app, Document doc);
// Puts app.doc on screen (photo, fit, dots) keeping its undo history: install_document and
// a project's tab switch.
void show_document(AppState& app);

// Save: to the plan's file, or asks for a name when untitled. Returns true when saved.
bool save(AppState& app);
void save_as(AppState& app, const std::filesystem::path& path);

void undo(AppState& app);
void redo(AppState& app);

// Re-runs the automatic plan's photo understanding on the background task runner; its
// treatment, hair and occlusion masks replace the plan's when they arrive.
void start_auto_detection(AppState& app);
// Re-runs the automatic plan with the face the other way (the answer to "Check the front
// direction"); the whole head frame, hairline and masks are replaced when it arrives.
void start_front_flip(AppState& app);
// The same with the face toward `front` (photo pixels): a top view facing that way, for a
// front direction found wrong with confidence.
void start_facing(AppState& app, cv::Point2d front);

}  // namespace smp::studio
