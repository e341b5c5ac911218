//! Property (scenario 11): `assess` never panics on an arbitrary
//! event log — random kinds, instants within 2026 (in any order), random
//! payload fields — under every shipped preset. It returns Ok or Err (any
//! code); it must not panic, overflow or loop.

use plaint_core::assess::Case;
use plaint_core::lifecycle::{allowed, state_at, timeline};
use plaint_core::model::EventKind;
use plaint_core::{Explain, Instant, Policy, assess, assess_with};
use proptest::prelude::*;
use serde_json::{Value, json};

/// An instant from epoch milliseconds; every value these properties build
/// lies inside the supported years 1000-9999 (the strategies keep to them).
fn instant(ms: i64) -> Instant {
    Instant::from_ms(ms).expect("generated instants stay within years 1000-9999")
}

// 2026-01-01T00:00:00+08:00 .. 2027-01-01T00:00:00+08:00
const FROM_MS: i64 = 1_767_196_800_000;
const TO_MS: i64 = 1_798_732_800_000;

const PRESETS: &[&str] = &["cn-property", "cn-telecom", "cn-goods", "cn-petition"];
const SEVERITIES: &[&str] = &["minor", "important", "major", "deferred"];
const REMEDIES: &[&str] = &["compensation", "refund", "gift", "price_reduction"];
const LEVELS: &[&str] = &[
    "front_desk",
    "cs_assistant",
    "cs_manager",
    "service_centre_manager",
    "general_manager",
    "handler",
    "team_leader",
    "dept_head",
    "gm",
    "sales_unit",
    "gm_office",
    "subdistrict_office",
    "city",
    "nobody",
];
const DEADLINES: &[&str] = &[
    "forward",
    "minor_reply",
    "important_settle",
    "major_reply",
    "major_settle",
    "first_contact",
    "countermeasure_answer",
    "forward_city",
    "acceptance_notice",
    "unknown",
];
const CHANNELS: &[&str] = &["phone", "visit", "letter", "email", "web", "app", "social_media"];

fn iso(ms: i64) -> String {
    Instant::from_ms(ms).unwrap().to_utc_string()
}

/// One random event: kind, instant, and a random selection of payload fields.
fn event() -> impl Strategy<Value = Value> {
    (
        0..EventKind::ALL.len(),
        FROM_MS..TO_MS,
        (
            0..SEVERITIES.len(),
            0..REMEDIES.len(),
            0..LEVELS.len(),
            0..DEADLINES.len(),
        ),
        (-3i64..20, 0.0f64..20_000.0, any::<bool>(), 0u8..16),
    )
        .prop_map(|(k, at, (s, r, l, d), (amount, money, handoff, mask))| {
            let mut e = json!({"type": EventKind::ALL[k].code(), "at": iso(at), "by": "someone"});
            if mask & 1 != 0 {
                e["severity"] = json!(SEVERITIES[s]);
            }
            if mask & 2 != 0 {
                e["remedy"] = json!(REMEDIES[r]);
                e["remedy_amount"] = json!(money);
            }
            if mask & 4 != 0 {
                e["level"] = json!(LEVELS[l]);
                e["to"] = json!(LEVELS[l]);
                e["handoff"] = json!(handoff);
            }
            if mask & 8 != 0 {
                e["deadline"] = json!(DEADLINES[d]);
                if amount >= 0 {
                    e["amount"] = json!(amount);
                }
            }
            e
        })
}

fn complaint() -> impl Strategy<Value = Value> {
    (
        FROM_MS..TO_MS,
        0..CHANNELS.len(),
        any::<[bool; 4]>(),
        0..LEVELS.len(),
        0..LEVELS.len(),
    )
        .prop_map(|(at, ch, f, a, b)| {
            json!({
                "id": "P1", "received_at": iso(at), "channel": CHANNELS[ch],
                "customer": {"id": "c-1", "tier": if f[3] { "vip" } else { "regular" }},
                "product": "TV-55X", "text": "楼上漏水,多次投诉还是没解决,受伤",
                "facts": {"personal_injury": f[0], "needs_coordination": f[1], "involves_other_department": f[2]},
                "attributes": {"addressed_level": LEVELS[a], "competent_level": LEVELS[b]}
            })
        })
}

