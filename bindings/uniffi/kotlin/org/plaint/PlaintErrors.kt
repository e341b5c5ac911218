// The fields every plaint exception has, on the base type: catch
// PlaintException and read `e.code` and `e.path` without a `when` over the
// families. Java: PlaintErrors.getCode(e), PlaintErrors.getPath(e), ...
// (Hand-written; part of the jar and the Android library beside the
// generated plaint.kt.)
@file:JvmName("PlaintErrors")

package org.plaint

/** The stable snake_case code (docs/errors.md), whatever the family. */
val PlaintException.code: String
    get() = when (this) {
        is PlaintException.Invalid -> code
        is PlaintException.UnknownPreset -> code
        is PlaintException.CalendarRangeExceeded -> code
        is PlaintException.Amount -> code
        is PlaintException.Transition -> code
        is PlaintException.EventLog -> code
        is PlaintException.InputTooLarge -> code
    }

/** The JSON path (RFC 6901) of the first problem; "" for the whole input. */
val PlaintException.path: String
    get() = when (this) {
        is PlaintException.Invalid -> path
        is PlaintException.UnknownPreset -> path
        is PlaintException.CalendarRangeExceeded -> path
        is PlaintException.Amount -> path
        is PlaintException.Transition -> path
        is PlaintException.EventLog -> path
        is PlaintException.InputTooLarge -> path
    }

/** Every problem found (validation reports all of them, not only the first). */
val PlaintException.problems: List<Problem>
    get() = when (this) {
        is PlaintException.Invalid -> problems
        is PlaintException.UnknownPreset -> problems
        is PlaintException.CalendarRangeExceeded -> problems
        is PlaintException.Amount -> problems
        is PlaintException.Transition -> problems
        is PlaintException.EventLog -> problems
        is PlaintException.InputTooLarge -> problems
    }
