// Tests of the Kotlin bindings (org.plaint) on the JVM: the typed API, the
// errors, the suspend variants (kotlinx-coroutines), the worked examples of
// the docs, and every conformance vector of tests/vectors twice: through
// the JSON API (runOp, the same subset comparison as the Rust runner) and
// through the typed API (records built from the vector's input; the typed
// result, written in the JSON API's schema, must equal the JSON API's
// output; an error must have the same code and path; an input the types
// cannot express must be one the core refuses). A document the typed API
// loads by itself (a replacement calendar: WorkCalendar.fromJson, then
// Policy.withCalendar) reports paths inside that document; the JSON API
// nests it in the request (`/calendar/valid_to`), so the runner puts the
// document's place in front of the typed path before comparing.
//
// Run by tools/uniffi/test.sh with the plaint jar on the classpath and no
// jna.library.path: the native library is loaded from the jar.
// Prints one line per failure and closes with `kotlin: N passed, M failed`;
// exits non-zero when anything failed.

import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneId
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.plaint.*

// ------------------------------------------------------------------ a tiny JSON reader

/** A JSON value; numbers keep their text (an integer never equals a float, as in serde_json). */
sealed class Json {
    object Null : Json()
    data class Bool(val v: Boolean) : Json()
    data class Num(val text: String) : Json() {
        val isInt get() = text.none { it == '.' || it == 'e' || it == 'E' }
        override fun equals(other: Any?) = other is Num && isInt == other.isInt &&
            (if (isInt) text.toBigInteger() == other.text.toBigInteger() else text.toDouble() == other.text.toDouble())
        override fun hashCode() = 0
    }
    data class Str(val v: String) : Json()
    data class Arr(val items: List<Json>) : Json()
    data class Obj(val fields: LinkedHashMap<String, Json>) : Json()

    operator fun get(key: String): Json? = (this as? Obj)?.fields?.get(key)
    val str: String? get() = (this as? Str)?.v

    /** Compact JSON text. */
    fun text(): String = StringBuilder().also { write(it) }.toString()

    private fun write(out: StringBuilder) {
        when (this) {
            Null -> out.append("null")
            is Bool -> out.append(v)
            is Num -> out.append(text)
            is Str -> quote(v, out)
            is Arr -> { out.append('['); items.forEachIndexed { i, x -> if (i > 0) out.append(','); x.write(out) }; out.append(']') }
            is Obj -> {
                out.append('{')
                var first = true
                for ((k, x) in fields) { if (!first) out.append(','); first = false; quote(k, out); out.append(':'); x.write(out) }
                out.append('}')
            }
        }
    }

    override fun toString() = text()

    companion object {
        fun quote(s: String, out: StringBuilder) {
            out.append('"')
            for (c in s) when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c == '\r' -> out.append("\\r")
                c == '\t' -> out.append("\\t")
                c < ' ' -> out.append("\\u%04x".format(c.code))
                else -> out.append(c)
            }
            out.append('"')
        }

        fun parse(text: String): Json {
            val p = Parser(text)
            val v = p.value()
            p.ws()
            if (p.i != text.length) p.error("trailing characters")
            return v
        }
    }
}

class Parser(private val s: String) {
    var i = 0

    fun error(msg: String): Nothing = throw IllegalArgumentException("JSON: $msg at offset $i")

    fun ws() { while (i < s.length && s[i] in " \t\r\n") i++ }

    private fun expect(word: String) {
        if (!s.startsWith(word, i)) error("expected $word")
        i += word.length
    }

    fun value(): Json {
        ws()
        if (i >= s.length) error("unexpected end")
        return when (s[i]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> Json.Str(string())
            't' -> { expect("true"); Json.Bool(true) }
            'f' -> { expect("false"); Json.Bool(false) }
            'n' -> { expect("null"); Json.Null }
            else -> num()
        }
    }

    private fun obj(): Json {
        i++
        val fields = LinkedHashMap<String, Json>()
        ws()
        if (s[i] == '}') { i++; return Json.Obj(fields) }
        while (true) {
            ws()
            if (s[i] != '"') error("expected a key")
            val k = string()
            ws()
            expect(":")
            fields[k] = value()
            ws()
            when (s[i++]) {
                ',' -> continue
                '}' -> return Json.Obj(fields)
                else -> { i--; error("expected , or }") }
            }
        }
    }

    private fun arr(): Json {
        i++
        val items = ArrayList<Json>()
        ws()
        if (s[i] == ']') { i++; return Json.Arr(items) }
        while (true) {
            items.add(value())
            ws()
            when (s[i++]) {
                ',' -> continue
                ']' -> return Json.Arr(items)
                else -> { i--; error("expected , or ]") }
            }
        }
    }

