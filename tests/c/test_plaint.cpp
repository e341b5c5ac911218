// The C++ test of the plaint C ABI through include/plaint.hpp, built as
// C++11 and as C++17 (std::string_view): RAII handles, exceptions carrying
// the status, typed assessments (with warnings, projected data, newer
// calendars and policy versions), the batch, threads sharing one engine.
//
//   test_plaint_cpp CASE_FILE CALENDAR_2027   (tests/c/fixtures/cn-mainland-2027.json)
#include "plaint.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

static int passed = 0, failed = 0;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (cond) {                                                                      \
            passed++;                                                                    \
        } else {                                                                         \
            failed++;                                                                    \
            std::fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                \
    } while (0)

template <typename F>
static plaint_status status_of(F f) {
    try {
        f();
    } catch (const plaint::error &e) {
        return e.status();
    }
    return PLAINT_STATUS_OK;
}

int main(int argc, char **argv) {
    const char *case_file = argc > 1 ? argv[1] : "examples/cases/major-leak.json";
    std::ifstream in(case_file);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string case_json = buf.str();
    CHECK(!case_json.empty());

    CHECK(plaint::version() == plaint_version());
    auto engine = plaint::engine::preset("cn-property");
    const std::int64_t now = plaint::parse_instant("2026-09-29T10:00:00+08:00");
    const std::string one = engine.assess(case_json, now);
    CHECK(one.find("\"major_settle\"") != std::string::npos);
    CHECK(one == plaint::run_op("assess", "{\"policy\":\"cn-property\",\"now\":\"2026-09-29T10:00:00+08:00\",\"case\":" +
                                              case_json + "}"));

    // Exceptions carry the status, the code and the error JSON.
    try {
        plaint::engine::preset("cn-proprety");
        CHECK(false);
    } catch (const plaint::error &e) {
        CHECK(e.status() == PLAINT_STATUS_UNKNOWN_PRESET);
        CHECK(e.code() == "unknown_preset");
        CHECK(e.json().find("\"code\":\"unknown_preset\"") != std::string::npos);
    }
    CHECK(status_of([] { plaint::engine::from_json("{\"plaint_policy\": 2"); }) == PLAINT_STATUS_INVALID_JSON);
    CHECK(status_of([&] { engine.assess("{}", now); }) == PLAINT_STATUS_MISSING_FIELD);
    CHECK(status_of([&] { engine.classify("\xff"); }) == PLAINT_STATUS_INVALID_UTF8);
    CHECK(status_of([] { plaint::calendar::preset("cn"); }) == PLAINT_STATUS_UNKNOWN_CALENDAR);
    CHECK(status_of([] { plaint::parse_instant("2026-09-29T10:00:00"); }) == PLAINT_STATUS_INSTANT_WITHOUT_OFFSET);

    // Typed assessment: the values of the JSON, no JSON parsed.
    const plaint::assessment typed = engine.assess_typed(case_json, now);
    CHECK(typed.deadline_count() == 5);
    CHECK(typed.deadline_id(4) == "major_settle");
    CHECK(typed.deadline_state(4) == PLAINT_DEADLINE_STATE_PENDING);
    CHECK(typed.deadline_due_ms(4) == plaint::parse_instant("2026-10-12T18:00:00+08:00"));
    CHECK(typed.state() == "in_progress");
    // The next change is major_reply's warning point: 75 % of the working
    // time from Thu 09-24 16:00 to its due Tue 09-29 18:00 in cn-mainland's
    // hours (09:00-12:00, 13:30-18:00): 2 h on 09-24, 09-25..27 holidays,
    // 7.5 h on 09-28, 7.5 h on 09-29, 17 h in all; 12.75 h is reached at
    // 09-29 09:00 + 3 h + (13:30 + 15 min) = 13:45.
    CHECK(typed.next_check_ms() == plaint::parse_instant("2026-09-29T13:45:00+08:00"));
    CHECK(typed.required_actions().size() == 4 && typed.required_actions()[1] == "stop_the_harm_first");
    CHECK(typed.json() == engine.assess(case_json, now, PLAINT_ASSESS_NO_TRACE));
    CHECK(status_of([&] { engine.assess_typed("{}", now); }) == PLAINT_STATUS_MISSING_FIELD);
    // The batch: one line per case, the same text as single calls.
    std::string compact;
    for (char c : case_json) compact += (c == '\n' ? ' ' : c);
    std::size_t bad_lines = 7;
    const std::string lines = engine.assess_batch(compact + "\n{}\n" + compact, now, PLAINT_ASSESS_NO_TRACE, &bad_lines);
    const std::string lean = engine.assess(case_json, now, PLAINT_ASSESS_NO_TRACE);
    CHECK(bad_lines == 1);
    CHECK(lines.compare(0, lean.size() + 1, lean + "\n") == 0);
    CHECK(lines.find("\n{\"error\":{\"code\":\"missing_field\"") == lean.size());
    CHECK(lines.size() > 2 * lean.size() && lines.compare(lines.size() - lean.size() - 1, lean.size() + 1, lean + "\n") == 0);
    // plaint::text takes a C string, a std::string, or a pointer and length.
    const char *name = "cn-mainland!";
    CHECK(plaint::calendar::preset(plaint::text(name, 11)).get() != nullptr);
    CHECK(plaint::calendar::preset(std::string("cn-mainland")).get() != nullptr);

    // Past the calendar's data: undetermined, or provisional on projected
    // data; newer data from a file `plaint calendar import` wrote (argv[2]).
    // A petition accepted Thu 2026-12-03: day 60 is Mon 2027-02-01, 18:00.
    const std::string petition =
        "{\"complaint\":{\"id\":\"PET-1\",\"received_at\":\"2026-12-01T10:00:00+08:00\",\"text\":\"x\"},"
        "\"events\":[{\"type\":\"acknowledged\",\"at\":\"2026-12-03T10:00:00+08:00\"}]}";
    const std::int64_t dec6 = plaint::parse_instant("2026-12-06T10:00:00+08:00");
    const std::int64_t feb1 = plaint::parse_instant("2027-02-01T18:00:00+08:00");
    auto petitions = plaint::engine::preset("cn-petition-2022");
    const plaint::assessment undetermined = petitions.assess_typed(petition, dec6);
    const std::size_t handling = undetermined.deadline_index("handling");
    CHECK(undetermined.deadline_state(handling) == PLAINT_DEADLINE_STATE_UNDETERMINED);
    CHECK(undetermined.deadline_error(handling) == PLAINT_STATUS_CALENDAR_RANGE_EXCEEDED);
    CHECK(undetermined.deadline_kind(handling) == PLAINT_DEADLINE_KIND_DEADLINE);
    const std::vector<plaint::warning> warnings = undetermined.warnings();
    CHECK(warnings.size() == 2 && warnings[0].code == "calendar_data_ending" && warnings[0].deadline.empty() &&
          warnings[1].code == "deadline_undetermined" && warnings[1].deadline == "handling" &&
          warnings[1].calendar == "cn-mainland" && warnings[1].data_end == "2026-12-31");
    CHECK(undetermined.policy_name() == "cn-petition-2022" && undetermined.policy_selected_by() == "single");
    const plaint::assessment projected =
        petitions.assess_typed(petition, dec6, PLAINT_ASSESS_NO_TRACE | PLAINT_ASSESS_BEYOND_DATA_PROJECTED);
    CHECK(projected.deadline_due_ms(handling) == feb1 && projected.deadline_provisional(handling));
    CHECK(projected.warnings().size() == 2 && projected.warnings()[1].code == "projected_data");
    if (argc > 2) {
        std::ifstream cal_in(argv[2]);
        std::stringstream cal_buf;
        cal_buf << cal_in.rdbuf();
        const plaint::engine newer = petitions.with_calendar(plaint::calendar::from_json(cal_buf.str()));
        const plaint::assessment official = newer.assess_typed(petition, dec6);
        CHECK(official.deadline_due_ms(handling) == feb1 && !official.deadline_provisional(handling));
        CHECK(official.deadline_calendar(handling) == "cn-mainland-2027" && official.warnings().empty());
    } else {
        CHECK(!"the imported calendar's path (argv[2]) is missing");
    }
    CHECK(status_of([&] { petitions.with_calendar(plaint::calendar::preset("gb-eng")); }) == PLAINT_STATUS_INVALID_VALUE);
    const plaint::assessment pinned = plaint::engine::preset("cn-consumer-samr@2022").assess_typed(petition, dec6);
    CHECK(pinned.policy_name() == "cn-consumer-samr" && pinned.policy_version() == "2022" &&
          pinned.policy_effective_from() == "2020-01-01" && pinned.policy_effective_to() == "2026-04-14" &&
          pinned.policy_selected_by() == "pinned");

    // Calendars: typed calls, batch, formatting; moves keep one owner.
    auto cal = plaint::calendar::preset("cn-mainland");
    const std::int64_t start = plaint::parse_instant("2026-09-24T16:00:00+08:00");
    CHECK(cal.format(cal.add(start, PLAINT_CLOCK_WORKING_DAYS, 3)) == "2026-09-30T18:00:00+08:00");
    CHECK(status_of([&] { cal.add(start, PLAINT_CLOCK_WORKING_DAYS, -1); }) == PLAINT_STATUS_NEGATIVE_AMOUNT);
    std::vector<std::int64_t> starts(100);
    for (size_t i = 0; i < starts.size(); i++) starts[i] = start + static_cast<std::int64_t>(i) * 3600000;
    auto dues = cal.add_batch(starts, PLAINT_CLOCK_BUSINESS, 240);
    CHECK(dues.size() == starts.size() && dues[7] == cal.add(starts[7], PLAINT_CLOCK_BUSINESS, 240));
    CHECK(cal.add_batch({}, PLAINT_CLOCK_BUSINESS, 240).empty());
    plaint::calendar moved = std::move(cal);
    CHECK(moved.get() != nullptr && cal.get() == nullptr);
    auto policy_cal = engine.calendar();
    CHECK(policy_cal.add(start, PLAINT_CLOCK_WORKING_DAYS, 3) == moved.add(start, PLAINT_CLOCK_WORKING_DAYS, 3));

    // 8 threads share one engine and one calendar: the same results as one thread.
    std::vector<std::string> outs(8);
    std::vector<std::vector<std::int64_t>> batch(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; t++) {
        threads.emplace_back([&, t] {
            outs[t] = engine.assess(case_json, now);
            batch[t] = moved.add_batch(starts, PLAINT_CLOCK_BUSINESS, 240);
        });
    }
    for (auto &th : threads) th.join();
    for (int t = 0; t < 8; t++) {
        CHECK(outs[t] == one);
        CHECK(batch[t] == dues);
    }

    std::printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
