#include "smp/sim/plan_io.hpp"

#include "strict_json.hpp"

#include "base64.hpp"
#include "smp/sim/file_io.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace smp::sim {

namespace {

using nlohmann::json;

constexpr double kMaxCoordinate = 1e7;  // pixels; photos are at most 1e6 on a side

// ---- writing ----

json point_json(const cv::Point2d& p) { return json::array({p.x, p.y}); }

json mask_json(const cv::Mat1b& mask) {
  if (mask.empty()) return nullptr;
  std::vector<std::uint8_t> png;
  cv::imencode(".png", mask, png, {cv::IMWRITE_PNG_COMPRESSION, 6});
  return json{{"width", mask.cols}, {"height", mask.rows}, {"png_base64", detail::base64_encode(png)}};
}

json pigment_json(const Pigment& g) {
  json j = {{"dilution_pct", g.dilution_pct},
            {"depth_mm", g.depth_mm},
            {"session_offsets_pct", g.session_offsets_pct},
            {"scar_offset_pct", g.scar_offset_pct}};
  if (g.hair_dilution_pct) j["hair_dilution_pct"] = *g.hair_dilution_pct;
  return j;
}

const char* view_name(ViewKind v) { return v == ViewKind::Front ? "front" : "top"; }

// ---- reading: every access checks presence, type and range and names the field ----

// Width and height from a PNG's IHDR chunk; nullopt when the bytes are not a PNG.
std::optional<cv::Size> png_header_size(const std::vector<std::uint8_t>& b) {
  static constexpr std::uint8_t sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  if (b.size() < 24 || !std::equal(std::begin(sig), std::end(sig), b.begin())) return std::nullopt;
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
  };
  const std::uint32_t w = be32(16), h = be32(20);
  if (w > (1u << 30) || h > (1u << 30)) return cv::Size(1 << 30, 1 << 30);
  return cv::Size(static_cast<int>(w), static_cast<int>(h));
}

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw PlanFileError(origin_ + ": " + field + " " + problem);
  }
  const json& member(const json& obj, const char* key, const std::string& path) const {
    if (!obj.is_object()) fail(path, "must be an object");
    auto it = obj.find(key);
    if (it == obj.end()) fail(path + "." + key, "is missing");
    return *it;
  }
  bool has(const json& obj, const char* key) const { return obj.is_object() && obj.contains(key) && !obj[key].is_null(); }
  double number(const json& obj, const char* key, const std::string& path) const {
    const json& v = member(obj, key, path);
    if (!v.is_number()) fail(path + "." + key, "must be a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(path + "." + key, "must be finite");
    return d;
  }
  long long integer(const json& obj, const char* key, const std::string& path, long long lo, long long hi) const {
    const json& v = member(obj, key, path);
    if (!v.is_number_integer()) fail(path + "." + key, "must be a whole number");
    const long long i = v.get<long long>();
    if (i < lo || i > hi) fail(path + "." + key, "is " + std::to_string(i) + ", outside " + std::to_string(lo) + ".." + std::to_string(hi));
    return i;
  }
  std::string string(const json& obj, const char* key, const std::string& path) const {
    const json& v = member(obj, key, path);
    if (!v.is_string()) fail(path + "." + key, "must be text");
    return v.get<std::string>();
  }
  bool boolean(const json& obj, const char* key, const std::string& path) const {
    const json& v = member(obj, key, path);
    if (!v.is_boolean()) fail(path + "." + key, "must be true or false");
    return v.get<bool>();
  }
  cv::Point2d point(const json& v, const std::string& path) const {
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
      fail(path, "must be a pair of numbers [x, y]");
    const cv::Point2d p(v[0].get<double>(), v[1].get<double>());
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) fail(path, "must be finite");
    // Geometry is in photo pixels. Far larger values are damage, and would overflow the
    // float outline (saved as null, so the plan could not be reopened) and the integer
    // pixel arithmetic of the renderer.
    if (std::abs(p.x) > kMaxCoordinate || std::abs(p.y) > kMaxCoordinate)
      fail(path, "is outside the photo's coordinate range (more than 10000000 pixels)");
    return p;
  }
  // `photo` bounds the mask: a mask is never larger than the photo it covers, so a few
  // hundred kilobytes of plan cannot make the reader decode gigapixel masks.
  cv::Mat1b mask(const json& obj, const char* key, const std::string& path, cv::Size photo) const {
    if (!has(obj, key)) return {};
    const json& m = obj[key];
    const std::string p = path + "." + key;
    const int w = static_cast<int>(integer(m, "width", p, 1, 1'000'000));
    const int h = static_cast<int>(integer(m, "height", p, 1, 1'000'000));
    if (w > photo.width || h > photo.height)
      fail(p, "is " + std::to_string(w) + "x" + std::to_string(h) + " pixels, larger than the " +
                  std::to_string(photo.width) + "x" + std::to_string(photo.height) +
                  " photo; a mask is at most the photo's size");
    if (w > kMaxMaskSide || h > kMaxMaskSide)
      fail(p, "is " + std::to_string(w) + "x" + std::to_string(h) + " pixels; masks are at most " +
                  std::to_string(kMaxMaskSide) + " pixels on a side");
    const auto bytes = detail::base64_decode(string(m, "png_base64", p));
    if (!bytes) fail(p + ".png_base64", "is not valid base64");
    // Only PNG (lossless, and one decoder less to trust), and only when its header agrees
    // with the declared size: a few bytes must not make the reader allocate gigabytes.
    const std::optional<cv::Size> header = png_header_size(*bytes);
    if (!header) fail(p, "is not a PNG image");
    if (header->width != w || header->height != h)
      fail(p, "image header says " + std::to_string(header->width) + "x" + std::to_string(header->height) +
                  " but the file says " + std::to_string(w) + "x" + std::to_string(h));
    cv::Mat decoded;
    try {
      decoded = cv::imdecode(*bytes, cv::IMREAD_GRAYSCALE);
    } catch (const cv::Exception&) {
      decoded.release();
    }
    if (decoded.empty()) fail(p, "is not a readable PNG image");
    if (decoded.cols != w || decoded.rows != h)
      fail(p, "image is " + std::to_string(decoded.cols) + "x" + std::to_string(decoded.rows) +
                  " but the file says " + std::to_string(w) + "x" + std::to_string(h));
    return decoded;
  }

 private:
  std::string origin_;
};

