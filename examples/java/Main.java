// The Java example of plaint (a call-center back end on the JVM): build a
// case with the typed API, assess it, print its deadlines and escalations,
// explain a deadline, handle an error by its code and path, and read the
// warnings of a case whose deadline lies past the calendar's holiday data.
// Java sees no default arguments: every argument is given (null, or
// `new AssessOptions(null)` for the policy's own options).
//
// Build and run it with the jar and its pom's dependencies only (no
// -Djna.library.path: the jar carries the native library):
//
//   bash examples/java/run.sh
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.plaint.*;

public class Main {
    static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    static Event event(EventKind kind, String when, String by, String to) {
        return new Event(kind, at(when), by, to, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("jna.library.path") != null) {
            throw new IllegalStateException("run without jna.library.path: the jar carries the library");
        }
        Complaint complaint = new Complaint(
            "PM-2026-0917", at("2026-09-24T16:00:00+08:00"), Channel.LETTER,
            new Customer("owner-1201", CustomerTier.REGULAR), "漏水", null, "工程部",
            "楼上漏水,天花板掉落砸伤了我母亲,水还在往下滴。已写信至集团总部。",
            new Facts(true, true, null, null, null, null, null, null, null, true, Cause.HARDWARE, null, List.of(), null),
            null, Map.of());
        Case leak = new Case(complaint, List.of(
            event(EventKind.REGISTERED, "2026-09-24T16:05:00+08:00", "front-desk-li", null),
            event(EventKind.FORWARDED, "2026-09-24T16:20:00+08:00", "front-desk-li", "engineering")), List.of());

        try (Policy policy = Policy.Companion.preset("cn-property")) {
            ZoneId zone = ZoneId.of(policy.calendar().zone());
            Assessment a = policy.assess(leak, at("2026-09-29T10:00:00+08:00"), new AssessOptions(null));
            System.out.println(a.getComplaintId() + ": " + a.getClassification().getSeverity().label(Lang.EN)
                + ", state " + a.getState().code());
            for (Deadline d : a.getDeadlines()) {
                String due = d.getDueAt() == null ? "-" : d.getDueAt().atZone(zone).toOffsetDateTime().toString();
                System.out.printf("  %-22s %-15s due %s%n", d.getId(), d.getState().code(), due);
            }
            for (Escalation e : a.getEscalations()) {
                System.out.println("  escalate to " + e.getLevel() + " (" + e.getOn().label(Lang.ZH_HANS) + ")");
            }
            System.out.print(policy.calendar().explainDeadline(
                at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L, null, null, Lang.EN, null));
        }

        try (WorkCalendar cal = WorkCalendar.Companion.preset("cn-mainland")) {
            cal.add(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, -3L, null, null);
        } catch (PlaintException e) {
            System.out.println("error " + PlaintErrors.getCode(e) + " at " + PlaintErrors.getPath(e) + ": " + e.getMessage());
        }

        // A petition accepted 2026-12-03 has 60 days: into 2027, past cn-mainland's data.
        Case petition = new Case(
            new Complaint("PET-1", at("2026-12-01T10:00:00+08:00"), null, null, null, null, null, "信访事项", null, null, Map.of()),
            List.of(event(EventKind.RECEIVED, "2026-12-01T10:00:00+08:00", null, null),
                event(EventKind.ACKNOWLEDGED, "2026-12-03T10:00:00+08:00", null, null)), List.of());
        try (Policy policy = Policy.Companion.preset("cn-petition-2022")) {
            Assessment a = policy.assess(petition, at("2026-12-06T10:00:00+08:00"), new AssessOptions(BeyondData.PROJECTED));
            for (Deadline d : a.getDeadlines()) {
                if (d.getId().equals("handling")) {
                    System.out.println("handling: " + d.getState().code() + ", provisional " + d.getProvisional());
                }
            }
            for (Warning w : a.getWarnings()) {
                System.out.println("  warning " + w.getCode().code() + ": " + w.getMessage());
            }
        }
    }
}
