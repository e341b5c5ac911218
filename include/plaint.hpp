// plaint.hpp: a header-only RAII wrapper over the plaint C ABI
// (plaint.h), for C++11 and later. Handles are move-only unique owners;
// every failure throws plaint::error carrying the numbered status, its
// stable code and, for the JSON functions, the error JSON (code, path,
// message, problems). Engines, calendars and assessments are immutable:
// share one (by const reference) between threads freely.
//
// Text parameters are plaint::text: std::string_view when compiled as
// C++17 or later, else a small view built from a std::string, a C string
// or a pointer and a length. Installed beside plaint.h (`make install`);
// CMake's plaint::plaint target puts both on the include path.
#ifndef PLAINT_HPP
#define PLAINT_HPP

#include <plaint.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#if __cplusplus >= 201703L || (defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#include <string_view>
#define PLAINT_HPP_STRING_VIEW 1
#endif

namespace plaint {

#ifdef PLAINT_HPP_STRING_VIEW
/// Text borrowed for the duration of a call.
using text = std::string_view;
#else
/// Text borrowed for the duration of a call (std::string_view's subset the
/// wrapper needs; C++17 uses std::string_view itself).
class text {
public:
    text(const std::string &s) noexcept : data_(s.data()), size_(s.size()) {}
    text(const char *s) noexcept : data_(s), size_(s ? std::strlen(s) : 0) {}
    text(const char *s, std::size_t n) noexcept : data_(s), size_(n) {}
    const char *data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }

private:
    const char *data_;
    std::size_t size_;
};
#endif

/// A borrowed plaint_str as a std::string (empty when absent).
inline std::string to_string(plaint_str s) { return s.data ? std::string(s.data, s.len) : std::string(); }

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
inline std::int64_t parse_instant(text rfc3339) {
    std::int64_t ms = 0;
    detail::check(plaint_instant_parse(rfc3339.data(), rfc3339.size(), &ms), nullptr, "plaint_instant_parse");
    return ms;
}

/// One operation of the JSON layer (the conformance vectors' entry point).
inline std::string run_op(text op, text input_json) {
    char *out = nullptr, *err = nullptr;
    plaint_status st = plaint_run_op(op.data(), op.size(), input_json.data(), input_json.size(), &out, &err);
    detail::check(st, err, "plaint_run_op");
    return detail::take(out);
}

/// A working calendar (move-only).
class calendar {
public:
    static calendar preset(text name) {
        plaint_calendar *c = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_calendar_from_preset(name.data(), name.size(), &c, &err);
        detail::check(st, err, "plaint_calendar_from_preset");
        return calendar(c);
    }
    static calendar from_json(text json) {
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

/// A warning of an assessment (see plaint_assessment_warning_code): its
/// stable code, message, calendar, the last day of the calendar's data and
/// the deadline it is about (empty when about the calendar as a whole).
struct warning {
    std::string code, message, calendar, data_end, deadline;
};

/// One assessed case with typed accessors (move-only); see
/// plaint_assessment_new. Instants are epoch milliseconds, PLAINT_NO_INSTANT
/// when absent.
class assessment {
public:
    std::size_t deadline_count() const noexcept { return plaint_assessment_deadline_count(h_.get()); }
    std::string deadline_id(std::size_t i) const { return to_string(plaint_assessment_deadline_id(h_.get(), i)); }
    plaint_deadline_state deadline_state(std::size_t i) const noexcept { return plaint_assessment_deadline_state(h_.get(), i); }
    std::int64_t deadline_due_ms(std::size_t i) const noexcept { return plaint_assessment_deadline_due_ms(h_.get(), i); }
    plaint_deadline_kind deadline_kind(std::size_t i) const noexcept { return plaint_assessment_deadline_kind(h_.get(), i); }
    std::string deadline_calendar(std::size_t i) const { return to_string(plaint_assessment_deadline_calendar(h_.get(), i)); }
    /// Counted on projected holiday data (PLAINT_ASSESS_BEYOND_DATA_PROJECTED).
    bool deadline_provisional(std::size_t i) const noexcept { return plaint_assessment_deadline_provisional(h_.get(), i); }
    std::int64_t deadline_counted_until_ms(std::size_t i) const noexcept {
        return plaint_assessment_deadline_counted_until_ms(h_.get(), i);
    }
    /// Why an undetermined deadline could not be computed; PLAINT_STATUS_OK if it could.
    plaint_status deadline_error(std::size_t i) const noexcept { return plaint_assessment_deadline_error(h_.get(), i); }
    std::string deadline_error_message(std::size_t i) const {
        return to_string(plaint_assessment_deadline_error_message(h_.get(), i));
    }
    /// The index of the deadline `id`, or deadline_count() when there is none.
    std::size_t deadline_index(const std::string &id) const {
        const std::size_t n = deadline_count();
        for (std::size_t i = 0; i < n; i++)
            if (deadline_id(i) == id) return i;
        return n;
    }
    std::vector<plaint::warning> warnings() const {
        std::vector<plaint::warning> out;
        for (std::size_t i = 0; i < plaint_assessment_warning_count(h_.get()); i++) {
            plaint::warning w;
            w.code = to_string(plaint_assessment_warning_code(h_.get(), i));
            w.message = to_string(plaint_assessment_warning_message(h_.get(), i));
            w.calendar = to_string(plaint_assessment_warning_calendar(h_.get(), i));
            w.data_end = to_string(plaint_assessment_warning_data_end(h_.get(), i));
            w.deadline = to_string(plaint_assessment_warning_deadline(h_.get(), i));
            out.push_back(w);
        }
        return out;
    }
    /// The policy version applied: name, version label, first and last day
    /// in force (empty when none) and how it was chosen.
    std::string policy_name() const { return to_string(plaint_assessment_policy_name(h_.get())); }
    std::string policy_version() const { return to_string(plaint_assessment_policy_version(h_.get())); }
    std::string policy_effective_from() const { return to_string(plaint_assessment_policy_effective_from(h_.get())); }
    std::string policy_effective_to() const { return to_string(plaint_assessment_policy_effective_to(h_.get())); }
    std::string policy_selected_by() const { return to_string(plaint_assessment_policy_selected_by(h_.get())); }
    std::int64_t next_check_ms() const noexcept { return plaint_assessment_next_check_ms(h_.get()); }
    std::string state() const { return to_string(plaint_assessment_state(h_.get())); }
    std::int32_t escalation_level_max() const noexcept { return plaint_assessment_escalation_level_max(h_.get()); }
    std::vector<std::string> required_actions() const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < plaint_assessment_required_action_count(h_.get()); i++)
            out.push_back(to_string(plaint_assessment_required_action(h_.get(), i)));
        return out;
    }
    /// The assessment JSON (as plaint::engine::assess gives it).
    std::string json() const {
        char *out = nullptr;
        detail::check(plaint_assessment_to_json(h_.get(), &out), nullptr, "plaint_assessment_to_json");
        return detail::take(out);
    }
    const plaint_assessment *get() const noexcept { return h_.get(); }
    explicit assessment(plaint_assessment *a) noexcept : h_(a) {}

private:
    struct free_fn {
        void operator()(plaint_assessment *a) const noexcept { plaint_assessment_free(a); }
    };
    std::unique_ptr<plaint_assessment, free_fn> h_;
};

