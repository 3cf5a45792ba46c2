#pragma once
// Where Debian's opencv-data package puts the Haar cascades the project uses. A missing file
// turns the cue off (the callers say so); it never stops a plan.

namespace smp::sim {

inline constexpr const char* kFrontalFaceCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
inline constexpr const char* kEyeCascade = "/usr/share/opencv4/haarcascades/haarcascade_eye.xml";

}  // namespace smp::sim
