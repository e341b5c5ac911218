// XCTest tests of the Swift bindings, written against the generated API
// (Sources/Plaint/Plaint.swift). They run on macOS with `swift test` in this
// folder after ../scripts/build-xcframework.sh; on Linux tools/uniffi/test.sh
// checks that they parse and that every API they call exists in the Swift
// sources. The conformance vectors and examples are read from the
// repository (three folders up from this package).
import Foundation
import XCTest
@testable import Plaint

final class PlaintTests: XCTestCase {
    /// The repository root: bindings/uniffi/swift/Tests/PlaintTests/<this file> is five levels down.
    private let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    private func at(_ rfc3339: String) -> Date {
        ISO8601DateFormatter().date(from: rfc3339)!
    }

    private func assertError(_ code: String, path: String? = nil, _ body: () throws -> Void,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let e = error as? PlaintError else {
                return XCTFail("not a PlaintError: \(error)", file: file, line: line)
            }
            XCTAssertEqual(e.code, code, file: file, line: line)
            if let path = path {
                XCTAssertEqual(e.path, path, file: file, line: line)
            }
            XCTAssertEqual(e.localizedDescription, "\(code): \(e.detail)", file: file, line: line)
        }
    }

    private func majorLeak() -> Case {
        Case(
            complaint: Complaint(
                id: "PM-2026-0917", receivedAt: at("2026-09-24T16:00:00+08:00"), channel: .letter,
                customer: Customer(id: "owner-1201", tier: .regular), subject: "漏水", department: "工程部",
                text: "楼上漏水,天花板掉落砸伤了我母亲,水还在往下滴。已写信至集团总部。",
                facts: Facts(harmOngoing: true, personalInjury: true, involvesOtherDepartment: true, cause: .hardware)
            ),
            events: [
                Event(kind: .registered, at: at("2026-09-24T16:05:00+08:00"), by: "front-desk-li"),
                Event(kind: .forwarded, at: at("2026-09-24T16:20:00+08:00"), by: "front-desk-li", to: "engineering"),
                Event(kind: .remedyProposed, at: at("2026-09-28T11:00:00+08:00"), by: "front-desk-li",
                      remedy: .compensation, remedyAmount: 2000, level: "front_desk"),
            ]
        )
    }

    // MARK: API

    func testVersionAndPresets() {
        XCTAssertFalse(version().isEmpty)
        XCTAssertTrue(policyPresets().contains("cn-property"))
        XCTAssertTrue(calendarPresets().contains("cn-mainland"))
    }

    func testPolicyPreset() throws {
        let policy = try Policy.preset(name: "cn-property")
        XCTAssertEqual(policy.name(), "cn-property")
        XCTAssertEqual(policy.calendar().name(), "cn-mainland")
        XCTAssertEqual(policy.calendar().zone(), "Asia/Shanghai")
        XCTAssertEqual(try Policy.fromJson(json: "\"cn-goods\"").name(), "cn-goods")
    }

    func testClassify() throws {
        let policy = try Policy.preset(name: "cn-property")
        let c = try policy.classifyJson(complaintJson: try text("examples/complaints/01-leak-injury.json"))
        XCTAssertEqual(c.severity, .major)
        XCTAssertEqual(c.category, .quality)
        XCTAssertEqual(c.signals.map { $0.signal }, ["injury", "leak", "quality"])
    }

    func testAssessTypedAndJsonAgree() throws {
        let policy = try Policy.preset(name: "cn-property")
        let now = at("2026-09-29T10:00:00+08:00")
        let a = try policy.assess(case: majorLeak(), now: now)
        XCTAssertEqual(a, try policy.assessJson(caseJson: try text("examples/cases/major-leak.json"), now: now))
        XCTAssertEqual(a.complaintId, "PM-2026-0917")
        XCTAssertEqual(a.state, .inProgress)
        let reply = try XCTUnwrap(a.deadlines.first { $0.id == "major_reply" })
        XCTAssertEqual(reply.state, .pending)
        XCTAssertEqual(reply.warnAt, at("2026-09-29T13:45:00+08:00"))
        XCTAssertEqual(reply.dueAt, at("2026-09-29T18:00:00+08:00"))
        XCTAssertEqual(reply.unit, .workingDays)
        XCTAssertEqual(reply.remaining, 1)
        XCTAssertEqual(a.escalations.map { $0.level }, ["general_manager", "service_centre_manager"])
        XCTAssertEqual(a.nextCheckAt, at("2026-09-29T13:45:00+08:00"))
        XCTAssertEqual(reply.state.label(lang: .zhHans), "进行中")
    }

    func testAssessManyAndStatsAsync() async throws {
        let policy = try await Policy.presetAsync(name: "cn-property")
        let now = at("2026-09-29T10:00:00+08:00")
        let cases = [majorLeak(), majorLeak()]
        let outcomes = try await policy.assessManyAsync(cases: cases, now: now)
        XCTAssertEqual(outcomes, try policy.assessMany(cases: cases, now: now))
        let stats = try await policy.statsAsync(cases: cases, now: now, options: StatsOptions())
        XCTAssertEqual(stats.total, 2)
        XCTAssertEqual(stats, try await policy.statsAsync(cases: cases, now: now))
    }

    // MARK: time past the calendar's data

    /// A cn-petition-2022 petition received Tue 2026-12-01 and accepted Thu 2026-12-03, Beijing time.
    private func petition() -> Case {
        Case(
            complaint: Complaint(id: "PET-1", receivedAt: at("2026-12-01T10:00:00+08:00"), text: "信访事项"),
            events: [
                Event(kind: .received, at: at("2026-12-01T10:00:00+08:00")),
                Event(kind: .acknowledged, at: at("2026-12-03T10:00:00+08:00")),
            ]
        )
    }

    func testPastTheCalendarsData() throws {
        let policy = try Policy.preset(name: "cn-petition-2022")
        let now = at("2026-12-06T10:00:00+08:00")
        let a = try policy.assess(case: petition(), now: now)
        let notice = try XCTUnwrap(a.deadlines.first { $0.id == "written_notice" })
        XCTAssertEqual(notice.state, .met)
        // Handling: 60 days from 12-03 reach 2027-02-01, past cn-mainland's data (to 2026-12-31).
        let handling = try XCTUnwrap(a.deadlines.first { $0.id == "handling" })
        XCTAssertEqual(handling.state, .undetermined)
        XCTAssertEqual(handling.error?.code, "calendar_range_exceeded")
        XCTAssertNil(handling.dueAt)
        XCTAssertEqual(handling.calendar, "cn-mainland")
        XCTAssertFalse(handling.provisional)
        // 25 days to the data's end, inside the 60-day horizon.
        XCTAssertEqual(a.warnings.map { $0.code }, [.calendarDataEnding, .deadlineUndetermined])
        XCTAssertEqual(a.warnings.map { $0.daysLeft }, [25, 25])
        XCTAssertNil(a.nextCheckAt)

        // On projected data: day 60 is Mon 2027-02-01, a working day; close of business.
        let p = try policy.assess(case: petition(), now: now, options: AssessOptions(beyondData: .projected))
        let projected = try XCTUnwrap(p.deadlines.first { $0.id == "handling" })
        XCTAssertEqual(projected.state, .pending)
        XCTAssertTrue(projected.provisional)
        XCTAssertEqual(projected.dueAt, at("2027-02-01T18:00:00+08:00"))
        let w = try XCTUnwrap(p.warnings.first { $0.code == .projectedData })
        XCTAssertEqual(w.dates, ["2027-01-01"])
        XCTAssertEqual(w.deadline, "handling")

        let outcomes = try policy.assessMany(cases: [petition()], now: now, options: AssessOptions(beyondData: .projected))
        XCTAssertEqual(outcomes, [.assessed(assessment: p)])
        let stats = try policy.stats(cases: [petition()], now: now, options: StatsOptions(beyondData: .undetermined))
        XCTAssertEqual(stats.onTime["handling"]?.undetermined, 1)
        XCTAssertEqual(stats.crossingDataEnd.openComplaints, 1)
    }

    func testImportedYearCalendarStatusAndProjectedDueTimes() throws {
        // The all-day events of an iCalendar feed, DTEND exclusive: 3 + 8 days of 2027.
        let feed = Feed.events(events: [
            FeedEvent(start: "2027-01-01", end: "2027-01-04", summary: "元旦假期"),
            FeedEvent(start: "2027-02-05", end: "2027-02-13", summary: "春节假期"),
        ])
        let imported = try importFeed(base: "cn-mainland", feed: feed)
        XCTAssertEqual(imported.kept, 11)
        XCTAssertEqual(imported.skipped, 0)
        let cal = try WorkCalendar.fromJson(json: imported.calendarJson)
        XCTAssertEqual(cal.validTo(), "2027-12-31")
        let policy = try Policy.preset(name: "cn-petition-2022").withCalendar(calendar: cal)
        let a = try policy.assess(case: petition(), now: at("2026-12-06T10:00:00+08:00"))
        let handling = try XCTUnwrap(a.deadlines.first { $0.id == "handling" })
        XCTAssertEqual(handling.dueAt, at("2027-02-01T18:00:00+08:00"))
        XCTAssertFalse(handling.provisional)
        XCTAssertTrue(a.warnings.isEmpty)
        assertError("invalid_feed", path: "/events") { _ = try importFeed(base: "cn-mainland", feed: .events(events: [])) }
        assertError("invalid_value", path: "/calendar") {
            _ = try Policy.preset(name: "cn-petition-2022").withCalendar(calendar: try WorkCalendar.preset(name: "gb-eng"))
        }

        let mainland = try WorkCalendar.preset(name: "cn-mainland")
        let status = try mainland.status(at: at("2026-12-06T10:00:00+08:00"))
        XCTAssertEqual(status.dataTo, "2026-12-31")
        XCTAssertEqual(status.daysLeft, 25)
        XCTAssertEqual(status.projectedTo, "2030-12-31")
        // 5 working days from Mon 2026-12-28: 29, 30, 31, (01-01 projected holiday, weekend), Mon 4, Tue 5.
        let start = at("2026-12-28T10:00:00+08:00")
        let due = try mainland.due(start: start, clock: .workingDays, amount: 5, beyondData: .projected)
        XCTAssertEqual(due, DueTime(dueAt: at("2027-01-05T18:00:00+08:00"), provisional: true))
        let ex = try mainland.explain(start: start, clock: .workingDays, amount: 5, beyondData: .projected)
        XCTAssertTrue(ex.provisional)
        XCTAssertEqual(ex.days.filter { $0.projected }.first?.date, "2027-01-01")
        assertError("calendar_range_exceeded") { _ = try mainland.due(start: start, clock: .workingDays, amount: 5) }
    }

    func testWindowLapsed() throws {
        // in-rbi (RB-IOS 2026): replied Fri 2026-07-10; the ombudsman window, 90 days, ends Thu 10-08 24:00 IST.
        let policy = try Policy.preset(name: "in-rbi")
        let c = Case(
            complaint: Complaint(id: "W-1", receivedAt: at("2026-07-01T11:00:00+05:30"), channel: .letter, text: "complaint"),
            events: [Event(kind: .replied, at: at("2026-07-10T12:00:00+05:30"))]
        )
        let a = try policy.assess(case: c, now: at("2026-10-09T09:00:00+05:30"))
        let window = try XCTUnwrap(a.deadlines.first { $0.id == "ombudsman_window" })
        XCTAssertEqual(window.kind, .window)
        XCTAssertEqual(window.state, .lapsed)
        XCTAssertEqual(window.dueAt, at("2026-10-09T00:00:00+05:30"))
    }

    // MARK: policy versions

    func testPolicyVersions() throws {
        let policy = try Policy.preset(name: "cn-consumer-samr")
        func received(_ day: String) -> Case {
            Case(complaint: Complaint(id: day, receivedAt: at(day + "T10:00:00+08:00"), channel: .letter, text: "complaint"))
        }
        let old = try policy.assess(case: received("2026-04-14"), now: at("2026-04-15T09:00:00+08:00"))
        let new = try policy.assess(case: received("2026-04-15"), now: at("2026-04-16T09:00:00+08:00"))
        XCTAssertEqual(old.policyVersion, PolicyVersion(name: "cn-consumer-samr", version: "2022", effectiveFrom: "2020-01-01",
                                                        effectiveTo: "2026-04-14", selectedBy: .receivedAt))
        XCTAssertEqual(new.policyVersion, PolicyVersion(name: "cn-consumer-samr", version: "2026", effectiveFrom: "2026-04-15",
                                                        effectiveTo: nil, selectedBy: .receivedAt))
        XCTAssertEqual(policy.summary().versions.map { $0.version }, ["2022", "2026"])
        let pinned = try Policy.preset(name: "cn-consumer-samr@2022")
        let p = try pinned.assess(case: received("2026-04-15"), now: at("2026-04-16T09:00:00+08:00"))
        XCTAssertEqual(p.policyVersion.selectedBy, .pinned)
    }

    // The worked examples of the docs.
    func testWorkedExamples() throws {
        let cal = try WorkCalendar.preset(name: "cn-mainland")
        XCTAssertEqual(try cal.add(start: at("2026-09-24T16:00:00+08:00"), clock: .workingDays, amount: 3),
                       at("2026-09-30T18:00:00+08:00"))
        XCTAssertEqual(try cal.add(start: at("2026-09-30T17:30:00+08:00"), clock: .business, amount: 120),
                       at("2026-10-08T10:30:00+08:00"))
        XCTAssertEqual(try cal.add(start: at("2026-09-21T12:00:00+08:00"), clock: .calendarDays, amount: 15,
                                   roll: .nextWorkingDay),
                       at("2026-10-08T18:00:00+08:00"))
        XCTAssertEqual(try cal.add(start: at("2026-09-21T12:00:00+08:00"), clock: .calendarDays, amount: 15,
                                   end: .endOfDay, roll: .nextWorkingDay),
                       at("2026-10-09T00:00:00+08:00"))
        let due = try cal.add(start: at("2026-09-19T10:00:00+08:00"), clock: .workingDays, amount: 1)
        XCTAssertEqual(try cal.format(at: due), "2026-09-20T18:00:00+08:00")
        let text = try cal.explainDeadline(start: at("2026-09-24T16:00:00+08:00"), clock: .workingDays, amount: 3)
        XCTAssertTrue(text.hasPrefix("2026-09-30T18:00:00+08:00\ncalendar cn-mainland"))
        XCTAssertTrue(text.hasSuffix("due 2026-09-30T18:00:00+08:00\n"))
    }

    // MARK: errors

    func testErrors() throws {
        let policy = try Policy.preset(name: "cn-property")
        let cal = try WorkCalendar.preset(name: "cn-mainland")
        assertError("invalid_json") { _ = try policy.classifyJson(complaintJson: "{\"id\": ") }
        assertError("unknown_preset") { _ = try Policy.preset(name: "cn-proprety") }
        assertError("unknown_calendar") { _ = try WorkCalendar.preset(name: "cn") }
        assertError("calendar_range_exceeded") {
            _ = try cal.add(start: self.at("2030-01-07T10:00:00+08:00"), clock: .workingDays, amount: 3)
        }
        assertError("negative_amount", path: "/amount") {
            _ = try cal.add(start: self.at("2026-09-24T16:00:00+08:00"), clock: .workingDays, amount: -3)
        }
        assertError("invalid_value", path: "/now") {
            _ = try policy.assess(case: self.majorLeak(), now: self.at("2026-09-20T10:00:00+08:00"))
        }
    }

    // MARK: conformance vectors (the JSON API)

    private func subset(_ expect: Any, _ actual: Any, _ path: String, _ diffs: inout [String]) {
        if let e = expect as? [String: Any], let a = actual as? [String: Any] {
            for (key, value) in e {
                if let av = a[key] {
                    subset(value, av, path + "/" + key, &diffs)
                } else {
                    diffs.append("\(path)/\(key): missing")
                }
            }
        } else if let e = expect as? NSObject, let a = actual as? NSObject, e.isEqual(a) {
            return
        } else {
            diffs.append("\(path): expected \(expect), got \(actual)")
        }
    }

    func testConformanceVectors() throws {
        let dir = root.appendingPathComponent("tests/vectors")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var count = 0
        for file in files {
            let suite = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            for case let item as [String: Any] in try XCTUnwrap(suite["cases"] as? [Any]) {
                count += 1
                let id = "\(file.lastPathComponent)#\(item["id"] ?? "?")"
                let op = try XCTUnwrap(item["op"] as? String)
                let input = try JSONSerialization.data(withJSONObject: try XCTUnwrap(item["input"]))
                let inputJson = try XCTUnwrap(String(data: input, encoding: .utf8))
                if let expect = item["expect"] {
                    let output = try runOp(op: op, inputJson: inputJson)
                    let actual = try JSONSerialization.jsonObject(with: Data(output.utf8))
                    var diffs: [String] = []
                    subset(expect, actual, "", &diffs)
                    XCTAssertTrue(diffs.isEmpty, "\(id): \(diffs.joined(separator: "; "))")
                } else {
                    let want = try XCTUnwrap(item["expect_error"] as? [String: Any], id)
                    assertError(try XCTUnwrap(want["code"] as? String), path: want["path"] as? String) {
                        _ = try runOp(op: op, inputJson: inputJson)
                    }
                }
            }
        }
        XCTAssertGreaterThan(count, 0)
    }
}