// Fields added after version 1 was first written: optional, defaults when absent, so older
// files keep loading.
void read_pigment(const Reader& r, const json& g, Pigment& out) {
  const std::string path = "params.pigment";
  out.dilution_pct = r.number(g, "dilution_pct", path);
  if (r.has(g, "depth_mm")) out.depth_mm = r.number(g, "depth_mm", path);
  if (r.has(g, "scar_offset_pct")) out.scar_offset_pct = r.number(g, "scar_offset_pct", path);
  if (r.has(g, "hair_dilution_pct")) out.hair_dilution_pct = r.number(g, "hair_dilution_pct", path);
  if (r.has(g, "session_offsets_pct")) {
    const json& list = g["session_offsets_pct"];
    if (!list.is_array() || list.size() > 6) r.fail(path + ".session_offsets_pct", "must be a list of at most 6 numbers");
    out.session_offsets_pct.clear();
    for (const json& v : list) {
      if (!v.is_number()) r.fail(path + ".session_offsets_pct", "must be a list of numbers");
      out.session_offsets_pct.push_back(v.get<double>());
    }
  }
}

void read_optional_params(const Reader& r, const json& params, PlanParams& pp) {
  if (r.has(params, "hair_blend")) {
    const json& h = params["hair_blend"];
    if (r.has(h, "blend_mm")) pp.hair_blend.blend_mm = r.number(h, "blend_mm", "params.hair_blend");
    if (r.has(h, "density_fraction")) pp.hair_blend.density_fraction = r.number(h, "density_fraction", "params.hair_blend");
  }
  if (r.has(params, "perspective")) {
    const json& p = params["perspective"];
    if (r.has(p, "enabled")) pp.perspective.enabled = r.boolean(p, "enabled", "params.perspective");
    if (r.has(p, "dome_ratio")) pp.perspective.dome_ratio = r.number(p, "dome_ratio", "params.perspective");
    if (r.has(p, "min_cos")) pp.perspective.min_cos = r.number(p, "min_cos", "params.perspective");
  }
  if (r.has(params, "lifestyle")) {
    const json& l = params["lifestyle"];
    if (r.has(l, "sun_exposure")) pp.lifestyle.sun_exposure = r.number(l, "sun_exposure", "params.lifestyle");
    if (r.has(l, "sunscreen")) pp.lifestyle.sunscreen = r.boolean(l, "sunscreen", "params.lifestyle");
    if (r.has(l, "smoker")) pp.lifestyle.smoker = r.boolean(l, "smoker", "params.lifestyle");
  }
  // Plans written before the buzz preview existed show the hair as photographed.
  if (r.has(params, "buzz")) {
    const json& b = params["buzz"];
    const std::string name = r.string(b, "length", "params.buzz");
    const std::optional<BuzzLength> length = parse_buzz_name(name);
    if (!length) r.fail("params.buzz.length", "is \"" + name + "\"; use none, smooth, 0, 0.5 or 1");
    pp.buzz.length = *length;
    if (r.has(b, "days_since_shave")) pp.buzz.days_since_shave = r.number(b, "days_since_shave", "params.buzz");
  }
}

}  // namespace

