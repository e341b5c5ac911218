// Tests of the Kotlin bindings (uniffi.plaint) on the JVM: the API, the
// errors, the worked examples of TIME.md, and every conformance vector of
// tests/vectors through runOp, which must give what the Rust runner gives.
//
// Run by tools/uniffi/test.sh: `java -Djna.library.path=target/debug ... PlaintTestKt <repo root>`.
// Prints one line per failure and closes with `kotlin: N passed, M failed`;
// exits non-zero when anything failed.

import java.io.File
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlin.test.fail
import uniffi.plaint.Calendar
import uniffi.plaint.PlaintException
import uniffi.plaint.Policy
import uniffi.plaint.runOp
import uniffi.plaint.version

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

/** The exception a block throws, checked for its type, code and path. */
inline fun <reified T : PlaintException> expectError(code: String, path: String? = null, block: () -> Unit): T {
    val e = assertFailsWith<T> { block() }
    val (c, p) = codeAndPath(e)
    assertEquals(code, c, "code of $e")
    if (path != null) assertEquals(path, p, "path of $e")
    return e
}

fun codeAndPath(e: PlaintException): Pair<String, String> = when (e) {
    is PlaintException.Invalid -> e.code to e.path
    is PlaintException.UnknownPreset -> e.code to e.path
    is PlaintException.CalendarRangeExceeded -> e.code to e.path
    is PlaintException.Amount -> e.code to e.path
    is PlaintException.InputTooLarge -> e.code to e.path
}

