//! Statistics over a large varied input, printed as JSON: a check that a
//! change to `analytics` keeps every figure (run it before and after the
//! change and compare the outputs byte for byte).
//!
//! Run: cargo run --release -p plaint-core --example stats_digest -- [N] > out.json
//!
//! N cases (default 70,000) are built from the example complaints with a
//! seeded generator: ids, customers, subjects, products, departments,
//! channels and receipt times vary, and each event log is a prefix of the
//! default lifecycle with customer waits, reopenings and satisfied or
//! unsatisfied answers mixed in. Each case is assessed under four policies;
//! cases a policy refuses are left out. Statistics are then counted with
//! five option sets (period, clocks, repeat window, batch keys).

use plaint_core::analytics::{StatsOptions, stats_on};
use plaint_core::model::{Channel, Event, EventKind, Instant, parse_instant};
use plaint_core::policy::BatchKey;
use plaint_core::time::Clock;
use plaint_core::{Case, Complaint, Explain, Policy, assess_with};

/// A small seeded generator (64-bit LCG, high bits), the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const MIN: i64 = 60_000;

fn templates() -> Vec<Complaint> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/complaints");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| Complaint::from_json(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn case(rng: &mut Rng, templates: &[Complaint], i: usize) -> Case {
    let mut c = templates[rng.next(templates.len() as u64) as usize].clone();
    let start = parse_instant("2025-06-01T00:00:00+08:00").unwrap().ms();
    // Receipts over about 16 months, so a period and the year before both hold cases.
    let received = start + rng.next(16 * 30 * 1440) as i64 * MIN;
    c.id = format!("C-{i}");
    c.received_at = Instant::from_ms(received).unwrap();
    c.customer.id = (rng.next(10) > 0).then(|| format!("cust-{}", rng.next(3000)));
    c.subject = (rng.next(8) > 0).then(|| format!("subject-{}", rng.next(12)));
    c.product = (rng.next(6) > 0).then(|| format!("model-{}", rng.next(200)));
    c.department =
        (rng.next(7) > 0).then(|| ["工程部", "客服部", "保安部", "环境部", "财务部"][rng.next(5) as usize].into());
    c.channel = [None, Some(Channel::Phone), Some(Channel::Letter), Some(Channel::Web)][rng.next(4) as usize];
    if rng.next(5) == 0 {
        c.attributes.insert("defective_units".into(), (rng.next(9) + 1).into());
    }
    let mut t = received;
    let mut events = Vec::new();
    let push = |rng: &mut Rng, t: &mut i64, events: &mut Vec<Event>, kind: EventKind, most: u64| {
        *t += (rng.next(most) as i64 + 1) * MIN;
        events.push(Event::new(kind, Instant::from_ms(*t).unwrap()));
    };
    use EventKind::*;
    let steps = rng.next(9);
    let plan = [
        Registered,
        Assigned,
        Contacted,
        Resolved,
        Replied,
        FollowUpDone,
        SignedOff,
        Closed,
    ];
    for (k, kind) in plan.iter().enumerate().take(steps as usize) {
        if *kind == Contacted && rng.next(4) == 0 {
            push(rng, &mut t, &mut events, AwaitingCustomer, 600);
            push(rng, &mut t, &mut events, Resumed, 4 * 1440);
        }
        if *kind == Contacted && rng.next(3) == 0 {
            push(rng, &mut t, &mut events, CustomerMessage, 1440);
        }
        if *kind == Contacted && rng.next(3) == 0 {
            let mut e = Event::new(Forwarded, Instant::from_ms(t + MIN).unwrap());
            e.handoff = rng.next(2) == 0;
            e.to = Some(["engineering", "客服部", "finance"][rng.next(3) as usize].into());
            events.push(e);
            t += MIN;
            if rng.next(4) > 0 {
                push(rng, &mut t, &mut events, AnsweredInternally, 600);
            }
        }
        if *kind == FollowUpDone && rng.next(3) == 0 {
            let answer = if rng.next(2) == 0 { Satisfied } else { Unsatisfied };
            push(rng, &mut t, &mut events, answer, 600);
        }
        push(
            rng,
            &mut t,
            &mut events,
            *kind,
            [15, 90, 2880, 8 * 1440, 600, 3 * 1440, 1440, 1440][k],
        );
    }
    if steps >= 5 && rng.next(6) == 0 {
        push(rng, &mut t, &mut events, Reopened, 3 * 1440);
        push(rng, &mut t, &mut events, Resolved, 5 * 1440);
        push(rng, &mut t, &mut events, Replied, 600);
        push(rng, &mut t, &mut events, Satisfied, 1440);
    }
    Case {
        complaint: c,
        events,
        related: Vec::new(),
    }
}

fn main() {
    let n: usize = std::env::args().nth(1).map_or(70_000, |s| s.parse().unwrap());
    let templates = templates();
    let mut rng = Rng(2026);
    let cases: Vec<Case> = (0..n).map(|i| case(&mut rng, &templates, i)).collect();
    let now = parse_instant("2026-10-01T10:00:00+08:00").unwrap();
    let at = |s: &str| Some(parse_instant(s).unwrap());
    let option_sets = [
        StatsOptions::default(),
        StatsOptions {
            from: at("2026-01-01T00:00:00+08:00"),
            to: at("2026-07-01T00:00:00+08:00"),
            units_shipped: Some(2_000_000),
            ..StatsOptions::default()
        },
        StatsOptions {
            resolve_clock: Clock::Elapsed,
            repeat_window_days: 7,
            batch: (BatchKey::Subject, 5, 3),
            ..StatsOptions::default()
        },
        StatsOptions {
            resolve_clock: Clock::Business,
            batch: (BatchKey::Department, 40, 2),
            from: at("2025-09-01T00:00:00+08:00"),
            ..StatsOptions::default()
        },
        StatsOptions {
            resolve_clock: Clock::CalendarDays,
            repeat_window_days: 90,
            batch: (BatchKey::Category, 10, 1),
            to: at("2026-03-15T00:00:00+08:00"),
            ..StatsOptions::default()
        },
    ];
    let two_sites = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/policies/two-sites.json");
    let policies = [
        ("cn-property", Policy::preset("cn-property").unwrap()),
        ("cn-banking", Policy::preset("cn-banking").unwrap()),
        ("uk-fca-disp", Policy::preset("uk-fca-disp").unwrap()),
        (
            "two-sites",
            Policy::from_json(&std::fs::read_to_string(two_sites).unwrap())
                .unwrap()
                .into(),
        ),
    ];
    for (name, policy) in policies {
        let items: Vec<(Case, plaint_core::Assessment)> = cases
            .iter()
            .filter_map(|c| {
                assess_with(&policy, c, now, Explain::Outcome)
                    .ok()
                    .map(|a| (c.clone(), a))
            })
            .collect();
        for (k, opts) in option_sets.iter().enumerate() {
            let s = stats_on(&policy.calendar, &|_| &policy.calendar, &items, opts);
            println!(
                "{{\"policy\":\"{name}\",\"options\":{k},\"cases\":{},\"stats\":{}}}",
                items.len(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }
}