    private fun string(): String {
        i++
        val out = StringBuilder()
        while (true) {
            if (i >= s.length) error("unterminated string")
            val c = s[i++]
            when (c) {
                '"' -> return out.toString()
                '\\' -> {
                    val e = s[i++]
                    when (e) {
                        '"', '\\', '/' -> out.append(e)
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> { out.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                        else -> error("bad escape \\$e")
                    }
                }
                else -> out.append(c)
            }
        }
    }

    private fun num(): Json {
        val start = i
        while (i < s.length && s[i] in "+-0123456789.eE") i++
        if (start == i) error("unexpected character '${s[i]}'")
        return Json.Num(s.substring(start, i))
    }
}

/** Where `expect` differs from `actual`: objects as subsets, arrays and scalars exactly. */
fun subset(expect: Json, actual: Json, path: String, diffs: MutableList<String>) {
    if (expect is Json.Obj && actual is Json.Obj) {
        for ((k, ev) in expect.fields) {
            val av = actual.fields[k]
            if (av == null) diffs.add("$path/$k: missing, expected $ev") else subset(ev, av, "$path/$k", diffs)
        }
    } else if (expect != actual) {
        diffs.add("$path: expected $expect, got $actual")
    }
}

// ------------------------------------------------------------------ JSON -> typed input

/** An input the typed API cannot express (a wrong JSON type, an unknown key or code, an instant without offset). */
class NotRepresentable(why: String) : Exception(why)

fun nr(why: String): Nothing = throw NotRepresentable(why)

/** The fields of an object, each read at most once; `done()` refuses keys nobody read. */
class Fields(val json: Json, val what: String) {
    private val obj = json as? Json.Obj ?: nr("$what: not an object")
    private val read = HashSet<String>()
    fun raw(k: String): Json? { read.add(k); return obj.fields[k]?.takeIf { it != Json.Null } }
    fun str(k: String): String? = raw(k)?.let { (it as? Json.Str)?.v ?: nr("$what/$k: not a string") }
    fun bool(k: String): Boolean? = raw(k)?.let { (it as? Json.Bool)?.v ?: nr("$what/$k: not a bool") }
    fun long(k: String): Long? = raw(k)?.let {
        val n = it as? Json.Num ?: nr("$what/$k: not a number")
        // A whole number is an integer however it is written (2.0, 1e0), as the core reads it.
        val b = try { n.text.toBigDecimal().toBigIntegerExact() } catch (e: ArithmeticException) { nr("$what/$k: not an integer") }
        if (b.bitLength() > 63) nr("$what/$k: beyond i64") else b.toLong()
    }
    fun double(k: String): Double? = raw(k)?.let { ((it as? Json.Num) ?: nr("$what/$k: not a number")).text.toDouble() }
    fun instant(k: String): Instant? = str(k)?.let { instantOf(it) }
    fun <E> code(k: String, entries: List<E>, code: (E) -> String): E? = str(k)?.let { s -> entries.firstOrNull { code(it) == s } ?: nr("$what/$k: unknown code $s") }
    fun list(k: String): List<Json>? = raw(k)?.let { (it as? Json.Arr)?.items ?: nr("$what/$k: not an array") }
    fun done() { val extra = obj.fields.keys - read; if (extra.isNotEmpty()) nr("$what: unknown keys $extra") }
}

fun instantOf(s: String): Instant = try { OffsetDateTime.parse(s).toInstant() } catch (e: java.time.format.DateTimeParseException) { nr("instant $s") }

fun customerOf(j: Json): Customer = Fields(j, "customer").run {
    Customer(id = str("id"), tier = code("tier", CustomerTier.entries) { it.code() }).also { done() }
}

fun factsOf(j: Json): Facts = Fields(j, "facts").run {
    Facts(
        harmOngoing = bool("harm_ongoing"), personalInjury = bool("personal_injury"), lossAmount = double("loss_amount"),
        timesRaisedBefore = long("times_raised_before"), wroteToCompany = bool("wrote_to_company"),
        refusesFees = bool("refuses_fees"), majorInconvenience = bool("major_inconvenience"),
        needsCoordination = bool("needs_coordination"), resolvableOnSpot = bool("resolvable_on_spot"),
        involvesOtherDepartment = bool("involves_other_department"), cause = code("cause", Cause.entries) { it.code() },
        claim = code("claim", ClaimType.entries) { it.code() },
        remediesRequested = (list("remedies_requested") ?: emptyList()).map { r ->
            Remedy.entries.firstOrNull { it.code() == r.str } ?: nr("remedy $r")
        },
        requestedDueAt = instant("requested_due_at"),
    ).also { done() }
}

fun manualOf(j: Json): ManualClassification = Fields(j, "classification").run {
    ManualClassification(
        by = str("by") ?: nr("classification: no by"),
        severity = code("severity", Severity.entries) { it.code() }, category = code("category", Category.entries) { it.code() },
        nature = code("nature", Nature.entries) { it.code() }, validity = code("validity", Validity.entries) { it.code() },
    ).also { done() }
}

fun attributeOf(j: Json): AttributeValue = when (j) {
    is Json.Bool -> AttributeValue.Bool(j.v)
    is Json.Str -> AttributeValue.Text(j.v)
    is Json.Num -> if (j.isInt) AttributeValue.Int(j.text.toLong()) else AttributeValue.Number(j.text.toDouble())
    else -> nr("attribute $j")
}

fun complaintOf(j: Json): Complaint = Fields(j, "complaint").run {
    Complaint(
        id = str("id") ?: nr("complaint: no id"), receivedAt = instant("received_at") ?: nr("complaint: no received_at"),
        channel = code("channel", Channel.entries) { it.code() }, customer = raw("customer")?.let(::customerOf),
        subject = str("subject"), product = str("product"), department = str("department"), text = str("text"),
        facts = raw("facts")?.let(::factsOf), classification = raw("classification")?.let(::manualOf),
        attributes = (raw("attributes") as? Json.Obj)?.fields?.mapValues { attributeOf(it.value) }
            ?: (if (raw("attributes") == null) emptyMap() else nr("attributes")),
    ).also { done() }
}

fun eventOf(j: Json): Event = Fields(j, "event").run {
    Event(
        kind = code("type", EventKind.entries) { it.code() } ?: nr("event: no type"), at = instant("at") ?: nr("event: no at"),
        by = str("by"), to = str("to"), handoff = bool("handoff"),
        severity = code("severity", Severity.entries) { it.code() }, category = code("category", Category.entries) { it.code() },
        nature = code("nature", Nature.entries) { it.code() }, deadline = str("deadline"), amount = long("amount"),
        reason = str("reason"), remedy = code("remedy", Remedy.entries) { it.code() }, remedyAmount = double("remedy_amount"),
        level = str("level"), channel = code("channel", Channel.entries) { it.code() }, written = bool("written"),
        validity = code("validity", Validity.entries) { it.code() },
        extent = code("extent", RejectionExtent.entries) { it.code() }, note = str("note"),
    ).also { done() }
}

fun relatedOf(j: Json): Related = Fields(j, "related").run {
    Related(
        id = str("id") ?: nr("related: no id"), receivedAt = instant("received_at") ?: nr("related: no received_at"),
        customerId = str("customer_id"), subject = str("subject"), product = str("product"),
        department = str("department"), category = str("category"),
    ).also { done() }
}

fun caseOf(j: Json): Case = Fields(j, "case").run {
    Case(
        complaint = complaintOf(raw("complaint") ?: nr("case: no complaint")),
        events = (list("events") ?: emptyList()).map(::eventOf),
        related = (list("related") ?: emptyList()).map(::relatedOf),
    ).also { done() }
}

/** The policy or calendar of a vector as the JSON text `fromJson` takes (a preset name is a JSON string). */
fun doc(j: Json?): String = (j ?: nr("no document")).text()

// ------------------------------------------------------------------ typed result -> JSON (the schema of the JSON API)

fun obj(vararg kv: Pair<String, Json>) = Json.Obj(LinkedHashMap(kv.toMap()))
fun s(v: String?): Json = v?.let { Json.Str(it) } ?: Json.Null
fun n(v: Long?): Json = v?.let { Json.Num(it.toString()) } ?: Json.Null
fun d(v: Double?): Json = v?.let { Json.Num(it.toString()) } ?: Json.Null
fun arr(items: List<Json>) = Json.Arr(items)

class Stamper(private val cal: WorkCalendar) {
    /** An instant as the JSON API writes it: RFC 3339 in the calendar's zone. */
    fun at(t: Instant?): Json = t?.let { Json.Str(cal.format(it)) } ?: Json.Null

    fun classification(c: Classification) = obj(
        "severity" to s(c.severity?.code()), "category" to s(c.category?.code()), "nature" to s(c.nature?.code()),
        "validity_suggestion" to s(c.validitySuggestion?.code()), "validity" to s(c.validity?.code()),
        "claim_type" to s(c.claimType?.code()), "route" to s(c.route), "classified_by" to s(c.classifiedBy),
        "signals" to arr(c.signals.map { obj("signal" to s(it.signal), "keyword" to s(it.keyword)) }),
    )

    fun deadline(x: Deadline): Json {
        val o = obj(
            "id" to s(x.id), "kind" to s(x.kind.code()), "state" to s(x.state.code()), "clock" to s(x.clock.code()), "amount" to n(x.amount),
            "unit" to s(x.unit.code()), "started_at" to at(x.startedAt), "due_at" to at(x.dueAt), "warn_at" to at(x.warnAt),
            "met_at" to at(x.metAt), "elapsed" to n(x.elapsed), "remaining" to n(x.remaining), "paused" to n(x.paused),
            "extended" to n(x.extended), "next_change_at" to at(x.nextChangeAt), "notes" to arr(x.notes.map(::s)),
        )
        x.source?.let { o.fields["source"] = s(it) }
        o.fields["calendar"] = s(x.calendar)
        o.fields["provisional"] = Json.Bool(x.provisional)
        o.fields["counted_until"] = at(x.countedUntil)
        o.fields["error"] = x.error?.let(::deadlineError) ?: Json.Null
        x.department?.let { o.fields["department"] = s(it) }
        x.cycles?.let { cs -> o.fields["cycles"] = arr(cs.map(::cycle)) }
        return o
    }

    fun cycle(c: Cycle): Json {
        val o = obj(
            "started_at" to at(c.startedAt), "due_at" to at(c.dueAt), "met_at" to at(c.metAt), "state" to s(c.state.code()),
        )
        c.department?.let { o.fields["department"] = s(it) }
        return o
    }

    fun warning(w: Warning): Json {
        val o = obj(
            "code" to s(w.code.code()), "message" to s(w.message), "calendar" to s(w.calendar), "data_end" to s(w.dataEnd),
        )
        w.deadline?.let { o.fields["deadline"] = s(it) }
        o.fields["days_left"] = n(w.daysLeft)
        if (w.dates.isNotEmpty()) o.fields["dates"] = arr(w.dates.map(::s))
        return o
    }

    fun escalation(e: Escalation): Json {
        val o = obj(
            "trigger" to s(e.trigger), "on" to s(e.on.code()), "level" to s(e.level), "level_index" to n(e.levelIndex.toLong()),
            "reason" to s(e.reason), "since" to at(e.since), "notify_at" to at(e.notifyAt), "act_by" to at(e.actBy),
        )
        e.source?.let { o.fields["source"] = s(it) }
        o.fields["next_change_at"] = at(e.nextChangeAt)
        return o
    }

    fun assessment(a: Assessment) = obj(
        "complaint_id" to s(a.complaintId), "policy" to s(a.policy), "policy_version" to policyVersion(a.policyVersion),
        "calendar" to s(a.calendar), "now" to at(a.now),
        "classification" to classification(a.classification), "state" to s(a.state.code()),
        "allowed_events" to arr(a.allowedEvents.map { s(it.code()) }), "owner" to s(a.owner),
        "deadlines" to arr(a.deadlines.map(::deadline)), "escalations" to arr(a.escalations.map(::escalation)),
        "required_actions" to arr(a.requiredActions.map {
            val o = obj(
                "action" to s(it.action), "reason" to s(it.reason),
                "text" to Json.Obj(LinkedHashMap(it.text.mapValues { (_, t) -> s(t) })), "source" to s(it.source),
                "due_at" to at(it.dueAt), "overdue" to Json.Bool(it.overdue),
            )
            it.error?.let { e -> o.fields["error"] = deadlineError(e) }
            o
        }),
        "next_check_at" to at(a.nextCheckAt),
        "warnings" to arr(a.warnings.map(::warning)),
    )

