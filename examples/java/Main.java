// The Java example of plaint (a call-center back end on the JVM): build a
// case with the typed API, assess it, print its deadlines and escalations,
// explain a deadline, and handle an error by its code and path.
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
        return new Event(kind, at(when), by, to, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
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
            Assessment a = policy.assess(leak, at("2026-09-29T10:00:00+08:00"));
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
                at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, 3L, null, null, Lang.EN));
        }

        try (WorkCalendar cal = WorkCalendar.Companion.preset("cn-mainland")) {
            cal.add(at("2026-09-24T16:00:00+08:00"), DeadlineClock.WORKING_DAYS, -3L, null, null);
        } catch (PlaintException e) {
            System.out.println("error " + PlaintErrors.getCode(e) + " at " + PlaintErrors.getPath(e) + ": " + e.getMessage());
        }
    }
}
