#include "eval/eval_labels.hpp"

#include "smp/sim/auto_plan.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace smp::eval {

namespace {

constexpr double kPi = 3.14159265358979323846;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error(file.string() + ": " + what);
}

cv::Point point_of(const nlohmann::json& j, const std::filesystem::path& file, const char* field) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number())
    fail(file, std::string(field) + " holds a point that is not [x, y]");
  return {j[0].get<int>(), j[1].get<int>()};
}

std::vector<cv::Point> points_of(const nlohmann::json& j, const std::filesystem::path& file, const char* field) {
  if (!j.is_array()) fail(file, std::string(field) + " must be a list of [x, y] points");
  std::vector<cv::Point> out;
  for (const auto& p : j) out.push_back(point_of(p, file, field));
  return out;
}

std::optional<cv::Point2d> front_of(const nlohmann::json& j, const std::filesystem::path& file) {
  double deg = 0;
  if (j.is_number()) {
    deg = j.get<double>();
  } else if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s == "unknown") return std::nullopt;
    if (s == "right") deg = 0;
    else if (s == "down") deg = 90;
    else if (s == "left") deg = 180;
    else if (s == "up") deg = 270;
    else fail(file, "front must be up, down, left, right, unknown or an angle, not '" + s + "'");
  } else {
    fail(file, "front must be a direction name or an angle in degrees");
  }
  return cv::Point2d(std::cos(deg * kPi / 180), std::sin(deg * kPi / 180));
}

// Value of `m` at a point given in label coordinates.
float sample(const cv::Mat1f& m, cv::Point p, cv::Size label_size) {
  const int x = std::clamp(static_cast<int>((p.x + 0.5) * m.cols / label_size.width), 0, m.cols - 1);
  const int y = std::clamp(static_cast<int>((p.y + 0.5) * m.rows / label_size.height), 0, m.rows - 1);
  return m(y, x);
}

}  // namespace

PhotoLabel load_label(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) fail(file, "cannot be read");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    fail(file, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) fail(file, "must hold a JSON object");
  PhotoLabel label;
  label.name = file.stem().string();
  if (!j.contains("photo") || !j["photo"].is_string()) fail(file, "photo (a path) is missing");
  label.photo = j["photo"].get<std::string>();
  if (!j.contains("labelled_size")) fail(file, "labelled_size is missing");
  const cv::Point size = point_of(j["labelled_size"], file, "labelled_size");
  if (size.x < 16 || size.y < 16) fail(file, "labelled_size must be at least 16x16");
  label.size = {size.x, size.y};
  const std::string view = j.value("view", "");
  if (view == "top") label.view = sim::ViewKind::Top;
  else if (view == "front") label.view = sim::ViewKind::Front;
  else fail(file, "view must be \"top\" or \"front\"");
  if (label.view == sim::ViewKind::Top) {
    if (!j.contains("front")) fail(file, "top views need a front direction");
    label.front = front_of(j["front"], file);
  }
  if (j.contains("scalp")) {
    if (!j["scalp"].is_array()) fail(file, "scalp must be a list of polygons");
    for (const auto& poly : j["scalp"]) {
      label.scalp.push_back(points_of(poly, file, "scalp"));
      if (label.scalp.back().size() < 3) fail(file, "a scalp polygon needs at least 3 points");
    }
  }
  if (j.contains("off_scalp")) label.off_scalp = points_of(j["off_scalp"], file, "off_scalp");
  if (j.contains("hair")) label.hair = points_of(j["hair"], file, "hair");
  return label;
}

std::vector<PhotoLabel> load_labels(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<PhotoLabel> out;
  for (const auto& f : files) out.push_back(load_label(f));
  return out;
}

namespace {

// Treatment strength 0-1 at mask resolution, optionally times the visible share of skin.
cv::Mat1f pigment_area(const sim::Plan& plan, bool apply_occlusion) {
  const cv::Mat1b& t = plan.masks.treatment;
  if (t.empty()) return {};
  cv::Mat1f out;
  t.convertTo(out, CV_32F, 1.0 / 255);
  auto scale_by_inverse = [&](const cv::Mat1b& m) {
    if (m.empty()) return;
    cv::Mat1b r;
    cv::resize(m, r, out.size(), 0, 0, cv::INTER_LINEAR);
    cv::Mat1f f;
    r.convertTo(f, CV_32F, -1.0 / 255, 1.0);
    out = out.mul(f);
  };
  scale_by_inverse(plan.masks.exclusion);
  if (apply_occlusion) scale_by_inverse(plan.masks.occlusion);
  return out;
}

}  // namespace