std::string plan_to_json(const Plan& plan) {
  json hairline_points = json::array();
  for (const auto& p : plan.hairline.control_points) hairline_points.push_back(point_json(p));
  const PlanParams& pp = plan.params;
  json j = {
      {"format", kPlanFormatName},
      {"version", kPlanFormatVersion},
      {"photo", {{"path", plan.photo.path}, {"sha256", plan.photo.sha256}, {"width", plan.photo.width}, {"height", plan.photo.height}}},
      {"calibration", {{"px_per_mm", plan.calibration.px_per_mm}, {"measured", plan.calibration.measured}, {"source", plan.calibration.source}}},
      {"head",
       {{"view", view_name(plan.head.view)},
        {"midline_origin", point_json(plan.head.midline_origin)},
        {"front_dir", point_json(plan.head.front_dir)},
        {"outline",
         {{"center", point_json(plan.head.outline.center)},
          {"size", json::array({plan.head.outline.size.width, plan.head.outline.size.height})},
          {"angle_deg", plan.head.outline.angle}}}}},
      {"hairline", {{"symmetric", plan.hairline.symmetric}, {"control_points", hairline_points}}},
      {"params",
       {{"density_per_cm2", pp.density_per_cm2},
        {"transition_mm", pp.transition_mm},
        {"irregularity", pp.irregularity},
        {"scar_density_factor", pp.scar_density_factor},
        {"needle", {{"points", pp.needle.points}, {"diameter_mm", pp.needle.diameter_mm}}},
        {"pigment", pigment_json(pp.pigment)},
        {"hair_blend", {{"blend_mm", pp.hair_blend.blend_mm}, {"density_fraction", pp.hair_blend.density_fraction}}},
        {"perspective", {{"enabled", pp.perspective.enabled}, {"dome_ratio", pp.perspective.dome_ratio}, {"min_cos", pp.perspective.min_cos}}},
        {"lifestyle", {{"sun_exposure", pp.lifestyle.sun_exposure}, {"sunscreen", pp.lifestyle.sunscreen}, {"smoker", pp.lifestyle.smoker}}},
        {"buzz", {{"length", buzz_name(pp.buzz.length)}, {"days_since_shave", pp.buzz.days_since_shave}}},
        {"sessions", pp.sessions},
        // Seeds are full 64-bit: stored as text so no JSON reader rounds them.
        {"seed", std::to_string(pp.seed)}}},
      {"masks", {{"treatment", mask_json(plan.masks.treatment)}, {"scar", mask_json(plan.masks.scar)}, {"exclusion", mask_json(plan.masks.exclusion)}, {"hair", mask_json(plan.masks.hair)}, {"occlusion", mask_json(plan.masks.occlusion)}, {"bald", mask_json(plan.masks.bald)}}},
      {"client_label", plan.client_label},
      {"notes", plan.notes},
      {"template", plan.template_name},
      {"technician_notes", plan.technician_notes},
  };
  return j.dump(2) + "\n";
}