    fun replay(r: ReplayReport) = obj(
        "old" to summary(r.old), "new" to summary(r.new), "now" to at(r.now),
        "cases" to arr(r.cases.map { c ->
            val o = obj("index" to n(c.index), "id" to s(c.id))
            if (c.changes.isNotEmpty()) o.fields["changes"] = arr(c.changes.map {
                obj("kind" to s(it.kind.name.lowercase()), "rule" to s(it.rule), "field" to s(it.field), "old" to s(it.old), "new" to s(it.new))
            })
            c.error?.let { o.fields["error"] = errorInfo(it) }
            o
        }),
        "summary" to r.summary.let { x ->
            obj("cases" to n(x.cases), "changed" to n(x.changed), "unchanged" to n(x.unchanged), "errors" to n(x.errors),
                "rules" to arr(x.rules.map {
                    obj("kind" to s(it.kind.name.lowercase()), "rule" to s(it.rule), "changed" to n(it.changed),
                        "due_at" to n(it.dueAt), "state" to n(it.state))
                }))
        },
    )

    fun stats(x: Stats): Json {
        fun counts(m: Map<String, Long>) = Json.Obj(LinkedHashMap(m.mapValues { n(it.value) }))
        fun onTime(m: Map<String, OnTime>) = Json.Obj(LinkedHashMap(m.mapValues { (_, o) ->
            obj("met" to n(o.met), "met_late" to n(o.metLate), "breached" to n(o.breached), "open" to n(o.open),
                "undetermined" to n(o.undetermined), "rate" to d(o.rate))
        }))
        return obj(
            "total" to n(x.total), "valid" to n(x.valid), "by_category" to counts(x.byCategory),
            "by_severity" to counts(x.bySeverity), "by_channel" to counts(x.byChannel), "by_validity" to counts(x.byValidity),
            "by_department" to counts(x.byDepartment),
            "on_time" to onTime(x.onTime),
            "windows" to Json.Obj(LinkedHashMap(x.windows.mapValues { (_, w) ->
                obj("met" to n(w.met), "lapsed" to n(w.lapsed), "open" to n(w.open))
            })),
            "cycles" to onTime(x.cycles),
            "internal" to Json.Obj(LinkedHashMap(x.internal.mapValues { (_, rules) -> onTime(rules) })),
            "time_to_resolve" to x.timeToResolve.let {
                obj("count" to n(it.count), "unit" to s(it.unit.code()), "median" to n(it.median), "p90" to n(it.p90))
            },
            "repeat_rate" to d(x.repeatRate), "reopen_rate" to d(x.reopenRate), "satisfaction_rate" to d(x.satisfactionRate),
            "ppm" to d(x.ppm), "valid_year_before" to n(x.validYearBefore), "growth_percent" to d(x.growthPercent),
            "batches" to arr(x.batches.map {
                obj("by" to s(it.by.code()), "value" to s(it.value), "count" to n(it.count), "complaints" to arr(it.complaints.map(::s)))
            }),
            "crossing_data_end" to x.crossingDataEnd.let {
                obj("calendar" to s(it.calendar), "data_end" to s(it.dataEnd), "open_complaints" to n(it.openComplaints))
            },
        )
    }
}

fun deadlineError(e: DeadlineError) = obj("code" to s(e.code), "message" to s(e.message))

fun calendarStatus(c: CalendarStatus) = obj(
    "name" to s(c.name), "title" to s(c.title), "zone" to s(c.zone), "extends" to s(c.extends),
    "data_from" to s(c.dataFrom), "data_to" to s(c.dataTo), "projected_to" to s(c.projectedTo), "at" to s(c.at),
    "days_left" to n(c.daysLeft), "projected_days_left" to n(c.projectedDaysLeft), "source" to s(c.source),
    "projection_source" to s(c.projectionSource),
)

fun policyVersion(v: PolicyVersion) = obj(
    "name" to s(v.name), "version" to s(v.version), "effective_from" to s(v.effectiveFrom),
    "effective_to" to s(v.effectiveTo), "selected_by" to s(v.selectedBy.code()),
)

fun summary(p: PolicySummary) = obj(
    "name" to s(p.name), "version" to s(p.version), "effective_from" to s(p.effectiveFrom), "effective_to" to s(p.effectiveTo),
    "in_force_at" to s(p.inForceAt?.name?.lowercase()),
    "versions" to arr(p.versions.map { obj("version" to s(it.version), "effective_from" to s(it.effectiveFrom), "effective_to" to s(it.effectiveTo)) }),
)

fun errorInfo(e: ErrorInfo) = obj(
    "code" to s(e.code), "message" to s(e.message), "path" to s(e.path),
    "problems" to arr(e.problems.map { obj("code" to s(it.code), "path" to s(it.path), "message" to s(it.message)) }),
)

fun diff(d: PolicyDiff) = obj(
    "old" to policyVersion(d.old), "new" to policyVersion(d.new),
    "changes" to arr(d.changes.map { c ->
        obj("section" to s(c.section), "id" to s(c.id), "change" to s(c.change.name.lowercase()),
            "fields" to arr(c.fields.map { obj("field" to s(it.field), "old" to Json.parse(it.oldJson), "new" to Json.parse(it.newJson)) }))
    }),
)

/** The JSON API's output without what the typed records leave to the JSON form (the classification trace). */
fun withoutTrace(j: Json): Json = when (j) {
    is Json.Obj -> Json.Obj(LinkedHashMap(j.fields.filterKeys { it != "trace" }.mapValues { withoutTrace(it.value) }))
    is Json.Arr -> Json.Arr(j.items.map(::withoutTrace))
    else -> j
}

// ------------------------------------------------------------------ the runner

var passed = 0
val failures = ArrayList<String>()

fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Throwable) {
        failures.add("$name: $e")
        println("FAILED $name: $e")
    }
}

/** The exception a block throws, checked for its family, code and path. */
inline fun <reified T : PlaintException> expectError(code: String, path: String? = null, block: () -> Unit): T {
    val e = assertFailsWith<T> { block() }
    assertEquals(code, e.code, "code of $e")
    if (path != null) assertEquals(path, e.path, "path of $e")
    return e
}

fun at(s: String): Instant = OffsetDateTime.parse(s).toInstant()

/** A document of a vector as JSON text: `<name>_json` (text the strict reader reads) or `<name>` (a preset name is a JSON string). */
fun docText(input: Json, name: String): String =
    input["${name}_json"]?.let { it.str ?: nr("${name}_json: not a string") } ?: doc(input[name])

/** An error of a document the typed API loaded by itself, which the JSON API reports under `prefix`. */
class Nested(val prefix: String, val error: PlaintException) : Exception("$prefix: $error")

/** The policy of a vector, with its replacement calendar (`calendar`) when the vector gives one. */
fun policyOf(input: Json): Policy {
    val p = Policy.fromJson(docText(input, "policy"))
    if (input["calendar"] == null && input["calendar_json"] == null) return p
    val cal = try { WorkCalendar.fromJson(docText(input, "calendar")) } catch (e: PlaintException) { p.close(); throw Nested("/calendar", e) }
    return cal.use { c -> p.use { it.withCalendar(c) } }
}

fun beyondOf(f: Fields): BeyondData? = f.code("beyond_data", BeyondData.entries) { it.code() }

fun feedEventOf(j: Json): FeedEvent = Fields(j, "event").run {
    FeedEvent(
        start = str("start") ?: nr("event: no start"), end = str("end"), summary = str("summary") ?: "",
        categories = (list("categories") ?: emptyList()).map { it.str ?: nr("category $it") },
    ).also { done() }
}

