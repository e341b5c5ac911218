//! Hardening properties: classification is deterministic and independent of
//! key order; assess is invariant to the order of events with distinct
//! instants; extensions never move a deadline earlier; statistics over a
//! union equal the merge of statistics over the parts.

use plaint_core::analytics::Tally;
use plaint_core::lifecycle::{allowed, state_at, timeline};
use plaint_core::model::{Event, EventKind, Instant};
use plaint_core::{Case, Clock, Complaint, Policy, Span, assess, classify};
use proptest::prelude::*;
use serde_json::{Value, json};

/// An instant from epoch milliseconds; every value these properties build
/// lies inside the supported years 1000-9999 (the strategies keep to them).
fn instant(ms: i64) -> Instant {
    Instant::from_ms(ms).expect("generated instants stay within years 1000-9999")
}

const PRESETS: &[&str] = &["cn-property", "cn-telecom", "cn-goods", "cn-petition"];
const TEXTS: &[&str] = &[
    "漏水砸伤了人",
    "電梯又壞了,多次投訴",
    "the lift broke down again and I was injured",
    "扣费错误 重复收费",
    "信号差 网速慢",
    "索赔 包装破损",
    "法院 仲裁",
    "噪音",
];
// 2026-11-02T10:00:00+08:00
const START: i64 = 1_793_584_800_000;

/// A complaint as JSON key/value pairs, to be written in any order.
fn complaint_fields() -> impl Strategy<Value = Vec<(&'static str, Value)>> {
    (0..TEXTS.len(), any::<bool>(), any::<bool>(), 0i64..4, 0usize..4, any::<bool>()).prop_map(|(t, inj, harm, times, cause, vip)| {
        let causes = ["hardware", "design_defect", "service", "misunderstanding"];
        vec![
            ("id", json!("p1")),
            ("received_at", json!("2026-11-02T10:00:00+08:00")),
            ("channel", json!("phone")),
            ("customer", json!({"id": "c1", "tier": if vip { "vip" } else { "regular" }})),
            ("text", json!(TEXTS[t])),
            ("product", json!("TV-55X")),
            ("facts", json!({"personal_injury": inj, "harm_ongoing": harm, "times_raised_before": times, "cause": causes[cause]})),
        ]
    })
}

fn write_object(fields: &[(&'static str, Value)], order: &[usize]) -> String {
    let parts: Vec<String> = order
        .iter()
        .map(|&i| format!("{:?}: {}", fields[i].0, fields[i].1))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn classification_is_deterministic_and_key_order_free(
        fields in complaint_fields(),
        order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
        preset in 0..PRESETS.len(),
    ) {
        let policy = Policy::preset(PRESETS[preset]).unwrap();
        let canonical = Complaint::from_json(&write_object(&fields, &(0..7).collect::<Vec<_>>())).unwrap();
        let shuffled = Complaint::from_json(&write_object(&fields, &order)).unwrap();
        let a = serde_json::to_string(&classify(&policy, &canonical)).unwrap();
        let b = serde_json::to_string(&classify(&policy, &shuffled)).unwrap();
        let again = serde_json::to_string(&classify(&policy, &canonical)).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &again);
    }

    #[test]
    fn assess_ignores_the_order_of_events_with_distinct_instants(
        picks in prop::collection::vec((any::<prop::sample::Index>(), 1i64..3 * 86_400_000), 0..12),
        shuffle in Just((0..12).collect::<Vec<usize>>()).prop_shuffle(),
        now_after in 0i64..20 * 86_400_000,
    ) {
        let policy = Policy::preset("cn-property").unwrap();
        let complaint = Complaint::from_value(&json!({"id": "o1", "received_at": "2026-11-02T10:00:00+08:00",
            "text": "漏水", "facts": {"cause": "hardware"}})).unwrap();
        // A valid log: each event allowed in the state the previous ones led to.
        let mut events: Vec<Event> = Vec::new();
        let mut t = START;
        for (pick, gap) in picks {
            let refs: Vec<(usize, &Event)> = events.iter().enumerate().collect();
            let tl = timeline(&policy.lifecycle, complaint.received_at, &refs).unwrap();
            let options: Vec<EventKind> = allowed(&policy.lifecycle, state_at(&tl, instant(t)))
                .into_iter()
                .filter(|k| !matches!(k, EventKind::ExtensionGranted | EventKind::Reclassified))
                .collect();
            if options.is_empty() {
                break;
            }
            t += gap;
            events.push(Event::new(*pick.get(&options), instant(t)));
        }
        let now = instant(t + now_after);
        let ordered = Case { complaint: complaint.clone(), events: events.clone(), related: vec![] };
        let mut mixed_events: Vec<Event> = shuffle.iter().filter(|&&i| i < events.len()).map(|&i| events[i].clone()).collect();
        mixed_events.extend(events.iter().skip(shuffle.len()).cloned());
        let mixed = Case { complaint, events: mixed_events, related: vec![] };
        let a = serde_json::to_value(assess(&policy, &ordered, now).unwrap()).unwrap();
        let b = serde_json::to_value(assess(&policy, &mixed, now).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn extensions_never_move_a_deadline_earlier(
        start in START..START + 300 * 86_400_000 / 10,
        amount in 0i64..20,
        extra in 0i64..20,
        clock in 0usize..Clock::ALL.len(),
    ) {
        let cal = plaint_core::Calendar::preset("cn-mainland").unwrap();
        let clock = Clock::ALL[clock];
        let span = Span::from_edge_amount(clock, amount).unwrap();
        let longer = Span::from_edge_amount(clock, amount + extra).unwrap();
        if let (Ok(a), Ok(b)) = (cal.add(instant(start), &span), cal.add(instant(start), &longer)) {
            prop_assert!(b >= a);
        }
    }

    #[test]
    fn tally_of_a_union_is_the_merge_of_the_parts(
        kinds in prop::collection::vec((0usize..4, 0i64..6 * 86_400_000, any::<bool>()), 1..30),
        split in any::<prop::sample::Index>(),
    ) {
        let policy = Policy::preset("cn-property").unwrap();
        let now = instant(START + 10 * 86_400_000);
        let cases: Vec<Case> = kinds.iter().enumerate().map(|(i, (k, gap, satisfied))| {
            let department = ["工程部", "客服部"][i % 2];
            let text = ["噪音", "漏水受伤", "电梯", "物业费"][*k];
            let complaint = Complaint::from_value(&json!({"id": format!("s{i}"), "received_at": "2026-11-02T10:00:00+08:00",
                "department": department, "text": text})).unwrap();
            let at = instant(START + gap + 1);
            let mut events = vec![Event::new(EventKind::Resolved, at), Event::new(EventKind::Replied, instant(at.ms() + 1))];
            events.push(Event::new(if *satisfied { EventKind::Satisfied } else { EventKind::Unsatisfied }, instant(at.ms() + 2)));
            Case { complaint, events, related: vec![] }
        }).collect();
        let tally = |cs: &[Case]| {
            let mut t = Tally::default();
            for c in cs {
                t.add(c, &assess(&policy, c, now).unwrap(), &policy.calendar, Clock::Business);
            }
            t
        };
        let cut = split.index(cases.len() + 1);
        let mut merged = tally(&cases[..cut]);
        merged.merge(&tally(&cases[cut..]));
        let mut whole = tally(&cases);
        merged.resolve_times.sort_unstable();
        whole.resolve_times.sort_unstable();
        prop_assert_eq!(merged, whole);
    }
}
