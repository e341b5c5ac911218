// The Kotlin example of plaint: load the cn-property policy, assess a case at
// an instant and print its due dates. Build and run it (from the repository
// root, after `bash tools/uniffi/test.sh` or `make bindings` built the library):
//
//   bash examples/kotlin/run.sh
//
// On Android the same code runs with the library in jniLibs/ (see
// bindings/uniffi/README.md).

import java.io.File
import uniffi.plaint.Calendar
import uniffi.plaint.PlaintException
import uniffi.plaint.Policy

fun main(args: Array<String>) {
    val path = args.getOrElse(0) { "examples/cases/major-leak.json" }
    val now = args.getOrElse(1) { "2026-09-29T10:00:00+08:00" }

    Policy.preset("cn-property").use { policy ->
        val a = policy.assess(File(path).readText(), now)
        println("${a.complaintId}: ${a.classification.severity} ${a.classification.category}, state ${a.state} at ${a.now}")
        for (d in a.deadlines) {
            val remaining = when {
                d.metAt != null -> "met at ${d.metAt}"
                d.remaining != null -> "${d.remaining} ${d.unit} left"
                else -> ""
            }
            println("  %-22s %-9s due %-27s %s".format(d.id, d.state, d.dueAt ?: "-", remaining))
        }
        for (e in a.escalations) println("  escalate to ${e.level} (${e.trigger}): notify at ${e.notifyAt}")
        println("  assess again at ${a.nextCheckAt ?: "-"}")
    }

    // Deadline arithmetic on a working calendar, and an error with its code.
    Calendar.preset("cn-mainland").use { cal ->
        println("3 working days from 2026-09-24T16:00:00+08:00: " + cal.add("2026-09-24T16:00:00+08:00", "working_days", 3))
        try {
            cal.add("2026-09-24T16:00:00", "working_days", 3)
        } catch (e: PlaintException.Invalid) {
            println("error ${e.code} at ${e.path}: ${e.detail}")
        }
    }
}