cv::Mat1f visible_pigment(const sim::Plan& plan) { return pigment_area(plan, true); }

namespace {

// Degrees between the plan's front and `want` (a unit vector).
double front_error_deg(const sim::Plan& plan, cv::Point2d want) {
  const cv::Point2d f = plan.head.front_dir;
  const double c = std::clamp(f.dot(want) / std::max(1e-9, std::hypot(f.x, f.y)), -1.0, 1.0);
  return std::acos(c) * 180 / kPi;
}

}  // namespace

cv::Mat turned(const cv::Mat& image, int quarter_turns) {
  const int q = ((quarter_turns % 4) + 4) % 4;
  if (q == 0) return image;
  cv::Mat out;
  cv::rotate(image, out, q == 1 ? cv::ROTATE_90_CLOCKWISE : q == 2 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
  return out;
}

cv::Point2d turned(cv::Point2d d, int quarter_turns) {
  for (int i = 0; i < ((quarter_turns % 4) + 4) % 4; ++i) d = {-d.y, d.x};  // clockwise, y down
  return d;
}

std::optional<FrontAnswer> front_answer(const PhotoLabel& label, const sim::Plan& plan, int quarter_turns,
                                        bool* asked_while_right, const ScoreParams& params) {
  if (label.view != sim::ViewKind::Top || !label.front) return std::nullopt;
  const bool right = front_error_deg(plan, turned(*label.front, quarter_turns)) <= params.max_front_error_deg;
  const bool asked = sim::needs_front_check(plan);
  if (asked_while_right) *asked_while_right = right && asked;
  return right ? FrontAnswer::Right : asked ? FrontAnswer::Asked : FrontAnswer::Wrong;
}

PhotoScore score_plan(const PhotoLabel& label, const sim::Plan& plan, const ScoreParams& params) {
  PhotoScore s;
  s.name = label.name;
  s.top = label.view == sim::ViewKind::Top;
  s.view_right = plan.head.view == label.view;
  if (s.top && label.front) {
    s.front_error_deg = front_error_deg(plan, *label.front);
    s.front_right = s.front_error_deg <= params.max_front_error_deg;
  }
  // IoU: the treatment area itself (hair hides dots but they are still planned there);
  // points: what shows after occlusion.
  const cv::Mat1f area = pigment_area(plan, false);
  const cv::Mat1f pigment = visible_pigment(plan);
  cv::Mat1b treated(label.size, uchar{0});
  if (!area.empty()) {
    cv::Mat1f r;
    cv::resize(area, r, label.size, 0, 0, cv::INTER_LINEAR);
    cv::compare(r, params.pigment_threshold, treated, cv::CMP_GT);
  }
  s.treated_fraction = cv::countNonZero(treated) / static_cast<double>(treated.total());
  if (!label.scalp.empty()) {
    cv::Mat1b truth(label.size, uchar{0});
    cv::fillPoly(truth, label.scalp, cv::Scalar(255));
    const double inter = cv::countNonZero(truth & treated);
    const double uni = cv::countNonZero(truth | treated);
    s.iou = uni > 0 ? inter / uni : 0.0;
    s.covered = inter / std::max(1.0, static_cast<double>(cv::countNonZero(truth)));
    s.precision = inter / std::max(1.0, static_cast<double>(cv::countNonZero(treated)));
    if (!pigment.empty()) {
      cv::Mat1f shown;
      cv::resize(pigment, shown, label.size, 0, 0, cv::INTER_LINEAR);
      s.shown = cv::mean(shown, truth)[0];
    } else {
      s.shown = 0.0;
    }
  }
  auto hits = [&](const std::vector<cv::Point>& pts) {
    int n = 0;
    if (pigment.empty()) return 0;
    for (const cv::Point& p : pts)
      if (sample(pigment, p, label.size) > params.pigment_threshold) ++n;
    return n;
  };
  s.off_points = static_cast<int>(label.off_scalp.size());
  s.off_hits = hits(label.off_scalp);
  s.hair_points = static_cast<int>(label.hair.size());
  s.hair_hits = hits(label.hair);
  return s;
}

namespace {

// Median of `v` (mean of the middle two for an even count); 0 when empty.
double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

Totals summarise(const std::vector<PhotoScore>& scores) {
  Totals t;
  std::vector<double> ious, shown;
  for (const PhotoScore& s : scores) {
    if (s.shown) shown.push_back(*s.shown);
    ++t.photos;
    if (s.view_right) ++t.view_right;
    if (s.front_right) {
      ++t.front_known;
      if (*s.front_right) ++t.front_right;
    }
    if (s.iou) ious.push_back(*s.iou);
    if (s.clean()) ++t.clean;
  }
  t.median_shown = median(shown);
  t.iou_count = static_cast<int>(ious.size());
  t.median_iou = median(ious);
  if (!ious.empty()) {
    double sum = 0;
    for (double v : ious) sum += v;
    t.mean_iou = sum / static_cast<double>(ious.size());
  }
  return t;
}

std::string format_table(const std::vector<PhotoScore>& scores) {
  std::ostringstream out;
  char line[200];
  std::snprintf(line, sizeof line, "%-22s %-6s %-7s %6s %6s %6s %6s %7s %8s %8s\n", "photo", "view", "front", "IoU",
                "cover", "prec", "shown", "treated", "off hit", "hair hit");
  out << line;
  for (const PhotoScore& s : scores) {
    const std::string front = !s.front_right ? "-" : (*s.front_right ? "ok" : "WRONG");
    const std::string iou = s.iou ? cv::format("%.2f", *s.iou) : std::string("-");
    const std::string shown = s.shown ? cv::format("%.2f", *s.shown) : std::string("-");
    const std::string covered = s.covered ? cv::format("%.2f", *s.covered) : std::string("-");
    const std::string precision = s.precision ? cv::format("%.2f", *s.precision) : std::string("-");
    // The labelled view, marked with "!" when the plan took the photo for the other one.
    const std::string view = std::string(s.top ? "top" : "front") + (s.view_right ? "" : "!");
    std::snprintf(line, sizeof line, "%-22s %-6s %-7s %6s %6s %6s %6s %6.0f%% %4d/%-3d %4d/%-3d\n", s.name.c_str(),
                  view.c_str(), front.c_str(), iou.c_str(), covered.c_str(), precision.c_str(), shown.c_str(),
                  100 * s.treated_fraction, s.off_hits, s.off_points, s.hair_hits, s.hair_points);
    out << line;
  }
  return out.str();
}

std::string format_totals(const Totals& t) {
  return cv::format("view (top or frontal) right on %d/%d photos; front direction right on %d/%d top views (%.0f%%); scalp IoU median %.2f, mean %.2f over %d "
                    "photos (pigment shown inside the polygon: median %.2f); no pigment on labelled off-scalp or hair points on %d/%d photos (%.0f%%)",
                    t.view_right, t.photos, t.front_right, t.front_known, 100 * t.front_rate(), t.median_iou, t.mean_iou, t.iou_count,
                    t.median_shown, t.clean, t.photos, 100 * t.clean_rate());
}

void draw_label(cv::Mat3b& image, const PhotoLabel& label) {
  cv::polylines(image, label.scalp, true, cv::Scalar(0, 255, 0), 2);
  for (const cv::Point& p : label.off_scalp) cv::circle(image, p, 4, cv::Scalar(0, 0, 255), cv::FILLED);
  for (const cv::Point& p : label.hair) cv::circle(image, p, 4, cv::Scalar(255, 0, 0), cv::FILLED);
  if (label.front) {
    const cv::Point2d c(label.size.width / 2.0, label.size.height / 2.0);
    cv::arrowedLine(image, c, c + *label.front * (0.2 * label.size.height), cv::Scalar(0, 255, 0), 2);
  }
}

}  // namespace smp::eval
