#include "smp/sim/clinic_settings.hpp"

#include "smp/sim/param_table.hpp"

#include "strict_json.hpp"

#include "smp/sim/file_io.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <sys/stat.h>

namespace smp::sim {

namespace {

using nlohmann::json;

json needle_json(const Needle& n) { return {{"points", n.points}, {"diameter_mm", n.diameter_mm}}; }

// Reads optional members: absent keeps the default, present must have the right type.
class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}
  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw ClinicSettingsError(origin_ + ": " + field + " " + problem);
  }
  void number(const json& obj, const char* key, const std::string& path, double& out) const {
    if (!obj.contains(key)) return;
    if (!obj[key].is_number()) fail(path + key, "must be a number");
    out = obj[key].get<double>();
    if (!std::isfinite(out)) fail(path + key, "must be finite");
  }
  void integer(const json& obj, const char* key, const std::string& path, int& out) const {
    if (!obj.contains(key)) return;
    if (!obj[key].is_number_integer()) fail(path + key, "must be a whole number");
    const long long v = obj[key].get<long long>();
    if (v < -1'000'000 || v > 1'000'000) fail(path + key, "is out of range");
    out = static_cast<int>(v);
  }
  void text(const json& obj, const char* key, const std::string& path, std::string& out) const {
    if (!obj.contains(key)) return;
    if (!obj[key].is_string()) fail(path + key, "must be text");
    out = obj[key].get<std::string>();
  }
  const json* object(const json& obj, const char* key, const std::string& path) const {
    if (!obj.contains(key)) return nullptr;
    if (!obj[key].is_object()) fail(path + key, "must be an object");
    return &obj[key];
  }
  void needle(const json& obj, const char* key, const std::string& path, Needle& out) const {
    if (const json* n = object(obj, key, path)) {
      integer(*n, "points", path + key + ".", out.points);
      number(*n, "diameter_mm", path + key + ".", out.diameter_mm);
    }
  }

 private:
  std::string origin_;
};

// The plan's own ranges (param_table), so a clinic default always makes a valid plan.
std::string check_needle(const char* what, const Needle& n) {
  for (const char* key : {"needle.points", "needle.diameter_mm"}) {
    const ParamSpec& spec = *find_param(key);
    PlanParams p;
    p.needle = n;
    if (std::string e = check_param(spec, spec.get(p)); !e.empty()) return std::string(what) + " " + e;
  }
  return {};
}

}  // namespace

std::string validate(const ClinicSettings& s) {
  const ClinicRates& r = s.rates;
  if (!(r.price_per_sq_in_min >= 0) || !(r.price_per_sq_in_max >= r.price_per_sq_in_min) || r.price_per_sq_in_max > 1e6)
    return "price per sq in must be 0 or more, with the minimum not above the maximum";
  if (!(r.minimum_price >= 0) || r.minimum_price > 1e9) return "minimum price must be 0 or more";
  if (r.currency.empty() || r.currency.size() > 8) return "currency must be 1-8 characters (e.g. USD)";
  if (!(r.impressions_per_hour_min > 0) || !(r.impressions_per_hour_max >= r.impressions_per_hour_min) ||
      r.impressions_per_hour_max > 1e6)
    return "impressions per hour must be positive, with the minimum not above the maximum";
  if (std::string e = check_param(*find_param("sessions"), s.default_sessions); !e.empty()) return "default " + e;
  if (auto e = check_needle("fill", s.needles.fill); !e.empty()) return e;
  if (auto e = check_needle("hairline", s.needles.hairline); !e.empty()) return e;
  if (s.name.size() > 200) return "clinic name is longer than 200 characters";
  return {};
}