/// A validated policy (move-only).
class engine {
public:
    static engine preset(text name) {
        plaint_engine *e = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_engine_from_preset(name.data(), name.size(), &e, &err);
        detail::check(st, err, "plaint_engine_from_preset");
        return engine(e);
    }
    /// Validation problems are in error::json() (every problem, with paths).
    static engine from_json(text policy_json) {
        plaint_engine *e = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_engine_from_json(policy_json.data(), policy_json.size(), &e, &err);
        detail::check(st, err, "plaint_engine_from_json");
        return engine(e);
    }
    /// This engine's policy counting on `calendar` (newer holiday data: a
    /// calendar that extends the policy's own); this engine is unchanged.
    engine with_calendar(const plaint::calendar &calendar) const {
        plaint_engine *e = nullptr;
        char *err = nullptr;
        const plaint_status st = plaint_engine_with_calendar(h_.get(), calendar.get(), &e, &err);
        detail::check(st, err, "plaint_engine_with_calendar");
        return engine(e);
    }
    std::string classify(text complaint_json) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_classify(h_.get(), complaint_json.data(), complaint_json.size(), &out, &err);
        detail::check(st, err, "plaint_engine_classify");
        return detail::take(out);
    }
    std::string assess(text case_json, std::int64_t now_ms) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_assess(h_.get(), case_json.data(), case_json.size(), now_ms, &out, &err);
        detail::check(st, err, "plaint_engine_assess");
        return detail::take(out);
    }
    /// flags: 0, or PLAINT_ASSESS_NO_TRACE and one of PLAINT_ASSESS_BEYOND_DATA_*, or'd.
    std::string assess(text case_json, std::int64_t now_ms, std::uint32_t flags) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_assess_with(h_.get(), case_json.data(), case_json.size(), now_ms, flags, &out, &err);
        detail::check(st, err, "plaint_engine_assess_with");
        return detail::take(out);
    }
    /// The typed handle (no JSON to parse).
    plaint::assessment assess_typed(text case_json, std::int64_t now_ms, std::uint32_t flags = PLAINT_ASSESS_NO_TRACE) const {
        plaint_assessment *a = nullptr;
        char *err = nullptr;
        plaint_status st = plaint_assessment_new(h_.get(), case_json.data(), case_json.size(), now_ms, flags, &a, &err);
        detail::check(st, err, "plaint_assessment_new");
        return plaint::assessment(a);
    }
    /// JSON lines in, JSON lines out (one per input line; bad lines become
    /// {"error": ...} lines); `failed` receives the number of error lines.
    std::string assess_batch(text cases_jsonl, std::int64_t now_ms, std::uint32_t flags, std::size_t *failed = nullptr) const {
        char *out = nullptr, *err = nullptr;
        plaint_status st = plaint_engine_assess_batch(h_.get(), cases_jsonl.data(), cases_jsonl.size(), now_ms, flags, &out,
                                                      failed, &err);
        detail::check(st, err, "plaint_engine_assess_batch");
        return detail::take(out);
    }
    std::string stats(text input_json) const {
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
