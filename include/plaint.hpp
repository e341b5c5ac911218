// plaint.hpp: a header-only C++17 RAII wrapper over the plaint C ABI
// (include/plaint.h). Handles are move-only unique owners; every failure
// throws plaint::error carrying the numbered status, its stable code and,
// for the JSON functions, the error JSON (code, path, message, problems).
// Engines and calendars are immutable: share one (by const reference)
// between threads freely.
#ifndef PLAINT_HPP
#define PLAINT_HPP

#include <plaint.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace plaint {

/// A failed call: status() is the plaint_status, code() its snake_case name,
/// json() the error JSON when the function reports one (else empty).
class error : public std::runtime_error {
public:
    error(plaint_status status, std::string json, const std::string &what)
        : std::runtime_error(what), status_(status), json_(std::move(json)) {}
    plaint_status status() const noexcept { return status_; }
    std::string code() const {
        const char *name = plaint_status_code_name(status_);
        return name ? name : "unknown";
    }
    const std::string &json() const noexcept { return json_; }

private:
    plaint_status status_;
    std::string json_;
};

namespace detail {
struct string_free {
    void operator()(char *s) const noexcept { plaint_string_free(s); }
};
using owned_string = std::unique_ptr<char, string_free>;

/// Take ownership of a library string and copy it out.
inline std::string take(char *s) {
    owned_string owned(s);
    return owned ? std::string(owned.get()) : std::string();
}

inline void check(plaint_status status, char *error_json, const char *what) {
    std::string json = take(error_json);
    if (status == PLAINT_STATUS_OK) return;
    const char *name = plaint_status_code_name(status);
    std::string message = std::string(what) + ": " + (name ? name : "unknown status");
    if (!json.empty()) message += " " + json;
    throw error(status, std::move(json), message);
}

struct engine_free {
    void operator()(plaint_engine *e) const noexcept { plaint_engine_free(e); }
};
struct calendar_free {
    void operator()(plaint_calendar *c) const noexcept { plaint_calendar_free(c); }
};
}  // namespace detail

/// The library version, e.g. "0.1.0".
inline std::string version() { return plaint_version(); }

/// RFC 3339 with an offset to epoch milliseconds.
inline std::int64_t parse_instant(std::string_view text) {
    std::int64_t ms = 0;
    detail::check(plaint_instant_parse(text.data(), text.size(), &ms), nullptr, "plaint_instant_parse");
    return ms;
}

/// One operation of the JSON layer (the conformance vectors' entry point).
inline std::string run_op(std::string_view op, std::string_view input_json) {
    char *out = nullptr, *err = nullptr;
    plaint_status st = plaint_run_op(op.data(), op.size(), input_json.data(), input_json.size(), &out, &err);
    detail::check(st, err, "plaint_run_op");
    return detail::take(out);
}

/// A working calendar (move-only).
class calendar {
public:
    static calendar preset(std::string_view name) {
        plaint_calendar *c = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_calendar_from_preset(name.data(), name.size(), &c, &err);
        detail::check(st, err, "plaint_calendar_from_preset");
        return calendar(c);
    }
    static calendar from_json(std::string_view json) {
        plaint_calendar *c = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_calendar_from_json(json.data(), json.size(), &c, &err);
        detail::check(st, err, "plaint_calendar_from_json");
        return calendar(c);
    }
    /// Due instant (epoch ms); amount in minutes for elapsed and business clocks.
    std::int64_t add(std::int64_t start_ms, plaint_clock clock, std::int64_t amount, plaint_end end = PLAINT_END_DEFAULT,
                     plaint_roll roll = PLAINT_ROLL_NONE) const {
        std::int64_t due = 0;
        detail::check(plaint_calendar_add(h_.get(), start_ms, clock, amount, end, roll, &due), nullptr, "plaint_calendar_add");
        return due;
    }
    /// Due instants of many starts; throws on the first failed element.
    std::vector<std::int64_t> add_batch(const std::vector<std::int64_t> &starts, plaint_clock clock, std::int64_t amount,
                                        plaint_end end = PLAINT_END_DEFAULT, plaint_roll roll = PLAINT_ROLL_NONE) const {
        std::vector<std::int64_t> out(starts.size());
        detail::check(plaint_calendar_add_batch(h_.get(), starts.data(), starts.size(), clock, amount, end, roll, out.data(), nullptr),
                      nullptr, "plaint_calendar_add_batch");
        return out;
    }
    /// RFC 3339 in the calendar's zone.
    std::string format(std::int64_t ms) const {
        char *out = nullptr;
        detail::check(plaint_calendar_format(h_.get(), ms, &out), nullptr, "plaint_calendar_format");
        return detail::take(out);
    }
    const plaint_calendar *get() const noexcept { return h_.get(); }
    explicit calendar(plaint_calendar *c) noexcept : h_(c) {}

private:
    std::unique_ptr<plaint_calendar, detail::calendar_free> h_;
};

/// A validated policy (move-only).
class engine {
public:
    static engine preset(std::string_view name) {
        plaint_engine *e = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_engine_from_preset(name.data(), name.size(), &e, &err);
        detail::check(st, err, "plaint_engine_from_preset");
        return engine(e);
    }
    /// Validation problems are in error::json() (every problem, with paths).
    static engine from_json(std::string_view policy_json) {
        plaint_engine *e = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_engine_from_json(policy_json.data(), policy_json.size(), &e, &err);
        detail::check(st, err, "plaint_engine_from_json");
        return engine(e);
    }
    std::string classify(std::string_view complaint_json) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_classify(h_.get(), complaint_json.data(), complaint_json.size(), &out, &err);
        detail::check(st, err, "plaint_engine_classify");
        return detail::take(out);
    }
    std::string assess(std::string_view case_json, std::int64_t now_ms) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_assess(h_.get(), case_json.data(), case_json.size(), now_ms, &out, &err);
        detail::check(st, err, "plaint_engine_assess");
        return detail::take(out);
    }
    std::string stats(std::string_view input_json) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_stats(h_.get(), input_json.data(), input_json.size(), &out, &err);
        detail::check(st, err, "plaint_engine_stats");
        return detail::take(out);
    }
    /// The policy's working calendar.
    plaint::calendar calendar() const {
        plaint_calendar *c = nullptr;
        detail::check(plaint_engine_calendar(h_.get(), &c), nullptr, "plaint_engine_calendar");
        return plaint::calendar(c);
    }
    const plaint_engine *get() const noexcept { return h_.get(); }
    explicit engine(plaint_engine *e) noexcept : h_(e) {}

private:
    std::unique_ptr<plaint_engine, detail::engine_free> h_;
};

}  // namespace plaint

#endif  // PLAINT_HPP