std::string clinic_settings_to_json(const ClinicSettings& s) {
  const ClinicRates& r = s.rates;
  const json j = {
      {"format", kClinicFormatName},
      {"version", kClinicFormatVersion},
      {"name", s.name},
      {"logo_path", s.logo_path},
      {"rates",
       {{"price_per_sq_in_min", r.price_per_sq_in_min},
        {"price_per_sq_in_max", r.price_per_sq_in_max},
        {"minimum_price", r.minimum_price},
        {"currency", r.currency},
        {"impressions_per_hour_min", r.impressions_per_hour_min},
        {"impressions_per_hour_max", r.impressions_per_hour_max}}},
      {"default_sessions", s.default_sessions},
      {"needles", {{"fill", needle_json(s.needles.fill)}, {"hairline", needle_json(s.needles.hairline)}}},
  };
  return j.dump(2) + "\n";
}

ClinicSettings clinic_settings_from_json(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = detail::parse_strict_json(text);
  } catch (const detail::JsonSyntaxError& e) {
    throw ClinicSettingsError(origin + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  const Reader r(origin);
  if (!j.is_object() || !j.contains("format") || j["format"] != kClinicFormatName)
    throw ClinicSettingsError(origin + ": not SMP Studio clinic settings (\"format\" is not \"" + kClinicFormatName + "\")");
  int version = 0;
  r.integer(j, "version", "", version);
  if (version < 1) r.fail("version", "must be 1 or more");
  if (version > kClinicFormatVersion)
    throw ClinicSettingsError(origin + ": clinic settings version " + std::to_string(version) +
                              " is newer than this SMP Studio understands; please update SMP Studio");
  ClinicSettings s;
  r.text(j, "name", "", s.name);
  r.text(j, "logo_path", "", s.logo_path);
  if (const json* rates = r.object(j, "rates", "")) {
    ClinicRates& c = s.rates;
    r.number(*rates, "price_per_sq_in_min", "rates.", c.price_per_sq_in_min);
    r.number(*rates, "price_per_sq_in_max", "rates.", c.price_per_sq_in_max);
    r.number(*rates, "minimum_price", "rates.", c.minimum_price);
    r.text(*rates, "currency", "rates.", c.currency);
    r.number(*rates, "impressions_per_hour_min", "rates.", c.impressions_per_hour_min);
    r.number(*rates, "impressions_per_hour_max", "rates.", c.impressions_per_hour_max);
  }
  r.integer(j, "default_sessions", "", s.default_sessions);
  if (const json* needles = r.object(j, "needles", "")) {
    r.needle(*needles, "fill", "needles.", s.needles.fill);
    r.needle(*needles, "hairline", "needles.", s.needles.hairline);
  }
  if (const std::string problem = validate(s); !problem.empty()) throw ClinicSettingsError(origin + ": " + problem);
  return s;
}

std::filesystem::path clinic_settings_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (xdg && *xdg && std::filesystem::path(xdg).is_absolute())
    return std::filesystem::path(xdg) / "smp-studio" / "clinic.json";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::filesystem::path(home) / ".config" / "smp-studio" / "clinic.json";
  return {};
}

ClinicSettings load_clinic_settings(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path, std::uintmax_t{1} << 20);
  return clinic_settings_from_json(std::string(bytes.begin(), bytes.end()), path.string());
}

ClinicSettingsLoad load_clinic_settings_or_defaults(const std::filesystem::path& path) {
  ClinicSettingsLoad out;
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return out;
  try {
    out.settings = load_clinic_settings(path);
    out.from_file = true;
  } catch (const std::exception& e) {
    out.warning = std::string(e.what()) + "; using the default rates";
  }
  return out;
}

void save_clinic_settings(const ClinicSettings& settings, const std::filesystem::path& path) {
  if (const std::string problem = validate(settings); !problem.empty())
    throw ClinicSettingsError("refusing to save clinic settings to " + path.string() + ": " + problem);
  const std::filesystem::path dir = path.parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) throw FileError("cannot create " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);  // settings name the clinic: keep the folder private
  }
  write_file_atomically(path, clinic_settings_to_json(settings));
}

void apply_clinic_defaults(PlanParams& params, const ClinicSettings& settings) {
  params.needle = settings.needles.fill;
  params.sessions = settings.default_sessions;
}

}  // namespace smp::sim