/** The typed API's answer to a vector, written in the JSON API's schema. */
fun typedRun(op: String, input: Json): Json = when (op) {
    "classify" -> Policy.fromJson(docText(input, "policy")).use { p ->
        val c = input["complaint_json"]?.let { p.classifyJson(it.str ?: nr("complaint_json")) }
            ?: p.classify(complaintOf(input["complaint"] ?: nr("no complaint")))
        Stamper(p.calendar()).classification(c)
    }
    "assess" -> policyOf(input).use { p ->
        val f = Fields(input, "assess")
        listOf("policy", "policy_json", "calendar", "calendar_json").forEach { f.raw(it) }
        val now = f.instant("now") ?: nr("no now")
        val options = AssessOptions(beyondData = beyondOf(f))
        val a = f.str("case_json")?.let { p.assessJson(it, now, options) }
            ?: p.assess(caseOf(f.raw("case") ?: nr("no case")), now, options)
        f.done()
        Stamper(p.calendar()).assessment(a)
    }
    "deadline" -> WorkCalendar.fromJson(docText(input, "calendar")).use { cal ->
        val r = Fields(input["request"] ?: nr("no request"), "request")
        val start = r.instant("start") ?: nr("no start")
        val clock = r.code("clock", DeadlineClock.entries) { it.code() } ?: nr("no clock")
        val amount = r.long("amount") ?: nr("no amount")
        val end = r.code("end", DeadlineEnd.entries) { it.code() }
        val roll = r.code("roll", DeadlineRoll.entries) { it.code() }
        val beyond = beyondOf(r)
        r.done()
        if (beyond == null) {
            obj("due_at" to Json.Str(cal.format(cal.add(start, clock, amount, end, roll))))
        } else {
            val due = cal.due(start, clock, amount, end, roll, beyond)
            val o = obj("due_at" to Json.Str(cal.format(due.dueAt)))
            if (due.provisional) o.fields["provisional"] = Json.Bool(true)
            o
        }
    }
    "stats" -> policyOf(input).use { p ->
        val f = Fields(input, "stats")
        listOf("policy", "policy_json", "calendar", "calendar_json").forEach { f.raw(it) }
        val now = f.instant("now") ?: nr("no now")
        val cases = (f.list("cases") ?: nr("no cases")).map(::caseOf)
        val options = StatsOptions(
            from = f.instant("from"), to = f.instant("to"), unitsShipped = f.long("units_shipped"),
            clock = f.code("clock", DeadlineClock.entries) { it.code() }, repeatWindowDays = f.long("repeat_window_days"),
            beyondData = beyondOf(f),
        )
        f.done()
        Stamper(p.calendar()).stats(p.stats(cases, now, options))
    }
    "calendar_status" -> WorkCalendar.fromJson(docText(input, "calendar")).use { cal ->
        val f = Fields(input, "calendar_status")
        listOf("calendar", "calendar_json").forEach { f.raw(it) }
        val date = f.str("at")?.let { try { LocalDate.parse(it) } catch (e: java.time.format.DateTimeParseException) { nr("at: $it") } }
            ?: nr("no at")
        f.done()
        // Any instant of that day in the calendar's zone: noon.
        calendarStatus(cal.status(date.atTime(12, 0).atZone(ZoneId.of(cal.zone())).toInstant()))
    }
    "import_feed" -> Fields(input, "import_feed").run {
        val base = str("base") ?: nr("no base")
        val csv = str("csv")
        val events = list("events")?.map(::feedEventOf)
        val feed = when {
            csv != null && events == null -> Feed.Csv(csv)
            csv == null && events != null -> Feed.Events(events)
            else -> nr("give either csv or events")
        }
        val out = importFeed(base, feed, name = str("name"), validTo = str("valid_to"), source = str("source"))
        done()
        obj("calendar" to Json.parse(out.calendarJson), "kept" to n(out.kept), "skipped" to n(out.skipped))
    }
    "validate_complaint" -> Policy.preset("cn-property").use { p ->
        val complaint = complaintOf(input["complaint"] ?: nr("no complaint"))
        p.classify(complaint)
        obj("id" to s(complaint.id))
    }
    "validate_policy" -> Policy.fromJson(docText(input, "policy")).use { summary(it.summary()) }
    "replay" -> Policy.fromJson(doc(input["old"])).use { old ->
        Policy.fromJson(doc(input["new"])).use { new ->
            val f = Fields(input, "replay")
            f.raw("old"); f.raw("new")
            val now = f.instant("now") ?: nr("no now")
            val cases = (f.list("cases") ?: nr("no cases")).map { it.text() }
            f.done()
            Stamper(old.calendar()).replay(replayJson(cases, old, new, now))
        }
    }
    "policy_diff" -> diff(policyDiff(doc(input["old"]), doc(input["new"])))
    "validate_calendar" -> WorkCalendar.fromJson(docText(input, "calendar")).use { obj("name" to s(it.name())) }
    else -> fail("no typed form for op $op")
}

/** The error vectors whose input the typed API cannot express, with why. */
val typedRefused = ArrayList<String>()

/** One vector through the JSON API and the typed API. */
fun runVector(case: Json) {
    val id = case["id"]?.str
    val op = case["op"]!!.str!!
    val input = case["input"]!!
    val json = try { Result.success(Json.parse(runOp(op, input.text()))) } catch (e: PlaintException) { Result.failure(e) }
    val typed = try { Result.success(typedRun(op, input)) } catch (e: PlaintException) { Result.failure(e) }
        catch (e: Nested) { Result.failure(e) } catch (e: NotRepresentable) { Result.failure(e) }
    val expect = case["expect"]
    if (expect != null) {
        val out = json.getOrElse { fail("JSON API: unexpected error $it") }
        val diffs = ArrayList<String>()
        subset(expect, out, "", diffs)
        if (diffs.isNotEmpty()) fail("JSON API: " + diffs.joinToString("; "))
        val t = typed.getOrElse { fail("typed API: unexpected $it") }
        val want = withoutTrace(out)
        if (t != want) {
            val d = ArrayList<String>()
            subset(want, t, "", d)
            subset(t, want, "", d)
            fail("typed API differs from the JSON API: " + d.take(5).joinToString("; "))
        }
    } else {
        val want = case["expect_error"] ?: fail("case has neither expect nor expect_error")
        val e = json.exceptionOrNull() as? PlaintException ?: fail("JSON API: expected error $want, got ${json.getOrNull()}")
        assertEquals(want["code"]?.str, e.code, "JSON API code")
        want["path"]?.let { assertEquals(it.str, e.path, "JSON API path") }
        when (val te = typed.exceptionOrNull()) {
            is NotRepresentable -> typedRefused.add("$id (${te.message})")
            is PlaintException -> {
                assertEquals(want["code"]?.str, te.code, "typed API code")
                want["path"]?.let { assertEquals(it.str, te.path, "typed API path") }
            }
            is Nested -> {
                assertEquals(want["code"]?.str, te.error.code, "typed API code")
                want["path"]?.let { assertEquals(it.str, te.prefix + te.error.path, "typed API path (in the request)") }
            }
            else -> fail("typed API: expected error $want, got ${typed.getOrNull()}")
        }
    }
}