fun main(args: Array<String>) {
    val root = File(if (args.isNotEmpty()) args[0] else ".")
    val majorLeak = File(root, "examples/cases/major-leak.json").readText()
    val leakInjury = File(root, "examples/complaints/01-leak-injury.json").readText()
    val cnMainland = Calendar.preset("cn-mainland")

    // ---------------------------------------------------------------- API
    test("version") { assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(version()), version()) }

    test("policy preset") {
        Policy.preset("cn-property").use { p ->
            assertEquals("cn-property", p.name())
            assertTrue(p.version().isNotEmpty())
            assertEquals("cn-mainland", p.calendar().name())
            assertEquals("Asia/Shanghai", p.calendar().zone())
        }
    }

    test("policy fromJson: a preset name as a JSON string") {
        assertEquals("cn-goods", Policy.fromJson("\"cn-goods\"").name())
    }

    test("classify: typed and JSON agree") {
        val p = Policy.preset("cn-property")
        val c = p.classify(leakInjury)
        assertEquals("major", c.severity)
        val j = Json.parse(p.classifyJson(leakInjury))
        assertEquals(j["severity"]?.str, c.severity)
        assertEquals(j["category"]?.str, c.category)
        assertEquals(j["nature"]?.str, c.nature)
        assertEquals(j["validity_suggestion"]?.str, c.validitySuggestion)
        assertEquals(j["claim_type"]?.str, c.claimType)
        assertEquals(j["route"]?.str, c.route)
        assertTrue(c.signals.isNotEmpty(), "signals of a leak with an injury")
    }

    test("assess: typed and JSON agree") {
        val p = Policy.preset("cn-property")
        val now = "2026-09-29T10:00:00+08:00"
        val a = p.assess(majorLeak, now)
        val j = Json.parse(p.assessJson(majorLeak, now))
        assertEquals("PM-2026-0917", a.complaintId)
        assertEquals(j["state"]?.str, a.state)
        assertEquals(j["next_check_at"]?.str, a.nextCheckAt)
        assertEquals("major", a.classification.severity)
        val ds = (j["deadlines"] as Json.Arr).items
        assertEquals(ds.size, a.deadlines.size)
        assertTrue(a.deadlines.isNotEmpty())
        for ((d, jd) in a.deadlines.zip(ds)) {
            assertEquals(jd["id"]?.str, d.id)
            assertEquals(jd["state"]?.str, d.state)
            assertEquals(jd["due_at"]?.str, d.dueAt)
            assertEquals(jd["unit"]?.str, d.unit)
            assertEquals((jd["remaining"] as? Json.Num)?.text?.toLong(), d.remaining)
        }
        val es = (j["escalations"] as Json.Arr).items
        assertEquals(es.size, a.escalations.size)
        for ((e, je) in a.escalations.zip(es)) {
            assertEquals(je["trigger"]?.str, e.trigger)
            assertEquals(je["level"]?.str, e.level)
            assertEquals(je["notify_at"]?.str, e.notifyAt)
        }
    }

    test("calendar preset") {
        assertEquals("cn-mainland", cnMainland.name())
        assertEquals("2020-01-01", cnMainland.validFrom())
        assertTrue(cnMainland.validTo() >= "2026-12-31")
    }

    // TIME.md worked examples.
    val timeMd = listOf(
        listOf("2026-09-24T16:00:00+08:00", "working_days", 3L, null, null, "2026-09-30T18:00:00+08:00"),
        listOf("2026-09-29T10:00:00+08:00", "working_days", 3L, null, null, "2026-10-09T18:00:00+08:00"),
        listOf("2026-09-30T17:30:00+08:00", "business", 120L, null, null, "2026-10-08T10:30:00+08:00"),
        listOf("2026-10-09T11:00:00+08:00", "working_days", 1L, null, null, "2026-10-10T18:00:00+08:00"),
        listOf("2026-09-21T12:00:00+08:00", "calendar_days", 15L, null, "next_working_day", "2026-10-08T18:00:00+08:00"),
        listOf("2026-09-21T12:00:00+08:00", "calendar_days", 15L, "end_of_day", "next_working_day", "2026-10-09T00:00:00+08:00"),
        listOf("2026-09-19T10:00:00+08:00", "working_days", 1L, null, null, "2026-09-20T18:00:00+08:00"),
    )
    for ((i, ex) in timeMd.withIndex()) {
        test("TIME.md example ${i + 1}") {
            val due = cnMainland.add(ex[0] as String, ex[1] as String, ex[2] as Long, ex[3] as String?, ex[4] as String?)
            assertEquals(ex[5], due)
        }
    }

    test("add with default end and roll") {
        assertEquals("2026-09-30T18:00:00+08:00", cnMainland.add("2026-09-24T16:00:00+08:00", "working_days", 3))
    }

    test("addMillis agrees with add") {
        val start = java.time.OffsetDateTime.parse("2026-09-24T16:00:00+08:00").toInstant().toEpochMilli()
        val due = cnMainland.addMillis(start, "working_days", 3)
        assertEquals(java.time.OffsetDateTime.parse("2026-09-30T18:00:00+08:00").toInstant().toEpochMilli(), due)
        assertEquals("2026-09-30T18:00:00+08:00", cnMainland.formatMillis(due))
    }

    test("calendar fromJson extends a preset") {
        val cal = Calendar.fromJson("""{"plaint_calendar": 1, "name": "site", "extends": "cn-mainland"}""")
        assertEquals("site", cal.name())
        assertEquals("2026-09-30T18:00:00+08:00", cal.add("2026-09-24T16:00:00+08:00", "working_days", 3))
    }

    test("one policy from many threads") {
        val p = Policy.preset("cn-property")
        val want = p.assessJson(majorLeak, "2026-09-29T10:00:00+08:00")
        val pool = Executors.newFixedThreadPool(4)
        val results = (1..64).map { pool.submit<String> { p.assessJson(majorLeak, "2026-09-29T10:00:00+08:00") } }
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        for (r in results) assertEquals(want, r.get())
    }

    // ---------------------------------------------------------------- errors
    test("malformed JSON -> Invalid invalid_json") {
        expectError<PlaintException.Invalid>("invalid_json") { Policy.preset("cn-property").classify("{\"id\": ") }
        expectError<PlaintException.Invalid>("invalid_json") { Policy.fromJson("{") }
        expectError<PlaintException.Invalid>("invalid_json") { runOp("classify", "not json") }
    }

    test("unknown preset -> UnknownPreset unknown_preset") {
        val e = expectError<PlaintException.UnknownPreset>("unknown_preset") { Policy.preset("cn-proprety") }
        assertTrue(e.detail.contains("cn-property"), e.detail)
        assertTrue(e.message.contains("unknown_preset"), e.message)
    }

    test("unknown calendar -> UnknownPreset unknown_calendar") {
        expectError<PlaintException.UnknownPreset>("unknown_calendar") { Calendar.preset("cn") }
    }

    test("start without offset -> Invalid instant_without_offset") {
        val e = expectError<PlaintException.Invalid>("instant_without_offset", "/start") {
            cnMainland.add("2026-09-24T16:00:00", "working_days", 3)
        }
        assertEquals(1, e.problems.size)
        assertEquals("instant_without_offset", e.problems[0].code)
        expectError<PlaintException.Invalid>("instant_without_offset", "/now") {
            Policy.preset("cn-property").assess(majorLeak, "2026-09-29T10:00:00")
        }
    }

    test("a date beyond the calendar's data -> CalendarRangeExceeded") {
        expectError<PlaintException.CalendarRangeExceeded>("calendar_range_exceeded") {
            cnMainland.add("2030-01-07T10:00:00+08:00", "working_days", 3)
        }
    }

    test("negative amount -> Amount negative_amount") {
        expectError<PlaintException.Amount>("negative_amount") { cnMainland.add("2026-09-24T16:00:00+08:00", "working_days", -3) }
    }

    test("unknown clock -> Invalid invalid_value /clock") {
        expectError<PlaintException.Invalid>("invalid_value", "/clock") { cnMainland.add("2026-09-24T16:00:00+08:00", "hours", 3) }
    }

    test("every problem is listed") {
        val e = expectError<PlaintException.Invalid>("instant_without_offset", "/received_at") {
            Policy.preset("cn-property").classify(
                """{"id": "x", "received_at": "2026-09-24T16:00:00", "channel": "phone", "customer": {"id": "c"}, "text": "t", "clok": 1}""",
            )
        }
        assertTrue(e.problems.size >= 2, "problems: ${e.problems}")
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
            val id = "${file.name}#${case["id"]?.str}"
            test(id) {
                val out = try {
                    Result.success(runOp(case["op"]!!.str!!, case["input"]!!.text()))
                } catch (e: PlaintException) {
                    Result.failure(e)
                }
                val expect = case["expect"]
                val want = case["expect_error"]
                if (expect != null) {
                    val diffs = ArrayList<String>()
                    val text = out.getOrElse { fail("unexpected error $it") }
                    subset(expect, Json.parse(text), "", diffs)
                    if (diffs.isNotEmpty()) fail(diffs.joinToString("; "))
                } else {
                    assertNotNull(want, "case has neither expect nor expect_error")
                    val e = out.exceptionOrNull() as? PlaintException ?: fail("expected error $want, got ${out.getOrNull()}")
                    val (code, path) = codeAndPath(e)
                    assertEquals(want["code"]?.str, code, "code")
                    want["path"]?.let { assertEquals(it.str, path, "path") }
                }
            }
        }
    }
    println("conformance vectors: $vectors in ${files.size} files")
    if (vectors == 0) failures.add("no vectors found in ${File(root, "tests/vectors")}")

    println("kotlin: $passed passed, ${failures.size} failed")
    exitProcess(if (failures.isEmpty()) 0 else 1)
}
