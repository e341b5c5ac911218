// The fields every plaint error has, whatever its family, and a readable
// message: `error.code`, `error.path`, `error.localizedDescription` ==
// "<code>: <detail>" (as Kotlin's `message` and Rust's Display). Hand-written
// beside the generated Plaint.swift (uniffi.toml omits uniffi's own
// LocalizedError conformance, whose errorDescription is a reflection dump).
import Foundation

extension PlaintError: LocalizedError, CustomStringConvertible {
    /// The stable snake_case code (docs/errors.md).
    public var code: String {
        switch self {
        case let .Invalid(code, _, _, _), let .UnknownPreset(code, _, _, _), let .CalendarRangeExceeded(code, _, _, _),
             let .Amount(code, _, _, _), let .Transition(code, _, _, _), let .EventLog(code, _, _, _),
             let .InputTooLarge(code, _, _, _):
            return code
        }
    }

    /// The JSON path (RFC 6901) of the first problem; "" for the whole input.
    public var path: String {
        switch self {
        case let .Invalid(_, path, _, _), let .UnknownPreset(_, path, _, _), let .CalendarRangeExceeded(_, path, _, _),
             let .Amount(_, path, _, _), let .Transition(_, path, _, _), let .EventLog(_, path, _, _),
             let .InputTooLarge(_, path, _, _):
            return path
        }
    }

    /// Every problem, with its path.
    public var detail: String {
        switch self {
        case let .Invalid(_, _, detail, _), let .UnknownPreset(_, _, detail, _), let .CalendarRangeExceeded(_, _, detail, _),
             let .Amount(_, _, detail, _), let .Transition(_, _, detail, _), let .EventLog(_, _, detail, _),
             let .InputTooLarge(_, _, detail, _):
            return detail
        }
    }

    /// Every problem found (validation reports all of them).
    public var problems: [Problem] {
        switch self {
        case let .Invalid(_, _, _, problems), let .UnknownPreset(_, _, _, problems),
             let .CalendarRangeExceeded(_, _, _, problems), let .Amount(_, _, _, problems),
             let .Transition(_, _, _, problems), let .EventLog(_, _, _, problems),
             let .InputTooLarge(_, _, _, problems):
            return problems
        }
    }

    public var errorDescription: String? { "\(code): \(detail)" }

    public var description: String { "\(code): \(detail)" }
}