fun main(args: Array<String>) {
    val root = File(if (args.isNotEmpty()) args[0] else ".")
    val majorLeak = File(root, "examples/cases/major-leak.json").readText()
    val leakInjury = File(root, "examples/complaints/01-leak-injury.json").readText()

    test("the native library comes from the jar, with no jna.library.path") {
        assertNull(System.getProperty("jna.library.path"))
        assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(version()), version())
    }

    val cnMainland = WorkCalendar.preset("cn-mainland")

    // ---------------------------------------------------------------- API
    test("policy preset") {
        Policy.preset("cn-property").use { p ->
            assertEquals("cn-property", p.name())
            assertTrue(p.version().isNotEmpty())
            assertEquals("cn-mainland", p.calendar().name())
            assertEquals("Asia/Shanghai", p.calendar().zone())
        }
        assertTrue("cn-property" in policyPresets() && "uk-fca-disp" in policyPresets(), "${policyPresets()}")
        assertTrue("cn-mainland" in calendarPresets(), "${calendarPresets()}")
        assertEquals("cn-goods", Policy.fromJson("\"cn-goods\"").name())
    }

    test("classify: typed complaint, JSON complaint and the JSON form agree") {
        val p = Policy.preset("cn-property")
        val typed = p.classify(complaintOf(Json.parse(leakInjury)))
        assertEquals(typed, p.classifyJson(leakInjury))
        assertEquals(Severity.MAJOR, typed.severity)
        assertEquals(Category.QUALITY, typed.category)
        // The README's triage of this complaint: signals injury (受伤), leak (漏水), quality (脱落).
        assertEquals(listOf("injury" to "受伤", "leak" to "漏水", "quality" to "脱落"), typed.signals.map { it.signal to it.keyword })
        val full = Json.parse(p.classifyToJson(leakInjury))
        assertTrue((full["trace"] as Json.Arr).items.isNotEmpty(), "the JSON form keeps the trace")
        assertEquals(withoutTrace(full), Stamper(p.calendar()).classification(typed))
    }

    test("assess: the README's demo, typed") {
        val p = Policy.preset("cn-property")
        val now = at("2026-09-29T10:00:00+08:00")
        val a = p.assess(caseOf(Json.parse(majorLeak)), now)
        assertEquals(a, p.assessJson(majorLeak, now))
        assertEquals("PM-2026-0917", a.complaintId)
        assertEquals(ComplaintState.IN_PROGRESS, a.state)
        assertEquals("front-desk-li", a.owner)
        val byId = a.deadlines.associateBy { it.id }
        // forward: met (forwarded 16:20, due 16:30, 10 minutes to spare).
        assertEquals(DeadlineState.MET, byId["forward"]!!.state)
        assertEquals(at("2026-09-24T16:30:00+08:00"), byId["forward"]!!.dueAt)
        assertEquals(10L to AmountUnit.MINUTES, byId["forward"]!!.remaining to byId["forward"]!!.unit)
        // major_reply: due Tue 29 18:00 (2 working days after the Mid-Autumn holiday), 1 working day left;
        // pending until its warning at 75 % of the 17 working hours, 09-29 13:45.
        assertEquals(DeadlineState.PENDING, byId["major_reply"]!!.state)
        assertEquals(at("2026-09-29T13:45:00+08:00"), byId["major_reply"]!!.warnAt)
        assertEquals(at("2026-09-29T18:00:00+08:00"), byId["major_reply"]!!.dueAt)
        assertEquals(1L to AmountUnit.WORKING_DAYS, byId["major_reply"]!!.remaining to byId["major_reply"]!!.unit)
        // major_settle: pending, 7 working days: Mon 28 Sep .. Mon 12 Oct across the National Day holiday.
        assertEquals(DeadlineState.PENDING, byId["major_settle"]!!.state)
        assertEquals(at("2026-10-12T18:00:00+08:00"), byId["major_settle"]!!.dueAt)
        assertEquals(DeadlineState.NOT_APPLICABLE, byId["minor_reply"]!!.state)
        assertNull(byId["minor_reply"]!!.dueAt)
        assertEquals(listOf("important_major_to_gm" to "general_manager", "beyond_authority" to "service_centre_manager"),
            a.escalations.map { it.trigger to it.level })
        assertEquals(TriggerKind.AUTHORITY, a.escalations[1].on)
        assertEquals(at("2026-09-28T11:00:00+08:00"), a.escalations[1].notifyAt)
        assertEquals(listOf("report_to_general_manager", "stop_the_harm_first", "reply_by_letter", "approve_handling_plan"),
            a.requiredActions.map { it.action })
        assertEquals(at("2026-09-29T13:45:00+08:00"), a.nextCheckAt)
        // Records are values: equal by content, copied with changes.
        val later = a.copy(owner = "engineering")
        assertEquals("front-desk-li", a.owner)
        assertEquals("engineering", later.owner)
    }

    // ---------------------------------------------------------------- time past the calendar's data
    // A cn-petition-2022 petition received Tue 2026-12-01 10:00 Beijing time and
    // accepted (acknowledged) on `accepted`. cn-mainland's official data ends 2026-12-31.
    fun petition(id: String = "PET-1", accepted: String? = "2026-12-03T10:00:00+08:00") = Case(
        complaint = Complaint(id = id, receivedAt = at("2026-12-01T10:00:00+08:00"), text = "信访事项"),
        events = listOfNotNull(
            Event(kind = EventKind.RECEIVED, at = at("2026-12-01T10:00:00+08:00")),
            accepted?.let { Event(kind = EventKind.ACKNOWLEDGED, at = at(it)) },
        ),
    )
    val petitionNow = at("2026-12-06T10:00:00+08:00")
    val projected = AssessOptions(beyondData = BeyondData.PROJECTED)

    test("past the data: written_notice met, handling UNDETERMINED with calendar_range_exceeded, the rest computed") {
        Policy.preset("cn-petition-2022").use { p ->
            val a = p.assess(petition(), petitionNow)
            val byId = a.deadlines.associateBy { it.id }
            // written_notice: 15 days from the receipt; the acknowledgement of 12-03 met it.
            assertEquals(DeadlineState.MET, byId["written_notice"]!!.state)
            assertEquals(at("2026-12-03T10:00:00+08:00"), byId["written_notice"]!!.metAt)
            assertNull(byId["written_notice"]!!.error)
            // handling: 60 days from the acceptance of 12-03 reach 2027-02-01, past the data.
            val h = byId["handling"]!!
            assertEquals(DeadlineState.UNDETERMINED, h.state)
            assertEquals("calendar_range_exceeded", h.error?.code)
            assertTrue(h.error!!.message.isNotEmpty())
            assertNull(h.dueAt)
            assertEquals(Triple("cn-mainland", false, DeadlineKind.DEADLINE), Triple(h.calendar, h.provisional, h.kind))
            assertEquals("无法确定", h.state.label(Lang.ZH_HANS))
            // 12-06 to 12-31 is 25 days, inside the default 60-day horizon: the data is ending (not ended).
            assertEquals(listOf(WarningCode.CALENDAR_DATA_ENDING to null, WarningCode.DEADLINE_UNDETERMINED to "handling"),
                a.warnings.map { it.code to it.deadline })
            assertEquals(listOf(Triple("cn-mainland", "2026-12-31", 25L), Triple("cn-mainland", "2026-12-31", 25L)),
                a.warnings.map { Triple(it.calendar, it.dataEnd, it.daysLeft) })
            assertTrue(a.warnings[0].message.contains("2026-12-31"), a.warnings[0].message)
            assertEquals(listOf(emptyList<String>(), emptyList()), a.warnings.map { it.dates })
            // Nothing changes by itself: written_notice met, handling undetermined, the reviews not started.
            assertNull(a.nextCheckAt)
            assertEquals(ComplaintState.RECEIVED, a.state)
            assertEquals("calendar_data_ending" to "calendar data ending",
                WarningCode.CALENDAR_DATA_ENDING.code() to WarningCode.CALENDAR_DATA_ENDING.label(Lang.EN))
        }
    }

    test("past the data with BeyondData.PROJECTED: handling provisional, due 2027-02-01 18:00") {
        Policy.preset("cn-petition-2022").use { p ->
            val a = p.assess(petition(), petitionNow, projected)
            val h = a.deadlines.single { it.id == "handling" }
            // Day 60 after Thu 12-03: 28 days of December, 31 of January, 1 of February: Mon 2027-02-01,
            // a working day by the projection (the Spring Festival starts 02-05); close of business 18:00.
            assertEquals(DeadlineState.PENDING, h.state)
            assertEquals(at("2027-02-01T18:00:00+08:00"), h.dueAt)
            assertTrue(h.provisional)
            assertNull(h.error)
            assertEquals(at("2027-02-01T18:00:00+08:00"), a.nextCheckAt)
            // The one projected holiday between the data's end and the due date: 2027-01-01 (New Year's Day).
            val w = a.warnings.single { it.code == WarningCode.PROJECTED_DATA }
            assertEquals("handling" to listOf("2027-01-01"), w.deadline to w.dates)
            assertEquals(listOf(WarningCode.CALENDAR_DATA_ENDING, WarningCode.PROJECTED_DATA), a.warnings.map { it.code })
            // The JSON entry points take the same options.
            val petitionJson = """{"complaint": {"id": "PET-1", "received_at": "2026-12-01T10:00:00+08:00", "text": "信访事项"},
                "events": [{"type": "received", "at": "2026-12-01T10:00:00+08:00"}, {"type": "acknowledged", "at": "2026-12-03T10:00:00+08:00"}]}"""
            assertEquals(a, p.assessJson(petitionJson, petitionNow, projected))
            val text = Json.parse(p.assessToJson(petitionJson, petitionNow, projected))
            assertEquals(Json.Bool(true), ((text["deadlines"] as Json.Arr).items.single { it["id"]?.str == "handling" })["provisional"])
        }
    }

    test("a breached deadline stays breached after the data ends; elapsed counted until the data's end") {
        Policy.preset("cn-petition-2022").use { p ->
            // Never acknowledged; assessed 2027-01-15, 15 days after the data's last day.
            val a = p.assess(petition(accepted = null), at("2027-01-15T10:00:00+08:00"))
            val n = a.deadlines.single { it.id == "written_notice" }
            // 15 days from Tue 12-01: Wed 12-16, close of business.
            assertEquals(DeadlineState.BREACHED, n.state)
            assertEquals(at("2026-12-16T18:00:00+08:00"), n.dueAt)
            // Counted up to the end of 2026-12-31 in Beijing.
            assertEquals(at("2027-01-01T00:00:00+08:00"), n.countedUntil)
            assertEquals(DeadlineState.NOT_STARTED, a.deadlines.single { it.id == "handling" }.state)
            assertEquals(listOf(WarningCode.CALENDAR_DATA_ENDED to -15L), a.warnings.map { it.code to it.daysLeft })
        }
    }

    test("a year added from a holiday feed (importFeed, a calendar file, withCalendar) gives the official answer") {
        // The events of an iCalendar feed as a host's parser reads them (DTEND exclusive); 2026-01-01
        // is covered by the embedded data and left out.
        val events = listOf(
            FeedEvent(start = "2026-01-01", end = "2026-01-02", summary = "元旦假期"),
            FeedEvent(start = "2027-01-01", end = "2027-01-04", summary = "元旦假期"),
            FeedEvent(start = "2027-02-05", end = "2027-02-13", summary = "春节假期"),
            FeedEvent(start = "2027-02-20", summary = "上班(补春节假期)"),
        )
        val imported = importFeed("cn-mainland", Feed.Events(events), source = "a test feed")
        // 3 + 8 + 1 days of 2027; the 2026 day skipped.
        assertEquals(12L to 1L, imported.kept to imported.skipped)
        // Saved as a file and loaded back, as a host loads the output of `plaint calendar import`.
        val file = File.createTempFile("cn-mainland-2027", ".json").apply { deleteOnExit(); writeText(imported.calendarJson) }
        WorkCalendar.fromJson(file.readText()).use { cal ->
            assertEquals(Triple("cn-mainland-2027", "2020-01-01", "2027-12-31"), Triple(cal.name(), cal.validFrom(), cal.validTo()))
            assertEquals("cn-mainland", cal.status(petitionNow).extends)
            Policy.preset("cn-petition-2022").use { preset ->
                preset.withCalendar(cal).use { p ->
                    val h = p.assess(petition(), petitionNow).deadlines.single { it.id == "handling" }
                    assertEquals(at("2027-02-01T18:00:00+08:00"), h.dueAt)
                    assertEquals("cn-mainland-2027" to false, h.calendar to h.provisional)
                    // Accepted Thu 12-10: day 60 is Mon 2027-02-08 (21 + 31 + 8), inside the Spring Festival
                    // (02-05..12); rolled past the weekend to Mon 02-15. The projection alone said Thu 02-11
                    // (02-09 and 02-10 its substitute days).
                    val late = petition(accepted = "2026-12-10T10:00:00+08:00")
                    val official = p.assess(late, at("2026-12-11T10:00:00+08:00")).deadlines.single { it.id == "handling" }
                    assertEquals(at("2027-02-15T18:00:00+08:00") to false, official.dueAt to official.provisional)
                    val guess = preset.assess(late, at("2026-12-11T10:00:00+08:00"), projected).deadlines.single { it.id == "handling" }
                    assertEquals(at("2027-02-11T18:00:00+08:00") to true, guess.dueAt to guess.provisional)
                    // Data to 2027-12-31, 390 days away: no warning.
                    assertEquals(emptyList(), p.assess(petition(), petitionNow).warnings)
                }
                expectError<PlaintException.Invalid>("invalid_value", "/calendar") {
                    WorkCalendar.preset("gb-eng").use { preset.withCalendar(it) }
                }
            }
        }
        // A CSV feed, and the errors of a bad feed with their paths; nothing half-made.
        val csv = importFeed("cn-mainland", Feed.Csv("date,name,kind\n2027-01-01,元旦,holiday\n2027-02-20,补班,working_day\n"))
        assertEquals(2L to 0L, csv.kept to csv.skipped)
        expectError<PlaintException>("invalid_feed", "/events") { importFeed("cn-mainland", Feed.Events(emptyList())) }
        expectError<PlaintException>("conflicting_day", "/lines/2") {
            importFeed("cn-mainland", Feed.Csv("2027-02-20,春节,holiday\n2027-02-20,补班,working_day\n"))
        }
    }

    test("calendar status, due times and explanations on projected data") {
        // cn-mainland seen from 2026-12-06: 25 days to 2026-12-31; to the projection's end 2030-12-31
        // another 365 + 366 + 365 + 365 days.
        val st = cnMainland.status(petitionNow)
        assertEquals(listOf("2026-12-06", "2020-01-01", "2026-12-31", "2030-12-31"), listOf(st.at, st.dataFrom, st.dataTo, st.projectedTo))
        assertEquals(25L to 1486L, st.daysLeft to st.projectedDaysLeft)
        assertEquals(Triple("Asia/Shanghai", null, true), Triple(st.zone, st.extends, st.projectionSource != null))
        WorkCalendar.preset("sg").use { sg ->
            // No projection; 2026-12-06 to 2027-12-31 is 25 + 365 days.
            val s = sg.status(at("2026-12-06T12:00:00+08:00"))
            assertEquals(Triple("2027-12-31", 390L, null), Triple(s.dataTo, s.daysLeft, s.projectedTo))
        }
        // 5 working days from Mon 2026-12-28 10:00: 29, 30, 31, (Fri 01-01 projected holiday, weekend), Mon 4, Tue 5.
        val start = at("2026-12-28T10:00:00+08:00")
        assertEquals(DueTime(at("2027-01-05T18:00:00+08:00"), true),
            cnMainland.due(start, DeadlineClock.WORKING_DAYS, 5L, beyondData = BeyondData.PROJECTED))
        expectError<PlaintException.CalendarRangeExceeded>("calendar_range_exceeded") { cnMainland.due(start, DeadlineClock.WORKING_DAYS, 5L) }
        // Inside the data: not provisional, the same instant as add.
        assertEquals(DueTime(at("2026-09-30T18:00:00+08:00"), false), cnMainland.due(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L))
        val ex = cnMainland.explain(start, DeadlineClock.WORKING_DAYS, 5L, beyondData = BeyondData.PROJECTED)
        assertTrue(ex.provisional)
        assertEquals(listOf("2027-01-01" to DayKind.HOLIDAY, "2027-01-02" to DayKind.WEEKEND, "2027-01-03" to DayKind.WEEKEND),
            ex.days.filter { it.projected && it.kind != DayKind.COUNTED }.map { it.date to it.kind })
        assertEquals(listOf("2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"), ex.days.filter { !it.projected }.map { it.date })
        val text = cnMainland.explainDeadline(start, DeadlineClock.WORKING_DAYS, 5L, beyondData = BeyondData.PROJECTED)
        assertTrue(text.startsWith("2027-01-05T18:00:00+08:00\n"), text)
    }

    test("a window rule LAPSED: in-rbi's ombudsman window ran out before a referral") {
        Policy.preset("in-rbi").use { p ->
            // Received Wed 2026-07-01 (RB-IOS 2026), replied Fri 07-10. The window: 90 days after the
            // reply: Jul 11-31 (21), Aug (52), Sep (82), Oct 1-8 (90): ends Thu 10-08 24:00 IST.
            val case = Case(
                complaint = Complaint(id = "W-1", receivedAt = at("2026-07-01T11:00:00+05:30"), channel = Channel.LETTER, text = "complaint"),
                events = listOf(Event(kind = EventKind.REPLIED, at = at("2026-07-10T12:00:00+05:30"))),
            )
            val before = p.assess(case, at("2026-10-08T23:00:00+05:30")).deadlines.single { it.id == "ombudsman_window" }
            assertEquals(DeadlineState.PENDING, before.state)
            val a = p.assess(case, at("2026-10-09T09:00:00+05:30"))
            val w = a.deadlines.single { it.id == "ombudsman_window" }
            assertEquals(DeadlineKind.WINDOW to DeadlineState.LAPSED, w.kind to w.state)
            assertEquals(at("2026-10-09T00:00:00+05:30"), w.dueAt)
            assertEquals("2026" to SelectedBy.RECEIVED_AT, a.policyVersion.version to a.policyVersion.selectedBy)
            // The reply (30 calendar days) was met on 07-10.
            assertEquals(DeadlineState.MET, a.deadlines.single { it.id == "reply" }.state)
            val s = p.stats(listOf(case), at("2026-10-09T09:00:00+05:30"))
            assertEquals(WindowCounts(met = 0, lapsed = 1, open = 0), s.windows["ombudsman_window"])
        }
    }

    // ---------------------------------------------------------------- policy versions
    test("policy versions: SAMR complaints received 2026-04-14 and 2026-04-15 name different versions") {
        fun samr(id: String, received: String, accepted: String? = null) = Case(
            complaint = Complaint(id = id, receivedAt = at(received), channel = Channel.LETTER, text = "complaint"),
            events = listOfNotNull(accepted?.let { Event(kind = EventKind.ACKNOWLEDGED, at = at(it)) }),
        )
        Policy.preset("cn-consumer-samr").use { p ->
            val old = p.assess(samr("S-1", "2026-04-14T10:00:00+08:00"), at("2026-04-15T09:00:00+08:00"))
            val new = p.assess(samr("S-2", "2026-04-15T10:00:00+08:00"), at("2026-04-16T09:00:00+08:00"))
            // The Interim Measures to their last day 2026-04-14; SAMR Order 121 from 2026-04-15.
            assertEquals(PolicyVersion("cn-consumer-samr", "2022", "2020-01-01", "2026-04-14", SelectedBy.RECEIVED_AT), old.policyVersion)
            assertEquals(PolicyVersion("cn-consumer-samr", "2026", "2026-04-15", null, SelectedBy.RECEIVED_AT), new.policyVersion)
            // Acceptance: 7 working days, the day of receipt not counted: Apr 15-17, 20-23 -> Thu 04-23;
            // Apr 16-17, 20-24 -> Fri 04-24; close of business.
            assertEquals(at("2026-04-23T18:00:00+08:00"), old.deadlines.single { it.id == "acceptance_decision" }.dueAt)
            assertEquals(at("2026-04-24T18:00:00+08:00"), new.deadlines.single { it.id == "acceptance_decision" }.dueAt)
            // Mediation under Order 121: 60 calendar days from the acceptance of Mon 04-20: Apr 21-30 (10),
            // May (41), Jun 1-19 (60); Fri 06-19 is the Dragon Boat holiday (to 06-21): Mon 06-22.
            val m = p.assess(samr("S-3", "2026-04-15T10:00:00+08:00", "2026-04-20T10:00:00+08:00"), at("2026-04-21T09:00:00+08:00"))
            assertEquals(Triple(DeadlineClock.CALENDAR_DAYS, 60L, at("2026-06-22T18:00:00+08:00")),
                m.deadlines.single { it.id == "mediation" }.let { Triple(it.clock, it.amount, it.dueAt) })
            // The preset lists its versions; the complaint's receipt chooses.
            assertEquals(
                PolicySummary("cn-consumer-samr", "2026", null, null, InForceAt.RECEIVED_AT,
                    listOf(VersionDates("2022", "2020-01-01", "2026-04-14"), VersionDates("2026", "2026-04-15", null))),
                p.summary(),
            )
        }
        // NAME@VERSION pins one version whatever the receipt.
        Policy.preset("cn-consumer-samr@2022").use { p ->
            val a = p.assess(samr("S-4", "2026-04-15T10:00:00+08:00", "2026-04-20T10:00:00+08:00"), at("2026-04-21T09:00:00+08:00"))
            assertEquals("2022" to SelectedBy.PINNED, a.policyVersion.version to a.policyVersion.selectedBy)
            assertEquals(DeadlineClock.WORKING_DAYS to 45L, a.deadlines.single { it.id == "mediation" }.let { it.clock to it.amount })
            assertEquals(PolicySummary("cn-consumer-samr", "2022", "2020-01-01", "2026-04-14", null, emptyList()), p.summary())
        }
        expectError<PlaintException>("unknown_version") { Policy.preset("cn-consumer-samr@2019") }
    }

    test("labels in zh-Hans, zh-Hant and en") {
        assertEquals("重大", Severity.MAJOR.label(Lang.ZH_HANS))
        assertEquals("即將超時", DeadlineState.AT_RISK.label(Lang.ZH_HANT))
        assertEquals("at risk", DeadlineState.AT_RISK.label(Lang.EN))
        assertEquals("in_progress", ComplaintState.IN_PROGRESS.code())
        assertEquals("处理中", ComplaintState.IN_PROGRESS.label(Lang.ZH_HANS))
        assertEquals("zh-Hans", Lang.ZH_HANS.tag())
        // Every value of every enum has a label in every language and a code.
        val all = Severity.entries.map { it.code() to it.label(Lang.ZH_HANT) } + EventKind.entries.map { it.code() to it.label(Lang.ZH_HANT) } +
            Channel.entries.map { it.code() to it.label(Lang.ZH_HANT) } + DayKind.entries.map { it.code() to it.label(Lang.ZH_HANT) }
        assertTrue(all.all { it.first.isNotEmpty() && it.second.isNotEmpty() })
    }

    // The worked examples of the docs (README "Time, exactly"), on cn-mainland.
    val examples = listOf(
        listOf("2026-09-24T16:00:00+08:00", DeadlineClock.WORKING_DAYS, 3L, null, null, "2026-09-30T18:00:00+08:00"),
        listOf("2026-09-29T10:00:00+08:00", DeadlineClock.WORKING_DAYS, 3L, null, null, "2026-10-09T18:00:00+08:00"),
        listOf("2026-09-30T17:30:00+08:00", DeadlineClock.BUSINESS, 120L, null, null, "2026-10-08T10:30:00+08:00"),
        listOf("2026-10-09T11:00:00+08:00", DeadlineClock.WORKING_DAYS, 1L, null, null, "2026-10-10T18:00:00+08:00"),
        listOf("2026-09-21T12:00:00+08:00", DeadlineClock.CALENDAR_DAYS, 15L, null, DeadlineRoll.NEXT_WORKING_DAY, "2026-10-08T18:00:00+08:00"),
        listOf("2026-09-21T12:00:00+08:00", DeadlineClock.CALENDAR_DAYS, 15L, DeadlineEnd.END_OF_DAY, DeadlineRoll.NEXT_WORKING_DAY, "2026-10-09T00:00:00+08:00"),
        listOf("2026-09-19T10:00:00+08:00", DeadlineClock.WORKING_DAYS, 1L, null, null, "2026-09-20T18:00:00+08:00"),
    )
    for ((i, ex) in examples.withIndex()) {
        test("worked example ${i + 1}") {
            val due = cnMainland.add(at(ex[0] as String), ex[1] as DeadlineClock, ex[2] as Long, ex[3] as DeadlineEnd?, ex[4] as DeadlineRoll?)
            assertEquals(at(ex[5] as String), due)
            assertEquals(ex[5], cnMainland.format(due))
        }
    }

    test("explainDeadline is the text of plaint deadline --explain") {
        val text = cnMainland.explainDeadline(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L)
        val want = """
            2026-09-30T18:00:00+08:00
            calendar cn-mainland, start 2026-09-24T16:00:00+08:00, 3 working days, close of business, no roll
              2026-09-24 Thu  start day, not counted
              2026-09-25 Fri  holiday, skipped  中秋节 Mid-autumn Festival
              2026-09-26 Sat  holiday, skipped  中秋节 Mid-autumn Festival
              2026-09-27 Sun  holiday, skipped  中秋节 Mid-autumn Festival
              2026-09-28 Mon  counted
              2026-09-29 Tue  counted
              2026-09-30 Wed  counted
            due 2026-09-30T18:00:00+08:00
        """.trimIndent() + "\n"
        assertEquals(want, text)
        val zh = cnMainland.explainDeadline(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L, lang = Lang.ZH_HANS)
        assertTrue(zh.contains("2026-09-25 Fri  节假日,跳过  中秋节"), zh)
        assertTrue(zh.endsWith("截止 2026-09-30T18:00:00+08:00\n"), zh)
        val ex = cnMainland.explain(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L)
        assertEquals(listOf(DayKind.START_DAY, DayKind.HOLIDAY, DayKind.HOLIDAY, DayKind.HOLIDAY, DayKind.COUNTED, DayKind.COUNTED, DayKind.COUNTED),
            ex.days.map { it.kind })
        assertEquals(at("2026-09-30T18:00:00+08:00"), ex.dueAt)
    }

    test("calendar fromJson extends a preset") {
        WorkCalendar.fromJson("""{"plaint_calendar": 1, "name": "site", "extends": "cn-mainland"}""").use { cal ->
            assertEquals("site", cal.name())
            assertEquals(at("2026-09-30T18:00:00+08:00"), cal.add(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L))
        }
        assertEquals("2020-01-01", cnMainland.validFrom())
    }

    test("assessMany: one outcome per case, a bad case alone") {
        val p = Policy.preset("cn-property")
        val good = caseOf(Json.parse(majorLeak))
        val bad = good.copy(complaint = good.complaint.copy(id = ""))
        val now = at("2026-09-29T10:00:00+08:00")
        val out = p.assessMany(listOf(good, bad, good), now)
        assertEquals(3, out.size)
        assertEquals(CaseOutcome.Assessed(p.assess(good, now)), out[0])
        val failed = out[1] as CaseOutcome.Failed
        assertEquals("invalid_value" to "/complaint/id", failed.error.code to failed.error.path)
        assertEquals(out[0], out[2])
    }

    test("one policy from many threads") {
        val p = Policy.preset("cn-property")
        val case = caseOf(Json.parse(majorLeak))
        val now = at("2026-09-29T10:00:00+08:00")
        val want = p.assess(case, now)
        val pool = Executors.newFixedThreadPool(4)
        val results = (1..64).map { pool.submit<Assessment> { p.assess(case, now) } }
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        for (r in results) assertEquals(want, r.get())
    }

    // ---------------------------------------------------------------- suspend variants
    test("suspend: presetAsync, assessManyAsync and statsAsync equal the blocking calls") {
        val cases = List(200) { i -> caseOf(Json.parse(majorLeak)).let { c -> c.copy(complaint = c.complaint.copy(id = "PM-$i")) } }
        val now = at("2026-09-29T10:00:00+08:00")
        val p = Policy.preset("cn-property")
        runBlocking {
            assertEquals("cn-property", Policy.presetAsync("cn-property").name())
            assertEquals("hk", WorkCalendar.presetAsync("hk").name())
            val many = p.assessManyAsync(cases, now)
            assertEquals(p.assessMany(cases, now), many)
            assertEquals(200, many.count { it is CaseOutcome.Assessed })
            val stats = p.statsAsync(cases, now, StatsOptions())
            assertEquals(p.stats(cases, now, StatsOptions()), stats)
            assertEquals(200L, stats.total)
            // Concurrent suspend calls, each its own result.
            val parts = (0 until 4).map { k -> async { p.assessManyAsync(cases.subList(k * 50, k * 50 + 50), now) } }.awaitAll()
            assertEquals(many, parts.flatten())
            val e = assertFailsWith<PlaintException.UnknownPreset> { Policy.presetAsync("cn-proprety") }
            assertEquals("unknown_preset", e.code)
        }
    }

    test("suspend: assessManyAsync and statsAsync with options") {
        Policy.preset("cn-petition-2022").use { p ->
            val cases = listOf(petition("a"), petition("b"), petition("c").let { it.copy(complaint = it.complaint.copy(id = "")) })
            runBlocking {
                val many = p.assessManyAsync(cases, petitionNow, projected)
                assertEquals(p.assessMany(cases, petitionNow, projected), many)
                val handling = many.take(2).map { o -> (o as CaseOutcome.Assessed).assessment.deadlines.single { it.id == "handling" } }
                assertEquals(List(2) { at("2027-02-01T18:00:00+08:00") to true }, handling.map { it.dueAt to it.provisional })
                assertEquals("invalid_value" to "/complaint/id", (many[2] as CaseOutcome.Failed).error.let { it.code to it.path })
                val two = cases.take(2)
                // Official data only: both handling deadlines undetermined (not in the rate), both open complaints
                // cross the data's end; the written notices were met.
                val s = p.statsAsync(two, petitionNow)
                assertEquals(p.stats(two, petitionNow), s)
                assertEquals(OnTime(met = 0, metLate = 0, breached = 0, open = 0, undetermined = 2, rate = null), s.onTime["handling"])
                assertEquals(OnTime(met = 2, metLate = 0, breached = 0, open = 0, undetermined = 0, rate = 1.0), s.onTime["written_notice"])
                assertEquals(DataEnd("cn-mainland", "2026-12-31", 2L), s.crossingDataEnd)
                // Projected: both running (open), still crossing the data's end.
                val sp = p.statsAsync(two, petitionNow, StatsOptions(beyondData = BeyondData.PROJECTED))
                assertEquals(OnTime(met = 0, metLate = 0, breached = 0, open = 2, undetermined = 0, rate = null), sp.onTime["handling"])
                assertEquals(2L, sp.crossingDataEnd.openComplaints)
            }
        }
    }

    test("suspend: the caller's thread is free while the batch runs") {
        // One thread: had assessManyAsync blocked it, the other coroutine could not
        // run before it finished and would count nothing.
        val cases = List(500) { caseOf(Json.parse(majorLeak)) }
        val one = Executors.newSingleThreadExecutor()
        try {
            runBlocking(one.asCoroutineDispatcher()) {
                var done = false
                var ticks = 0
                launch { Policy.preset("cn-property").assessManyAsync(cases, at("2026-09-29T10:00:00+08:00")); done = true }
                launch { while (!done) { ticks++; yield() } }.join()
                assertTrue(ticks > 0, "the dispatcher's only thread was blocked")
            }
        } finally {
            one.shutdown()
        }
    }

    // ---------------------------------------------------------------- errors
    test("errors: code, path, a readable message") {
        val e = expectError<PlaintException.Invalid>("invalid_json") { Policy.fromJson("{") }
        assertEquals("invalid_json: ${e.detail}", e.message)
        assertTrue(e.message.startsWith("invalid_json: "), e.message)
        val u = expectError<PlaintException.UnknownPreset>("unknown_preset") { Policy.preset("cn-proprety") }
        assertTrue(u.detail.contains("cn-property"), u.detail)
        assertEquals("unknown_preset: ${u.detail}", u.message)
        expectError<PlaintException.UnknownPreset>("unknown_calendar") { WorkCalendar.preset("cn") }
        expectError<PlaintException.CalendarRangeExceeded>("calendar_range_exceeded") {
            cnMainland.add(at("2030-01-07T10:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L)
        }
        val n = expectError<PlaintException.Amount>("negative_amount", "/amount") {
            cnMainland.add(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, -3L)
        }
        assertEquals(listOf("negative_amount" to "/amount"), n.problems.map { it.code to it.path })
        expectError<PlaintException.Invalid>("invalid_instant", "/start") {
            cnMainland.add(Instant.parse("+10000-01-01T00:00:00Z"), DeadlineClock.ELAPSED, 1L)
        }
        // Catch the base type and still read code and path.
        try {
            Policy.preset("cn-property").classifyJson("""{"id": "x", "received_at": "2026-09-24T16:00:00"}""")
            fail("no error")
        } catch (e: PlaintException) {
            assertEquals("instant_without_offset" to "/received_at", e.code to e.path)
        }
    }

    test("errors: a typed case's paths are those of its JSON form") {
        val p = Policy.preset("cn-property")
        val good = caseOf(Json.parse(majorLeak))
        val early = good.copy(events = good.events.mapIndexed { i, e -> if (i == 1) e.copy(at = at("2026-09-23T16:20:00+08:00")) else e })
        expectError<PlaintException.EventLog>("invalid_event", "/events/1/at") { p.assess(early, at("2026-09-29T10:00:00+08:00")) }
        expectError<PlaintException.Invalid>("invalid_value", "/now") { p.assess(good, at("2026-09-20T10:00:00+08:00")) }
        val nan = good.copy(complaint = good.complaint.copy(facts = good.complaint.facts!!.copy(lossAmount = Double.NaN)))
        expectError<PlaintException.Invalid>("invalid_value", "/complaint/facts/loss_amount") { p.assess(nan, at("2026-09-29T10:00:00+08:00")) }
        // Reopened while still open (the lifecycle of the vector "reopened-when-open").
        val reopened = good.copy(events = good.events + Event(kind = EventKind.REOPENED, at = at("2026-09-28T12:00:00+08:00")))
        expectError<PlaintException.Transition>("invalid_transition", "/events/3") { p.assess(reopened, at("2026-09-29T10:00:00+08:00")) }
    }

    test("unknown op -> invalid_value /op") {
        expectError<PlaintException.Invalid>("invalid_value", "/op") { runOp("nope", "{}") }
    }

    // ---------------------------------------------------------------- conformance vectors
    val files = File(root, "tests/vectors").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    var vectors = 0
    for (file in files) {
        val suite = Json.parse(file.readText())
        for (case in (suite["cases"] as Json.Arr).items) {
            vectors++
            test("${file.name}#${case["id"]?.str}") { runVector(case) }
        }
    }
    println("conformance vectors: $vectors in ${files.size} files, each through the JSON API and the typed API " +
        "(${typedRefused.size} error inputs the typed API cannot express)")
    println("  not expressible in the typed API: " + typedRefused.joinToString("; "))
    if (vectors == 0) failures.add("no vectors found in ${File(root, "tests/vectors")}")

    println("kotlin: $passed passed, ${failures.size} failed")
    exitProcess(if (failures.isEmpty()) 0 else 1)
}
