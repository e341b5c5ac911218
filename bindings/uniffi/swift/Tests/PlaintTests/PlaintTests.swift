// XCTest tests of the Swift bindings, written against the generated API
// (../../../generated/swift/Plaint.swift). They run on macOS with
// `swift test` after ../../scripts/build-xcframework.sh; on Linux
// tools/uniffi/test.sh checks that they parse and that every API they call
// exists in the generated sources.
import Foundation
import XCTest
@testable import Plaint

final class PlaintTests: XCTestCase {
    private func resource(_ name: String) throws -> String {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    private func codeAndPath(_ error: Error) -> (String, String)? {
        switch error as? PlaintError {
        case let .Invalid(code, path, _, _): return (code, path)
        case let .UnknownPreset(code, path, _, _): return (code, path)
        case let .CalendarRangeExceeded(code, path, _, _): return (code, path)
        case let .Amount(code, path, _, _): return (code, path)
        case let .InputTooLarge(code, path, _, _): return (code, path)
        case .none: return nil
        }
    }

    private func assertError(_ code: String, path: String? = nil, _ body: () throws -> Void,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let (c, p) = codeAndPath(error) else {
                return XCTFail("not a PlaintError: \(error)", file: file, line: line)
            }
            XCTAssertEqual(c, code, file: file, line: line)
            if let path = path {
                XCTAssertEqual(p, path, file: file, line: line)
            }
        }
    }

    // MARK: API

    func testVersion() {
        XCTAssertFalse(version().isEmpty)
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
        let complaint = try resource("01-leak-injury")
        let c = try policy.classify(complaintJson: complaint)
        XCTAssertEqual(c.severity, "major")
        let json = try policy.classifyJson(complaintJson: complaint)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["severity"] as? String, c.severity)
        XCTAssertEqual(object["category"] as? String, c.category)
        XCTAssertEqual(object["validity_suggestion"] as? String, c.validitySuggestion)
        XCTAssertEqual(object["claim_type"] as? String, c.claimType)
    }

    func testAssess() throws {
        let policy = try Policy.preset(name: "cn-property")
        let a = try policy.assess(caseJson: try resource("major-leak"), nowRfc3339: "2026-09-29T10:00:00+08:00")
        XCTAssertEqual(a.complaintId, "PM-2026-0917")
        XCTAssertEqual(a.classification.severity, "major")
        XCTAssertFalse(a.deadlines.isEmpty)
        let reply = try XCTUnwrap(a.deadlines.first { $0.id == "major_reply" })
        XCTAssertEqual(reply.dueAt, "2026-09-29T18:00:00+08:00")
        XCTAssertEqual(reply.unit, "working days")
        XCTAssertNotNil(reply.remaining)
        XCTAssertFalse(a.escalations.isEmpty)
        XCTAssertFalse(a.escalations[0].notifyAt.isEmpty)
        XCTAssertEqual(a.nextCheckAt, "2026-09-29T18:00:00+08:00")
    }

    // The worked examples of TIME.md.
    func testTimeMdExamples() throws {
        let cal = try Calendar.preset(name: "cn-mainland")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-09-24T16:00:00+08:00", clock: "working_days", amount: 3),
                       "2026-09-30T18:00:00+08:00")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-09-29T10:00:00+08:00", clock: "working_days", amount: 3),
                       "2026-10-09T18:00:00+08:00")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-09-30T17:30:00+08:00", clock: "business", amount: 120),
                       "2026-10-08T10:30:00+08:00")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-10-09T11:00:00+08:00", clock: "working_days", amount: 1),
                       "2026-10-10T18:00:00+08:00")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-09-21T12:00:00+08:00", clock: "calendar_days", amount: 15,
                                   roll: "next_working_day"),
                       "2026-10-08T18:00:00+08:00")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-09-21T12:00:00+08:00", clock: "calendar_days", amount: 15,
                                   end: "end_of_day", roll: "next_working_day"),
                       "2026-10-09T00:00:00+08:00")
        XCTAssertEqual(try cal.add(startRfc3339: "2026-09-19T10:00:00+08:00", clock: "working_days", amount: 1),
                       "2026-09-20T18:00:00+08:00")
    }

    func testAddMillis() throws {
        let cal = try Calendar.preset(name: "cn-mainland")
        let start: Int64 = 1_790_236_800_000 // 2026-09-24T16:00:00+08:00
        let due = try cal.addMillis(startMs: start, clock: "working_days", amount: 3)
        XCTAssertEqual(try cal.formatMillis(ms: due), "2026-09-30T18:00:00+08:00")
        XCTAssertEqual(cal.validFrom(), "2020-01-01")
        XCTAssertFalse(cal.validTo().isEmpty)
    }

    // MARK: errors

    func testMalformedJson() throws {
        let policy = try Policy.preset(name: "cn-property")
        assertError("invalid_json") { _ = try policy.classify(complaintJson: "{\"id\": ") }
        assertError("invalid_json") { _ = try Policy.fromJson(json: "{") }
    }

    func testUnknownPreset() {
        assertError("unknown_preset") { _ = try Policy.preset(name: "cn-proprety") }
        assertError("unknown_calendar") { _ = try Calendar.preset(name: "cn") }
        XCTAssertThrowsError(try Policy.preset(name: "cn-proprety")) { error in
            guard case let .UnknownPreset(_, _, detail, problems) = error as? PlaintError else {
                return XCTFail("expected PlaintError.UnknownPreset, got \(error)")
            }
            XCTAssertTrue(detail.contains("cn-property"))
            XCTAssertEqual(problems.count, 1)
        }
    }

    func testStartWithoutOffset() throws {
        let cal = try Calendar.preset(name: "cn-mainland")
        assertError("instant_without_offset", path: "/start") {
            _ = try cal.add(startRfc3339: "2026-09-24T16:00:00", clock: "working_days", amount: 3)
        }
    }

    func testBeyondCalendarData() throws {
        let cal = try Calendar.preset(name: "cn-mainland")
        assertError("calendar_range_exceeded") {
            _ = try cal.add(startRfc3339: "2030-01-07T10:00:00+08:00", clock: "working_days", amount: 3)
        }
    }

    func testNegativeAmount() throws {
        let cal = try Calendar.preset(name: "cn-mainland")
        assertError("negative_amount") {
            _ = try cal.add(startRfc3339: "2026-09-24T16:00:00+08:00", clock: "working_days", amount: -3)
        }
    }

    // MARK: conformance vectors

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
        let dir = try XCTUnwrap(Bundle.module.url(forResource: "vectors", withExtension: nil))
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