namespace {

// Parses the document and checks what identifies it as a plan this program can read.
json parse_plan_document(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = detail::parse_strict_json(text);
  } catch (const detail::JsonSyntaxError& e) {
    throw PlanFileError(origin + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  const Reader r(origin);
  if (!j.is_object()) r.fail("the document", "must be a JSON object");
  if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kPlanFormatName)
    throw PlanFileError(origin + ": not an SMP Studio plan (\"format\" is not \"" + kPlanFormatName + "\")");
  const long long version = r.integer(j, "version", "document", 1, 1'000'000);
  if (version > kPlanFormatVersion)
    throw PlanFileError(origin + ": plan format version " + std::to_string(version) +
                        " is newer than this SMP Studio understands (" + std::to_string(kPlanFormatVersion) +
                        "); please update SMP Studio");
  return j;
}

PhotoRef read_photo_ref(const Reader& r, const json& j) {
  PhotoRef ref;
  const json& photo = r.member(j, "photo", "document");
  ref.path = r.string(photo, "path", "photo");
  ref.sha256 = r.string(photo, "sha256", "photo");
  ref.width = static_cast<int>(r.integer(photo, "width", "photo", 0, 1'000'000));
  ref.height = static_cast<int>(r.integer(photo, "height", "photo", 0, 1'000'000));
  return ref;
}

std::string read_plan_text(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path, kMaxPlanFileBytes);
  if (bytes.empty()) throw PlanFileError(path.string() + ": the file is empty");
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

Plan plan_from_json(const std::string& text, const std::string& origin, const PlanLimits& limits) {
  const json j = parse_plan_document(text, origin);
  const Reader r(origin);

  Plan plan;
  plan.photo = read_photo_ref(r, j);
  if (limits.photo_size && (plan.photo.width != limits.photo_size->width || plan.photo.height != limits.photo_size->height))
    r.fail("photo.width/height", "say " + std::to_string(plan.photo.width) + "x" + std::to_string(plan.photo.height) +
                                     " but the photo is " + std::to_string(limits.photo_size->width) + "x" +
                                     std::to_string(limits.photo_size->height));

  const json& cal = r.member(j, "calibration", "document");
  plan.calibration.px_per_mm = r.number(cal, "px_per_mm", "calibration");
  plan.calibration.measured = r.boolean(cal, "measured", "calibration");
  plan.calibration.source = r.string(cal, "source", "calibration");

  const json& head = r.member(j, "head", "document");
  const std::string view = r.string(head, "view", "head");
  if (view != "top" && view != "front") r.fail("head.view", "must be \"top\" or \"front\"");
  plan.head.view = view == "front" ? ViewKind::Front : ViewKind::Top;
  plan.head.midline_origin = r.point(r.member(head, "midline_origin", "head"), "head.midline_origin");
  plan.head.front_dir = r.point(r.member(head, "front_dir", "head"), "head.front_dir");
  const double len = std::hypot(plan.head.front_dir.x, plan.head.front_dir.y);
  if (len < 1e-9) r.fail("head.front_dir", "must not be zero");
  plan.head.front_dir *= 1.0 / len;
  const json& outline = r.member(head, "outline", "head");
  const cv::Point2d centre = r.point(r.member(outline, "center", "head.outline"), "head.outline.center");
  const cv::Point2d size = r.point(r.member(outline, "size", "head.outline"), "head.outline.size");
  if (size.x < 0 || size.y < 0) r.fail("head.outline.size", "must not be negative");
  const double angle = r.number(outline, "angle_deg", "head.outline");
  if (std::abs(angle) > 360) r.fail("head.outline.angle_deg", "must be between -360 and 360");
  plan.head.outline = cv::RotatedRect(cv::Point2f(centre), cv::Size2f(static_cast<float>(size.x), static_cast<float>(size.y)),
                                      static_cast<float>(angle));

  const json& hairline = r.member(j, "hairline", "document");
  plan.hairline.symmetric = r.boolean(hairline, "symmetric", "hairline");
  const json& cps = r.member(hairline, "control_points", "hairline");
  if (!cps.is_array()) r.fail("hairline.control_points", "must be a list");
  if (cps.size() > 64) r.fail("hairline.control_points", "has " + std::to_string(cps.size()) + " points; a hairline has at most 64 control points");
  for (std::size_t i = 0; i < cps.size(); ++i)
    plan.hairline.control_points.push_back(r.point(cps[i], "hairline.control_points[" + std::to_string(i) + "]"));

  const json& params = r.member(j, "params", "document");
  PlanParams& pp = plan.params;
  pp.density_per_cm2 = r.number(params, "density_per_cm2", "params");
  pp.transition_mm = r.number(params, "transition_mm", "params");
  pp.irregularity = r.number(params, "irregularity", "params");
  pp.scar_density_factor = r.number(params, "scar_density_factor", "params");
  const json& needle = r.member(params, "needle", "params");
  pp.needle.points = static_cast<int>(r.integer(needle, "points", "params.needle", 1, 9));
  pp.needle.diameter_mm = r.number(needle, "diameter_mm", "params.needle");
  read_pigment(r, r.member(params, "pigment", "params"), pp.pigment);
  read_optional_params(r, params, pp);
  pp.sessions = static_cast<int>(r.integer(params, "sessions", "params", 1, 6));
  const json& seed = r.member(params, "seed", "params");
  if (seed.is_string()) {
    try {
      std::size_t used = 0;
      pp.seed = std::stoull(seed.get<std::string>(), &used);
      if (used != seed.get<std::string>().size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      r.fail("params.seed", "must be a whole number");
    }
  } else if (seed.is_number_unsigned()) {
    pp.seed = seed.get<std::uint64_t>();
  } else {
    r.fail("params.seed", "must be a whole number");
  }

  const json& masks = r.member(j, "masks", "document");
  // A plan saved before its photo's size was known (0x0) has only the mask limit.
  const cv::Size mask_bound(plan.photo.width > 0 ? plan.photo.width : kMaxMaskSide,
                            plan.photo.height > 0 ? plan.photo.height : kMaxMaskSide);
  plan.masks.treatment = r.mask(masks, "treatment", "masks", mask_bound);
  plan.masks.scar = r.mask(masks, "scar", "masks", mask_bound);
  plan.masks.exclusion = r.mask(masks, "exclusion", "masks", mask_bound);
  plan.masks.hair = r.mask(masks, "hair", "masks", mask_bound);
  plan.masks.occlusion = r.mask(masks, "occlusion", "masks", mask_bound);  // optional: older plans have none
  plan.masks.bald = r.mask(masks, "bald", "masks", mask_bound);            // optional: older plans have none

  if (r.has(j, "client_label")) plan.client_label = r.string(j, "client_label", "document");
  if (r.has(j, "notes")) plan.notes = r.string(j, "notes", "document");
  if (r.has(j, "template")) plan.template_name = r.string(j, "template", "document");  // optional: older plans have none
  if (r.has(j, "technician_notes")) plan.technician_notes = r.string(j, "technician_notes", "document");

  if (const std::string problem = validate(plan); !problem.empty()) throw PlanFileError(origin + ": " + problem);
  return plan;
}

void save_plan(const Plan& plan, const std::filesystem::path& path, const SaveStageObserver& observe) {
  if (const std::string problem = validate(plan); !problem.empty())
    throw PlanFileError("refusing to save an invalid plan to " + path.string() + ": " + problem);
  const std::string text = plan_to_json(plan);
  if (observe) observe(SaveStage::Serialised);
  write_file_atomically(path, text, observe);
}

Plan load_plan(const std::filesystem::path& path, const PlanLimits& limits) {
  return plan_from_json(read_plan_text(path), path.string(), limits);
}

PhotoRef load_plan_photo_ref(const std::filesystem::path& path) {
  const json j = parse_plan_document(read_plan_text(path), path.string());
  return read_photo_ref(Reader(path.string()), j);
}

}  // namespace smp::sim