fn related() -> impl Strategy<Value = Value> {
    prop::collection::vec(FROM_MS..TO_MS, 0..4).prop_map(|v| {
        Value::Array(v.into_iter().enumerate().map(|(i, at)| json!({"id": format!("r{i}"), "received_at": iso(at), "product": "TV-55X", "customer_id": "c-1"})).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn assess_never_panics(
        preset in 0..PRESETS.len(),
        complaint in complaint(),
        events in prop::collection::vec(event(), 0..12),
        related in related(),
        now in FROM_MS..TO_MS,
    ) {
        let policy = Policy::preset(PRESETS[preset]).unwrap();
        let case = json!({"complaint": complaint, "events": events, "related": related});
        // A case that does not decode is an Err too; only a panic fails.
        if let Ok(case) = Case::from_value(&case) {
            let result = assess(&policy, &case, instant(now));
            // Without the trace (the Arrow API's way), the same outcome.
            let lean = assess_with(&policy, &case, instant(now), Explain::Outcome);
            if let Ok(a) = &result {
                // When it succeeds, every rule of the policy is reported.
                prop_assert_eq!(a.deadlines.len(), policy.deadlines.len());
            }
            let mut traced = result;
            if let Ok(a) = &mut traced {
                a.classification.trace.clear();
            }
            prop_assert_eq!(traced, lean);
        }
    }

    /// Logs that follow the state machine (each event allowed in the state
    /// the previous ones led to, instants increasing), so that the deadline,
    /// pause, reopen and escalation code is reached, not only the transition
    /// check.
    #[test]
    fn assess_never_panics_on_walks_of_the_machine(
        preset in 0..PRESETS.len(),
        complaint in complaint(),
        steps in prop::collection::vec((any::<prop::sample::Index>(), 1i64..4 * 86_400_000, event()), 0..16),
        related in related(),
        later in 0i64..40 * 86_400_000,
    ) {
        let policy = Policy::preset(PRESETS[preset]).unwrap();
        let Ok(mut case) = Case::from_value(&json!({"complaint": complaint, "events": [], "related": related})) else {
            return Ok(());
        };
        let mut t = case.complaint.received_at.ms();
        for (pick, gap, payload) in steps {
            let refs: Vec<(usize, &plaint_core::model::Event)> = case.events.iter().enumerate().collect();
            let tl = timeline(&policy.lifecycle, case.complaint.received_at, &refs).unwrap();
            let state = state_at(&tl, instant(t));
            let allowed = allowed(&policy.lifecycle, state);
            if allowed.is_empty() {
                break;
            }
            t += gap;
            let mut payload = payload;
            payload["type"] = json!(pick.get(&allowed).code());
            payload["at"] = json!(iso(t));
            let Ok(one) = Case::from_value(&json!({"complaint": {"id": "x", "received_at": iso(FROM_MS)}, "events": [payload]})) else {
                continue;
            };
            case.events.extend(one.events);
        }
        let _ = assess(&policy, &case, instant(case.complaint.received_at.ms() + later));
        let _ = assess(&policy, &case, instant(t + 1));
    }

    /// The same through the JSON layer, with `now` sometimes before receipt.
    #[test]
    fn run_op_assess_never_panics(
        preset in 0..PRESETS.len(),
        complaint in complaint(),
        events in prop::collection::vec(event(), 0..8),
        now in FROM_MS..TO_MS,
    ) {
        let input = json!({"policy": PRESETS[preset], "case": {"complaint": complaint, "events": events}, "now": iso(now)});
        let _ = plaint_core::api::run_op("assess", &input);
    }
}
