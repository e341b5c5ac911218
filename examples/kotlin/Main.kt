// The Kotlin example of plaint (a JVM service or an Android app): build a
// case with the typed API, assess it off the caller's thread with the
// suspend variant, print its deadlines, explain one, handle an error, and
// assess a case whose deadline lies past the calendar's holiday data (the
// deadline is undetermined, or provisional on projected data; warnings say
// so).
//
//   bash examples/kotlin/run.sh
//
// The classpath is the plaint jar and its pom's dependencies (JNA,
// kotlin-stdlib, kotlinx-coroutines); the jar carries the native library.
// On Android the same code runs with the library module of
// bindings/uniffi/android.
package example

import java.time.Instant
import java.time.ZoneId
import kotlinx.coroutines.runBlocking
import org.plaint.AssessOptions
import org.plaint.BeyondData
import org.plaint.Case
import org.plaint.CaseOutcome
import org.plaint.Channel
import org.plaint.Complaint
import org.plaint.Customer
import org.plaint.CustomerTier
import org.plaint.DeadlineClock
import org.plaint.DeadlineState
import org.plaint.Event
import org.plaint.EventKind
import org.plaint.Facts
import org.plaint.Lang
import org.plaint.PlaintException
import org.plaint.Policy
import org.plaint.WorkCalendar
import org.plaint.code
import org.plaint.path

fun main(): Unit = runBlocking {
    val case = Case(
        complaint = Complaint(
            id = "PM-2026-0917",
            receivedAt = Instant.parse("2026-09-24T08:00:00Z"),
            channel = Channel.LETTER,
            customer = Customer(id = "owner-1201", tier = CustomerTier.REGULAR),
            subject = "漏水",
            text = "楼上漏水,天花板掉落砸伤了我母亲,水还在往下滴。已写信至集团总部。",
            facts = Facts(personalInjury = true, harmOngoing = true, involvesOtherDepartment = true),
        ),
        events = listOf(
            Event(kind = EventKind.REGISTERED, at = Instant.parse("2026-09-24T08:05:00Z"), by = "front-desk-li"),
            Event(kind = EventKind.FORWARDED, at = Instant.parse("2026-09-24T08:20:00Z"), by = "front-desk-li", to = "engineering"),
        ),
    )
    val now = Instant.parse("2026-09-29T02:00:00Z")

    Policy.presetAsync("cn-property").use { policy ->
        val zone = ZoneId.of(policy.calendar().zone())
        // Suspends; the batch runs on a worker thread.
        val outcome = policy.assessManyAsync(listOf(case), now).single()
        val a = (outcome as CaseOutcome.Assessed).assessment
        println("${a.complaintId}: ${a.classification.severity?.label(Lang.EN)}, state ${a.state.label(Lang.EN)}")
        for (d in a.deadlines) {
            val flag = when (d.state) {
                DeadlineState.BREACHED -> "!!"
                DeadlineState.AT_RISK -> "! "
                else -> "  "
            }
            println("  $flag ${d.id.padEnd(18)} ${d.state.code().padEnd(15)} due ${d.dueAt?.atZone(zone)?.toOffsetDateTime() ?: "-"}")
        }
        for (e in a.escalations) println("  escalate to ${e.level} (${e.on.label(Lang.ZH_HANS)}), notify at ${e.notifyAt.atZone(zone).toOffsetDateTime()}")
    }

    WorkCalendar.preset("cn-mainland").use { cal ->
        print(cal.explainDeadline(Instant.parse("2026-09-24T08:00:00Z"), DeadlineClock.WORKING_DAYS, 3L, lang = Lang.ZH_HANS))
        try {
            cal.add(Instant.parse("2030-01-07T02:00:00Z"), DeadlineClock.WORKING_DAYS, 3L)
        } catch (e: PlaintException) {
            println("error ${e.code} at '${e.path}': ${e.message}")
        }
    }

    // A petition accepted 2026-12-03 has 60 days to be handled: into 2027,
    // past cn-mainland's official holiday data (to 2026-12-31).
    val petition = Case(
        complaint = Complaint(id = "PET-1", receivedAt = Instant.parse("2026-12-01T02:00:00Z"), text = "信访事项"),
        events = listOf(
            Event(kind = EventKind.RECEIVED, at = Instant.parse("2026-12-01T02:00:00Z")),
            Event(kind = EventKind.ACKNOWLEDGED, at = Instant.parse("2026-12-03T02:00:00Z")),
        ),
    )
    Policy.preset("cn-petition-2022").use { policy ->
        val zone = ZoneId.of(policy.calendar().zone())
        for (beyond in listOf(BeyondData.UNDETERMINED, BeyondData.PROJECTED)) {
            val a = policy.assess(petition, Instant.parse("2026-12-06T02:00:00Z"), AssessOptions(beyondData = beyond))
            val h = a.deadlines.single { it.id == "handling" }
            when (h.state) {
                DeadlineState.UNDETERMINED -> println("handling: undetermined (${h.error?.code})")
                else -> println("handling: ${h.state.code()}, due ${h.dueAt?.atZone(zone)?.toOffsetDateTime()}" +
                    if (h.provisional) " (provisional)" else "")
            }
            for (w in a.warnings) println("  warning ${w.code.code()}: ${w.message}")
        }
    }
}
