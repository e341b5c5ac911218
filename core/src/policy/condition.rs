//! The condition language shared by classification tables, deadline rules
//! and escalation triggers: `{"field": test, ...}`, all tests must hold.

use crate::classify::text::{SignalHits, SignalSet, normalize};
use crate::decode::{Reader, child, index};
use crate::error::Code;
use crate::lifecycle::State;
use crate::model::{
    Category, Cause, Channel, ClaimType, Complaint, EventKind, Facts, Logged, Nature, Remedy, Severity, Tier, Validity,
};
use crate::policy::OutputKind;
use crate::sla::{DeadlineStatus, SlaState};
use serde_json::Value;

/// A literal in a test.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Bool(bool),
    Num(f64),
    Str(String),
}

/// A field a condition can read.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Channel,
    Tier,
    CustomerId,
    Subject,
    Product,
    Department,
    Text,
    LossAmount,
    TimesRaisedBefore,
    Cause,
    Claim,
    /// A yes/no fact: its index in `FACT_BOOLS`.
    Flag(usize),
    Remedies,
    Attribute(String),
    Output(OutputKind),
    Signals,
    /// The lifecycle state at `now` (`state`).
    State,
    /// How many times the event happened so far (`events.<event>`).
    EventCount(EventKind),
    /// The state of a deadline of the same assessment (`deadlines.<id>`).
    DeadlineState(String),
}

impl Field {
    /// Whether the field reads the case's progress (state, events,
    /// deadlines), which classification does not know yet.
    pub fn is_case(&self) -> bool {
        matches!(self, Field::State | Field::EventCount(_) | Field::DeadlineState(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Enum(&'static [&'static str]),
    Str,
    Text,
    Bool,
    Num,
    EnumList(&'static [&'static str]),
    Any,
}

/// How a signals test combines its ids.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SignalMode {
    Any,
    All,
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Eq(Lit),
    Ne(Lit),
    In(Vec<Lit>),
    NotIn(Vec<Lit>),
    Gt(f64),
    Gte(f64),
    Lt(f64),
    Lte(f64),
    Exists(bool),
    Contains(String),
    Signals(SignalMode, Vec<usize>),
}

/// One test on one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    pub field: Field,
    pub op: Op,
    /// The field as written in the policy ("facts.loss_amount").
    pub name: String,
}

/// A conjunction of tests; the empty condition always holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Condition {
    pub tests: Vec<Test>,
}

/// The outputs of classification so far, readable by later conditions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outputs {
    pub severity: Option<Severity>,
    pub category: Option<Category>,
    pub nature: Option<Nature>,
    pub validity: Option<Validity>,
    pub claim_type: Option<ClaimType>,
    pub route: Option<String>,
}

/// What a condition is evaluated against.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    pub complaint: &'a Complaint,
    pub outputs: &'a Outputs,
    pub hits: &'a SignalHits,
    pub normalized_text: &'a str,
    /// The case's progress; None while classifying.
    pub case: Option<&'a CaseView<'a>>,
}

/// Where a case stands, for the fields `state`, `events.<event>` and
/// `deadlines.<id>`.
pub struct CaseView<'a> {
    pub state: State,
    /// The events up to `now`, in order.
    pub events: &'a [Logged<'a>],
    /// The deadlines evaluated so far (a deadline sees those before it).
    pub deadlines: &'a [DeadlineStatus],
}

/// A field's value on one complaint.
enum Val<'a> {
    Bool(bool),
    Num(f64),
    Str(&'a str),
    Remedies(&'a [Remedy]),
    Json(&'a Value),
}

/// The yes/no facts a condition may test, with how each is read.
type FlagOf = fn(&Facts) -> Option<bool>;
const FACT_BOOLS: &[(&str, FlagOf)] = &[
    ("harm_ongoing", |f| f.harm_ongoing),
    ("personal_injury", |f| f.personal_injury),
    ("wrote_to_company", |f| f.wrote_to_company),
    ("refuses_fees", |f| f.refuses_fees),
    ("major_inconvenience", |f| f.major_inconvenience),
    ("needs_coordination", |f| f.needs_coordination),
    ("resolvable_on_spot", |f| f.resolvable_on_spot),
    ("involves_other_department", |f| f.involves_other_department),
];

/// Every field name a condition may use (attributes.* aside), for messages.
pub const FIELD_NAMES: &str = "channel, customer.tier, customer.id, subject, product, department, text, \
facts.<fact>, attributes.<name>, severity, category, nature, validity, claim_type, route, signals, \
state, events.<event>, deadlines.<id>";

fn resolve(name: &str) -> Option<(Field, Kind)> {
    Some(match name {
        "channel" => (Field::Channel, Kind::Enum(Channel::CODES)),
        "customer.tier" => (Field::Tier, Kind::Enum(Tier::CODES)),
        "customer.id" => (Field::CustomerId, Kind::Str),
        "subject" => (Field::Subject, Kind::Str),
        "product" => (Field::Product, Kind::Str),
        "department" => (Field::Department, Kind::Str),
        "text" => (Field::Text, Kind::Text),
        "facts.loss_amount" => (Field::LossAmount, Kind::Num),
        "facts.times_raised_before" => (Field::TimesRaisedBefore, Kind::Num),
        "facts.cause" => (Field::Cause, Kind::Enum(Cause::CODES)),
        "facts.claim" => (Field::Claim, Kind::Enum(ClaimType::CODES)),
        "facts.remedies_requested" => (Field::Remedies, Kind::EnumList(Remedy::CODES)),
        "severity" => (Field::Output(OutputKind::Severity), Kind::Enum(Severity::CODES)),
        "category" => (Field::Output(OutputKind::Category), Kind::Enum(Category::CODES)),
        "nature" => (Field::Output(OutputKind::Nature), Kind::Enum(Nature::CODES)),
        "validity" => (Field::Output(OutputKind::Validity), Kind::Enum(Validity::CODES)),
        "claim_type" => (Field::Output(OutputKind::ClaimType), Kind::Enum(ClaimType::CODES)),
        "route" => (Field::Output(OutputKind::Route), Kind::Str),
        "signals" => (Field::Signals, Kind::Any),
        "state" => (Field::State, Kind::Enum(State::CODES)),
        _ => {
            if let Some(kind) = name.strip_prefix("events.") {
                let kind = EventKind::ALL.iter().find(|k| k.code() == kind)?;
                return Some((Field::EventCount(*kind), Kind::Num));
            }
            if let Some(id) = name.strip_prefix("deadlines.").filter(|id| !id.is_empty()) {
                return Some((Field::DeadlineState(id.to_string()), Kind::Enum(SlaState::CODES)));
            }
            if let Some(fact) = name.strip_prefix("facts.") {
                let i = FACT_BOOLS.iter().position(|(name, _)| *name == fact)?;
                return Some((Field::Flag(i), Kind::Bool));
            }
            let attr = name.strip_prefix("attributes.").filter(|a| !a.is_empty())?;
            return Some((Field::Attribute(attr.to_string()), Kind::Any));
        }
    })
}

/// Read a condition object at `path`.
pub fn read_condition(r: &mut Reader, v: &Value, path: &str, signals: &SignalSet) -> Option<Condition> {
    let Value::Object(map) = v else {
        r.object(v, path);
        return None;
    };
    let mut cond = Condition::default();
    let mut ok = true;
    for (name, test) in map {
        let p = child(path, name);
        let Some((field, kind)) = resolve(name) else {
            r.push(
                Code::InvalidValue,
                &p,
                format!("unknown field {name:?}; fields: {FIELD_NAMES}"),
            );
            ok = false;
            continue;
        };
        let before = r.problems.len();
        if field == Field::Signals {
            if let Some(op) = read_signals(r, test, &p, signals) {
                cond.tests.push(Test {
                    field,
                    op,
                    name: name.clone(),
                });
            }
        } else {
            for op in read_ops(r, test, &p, kind) {
                cond.tests.push(Test {
                    field: field.clone(),
                    op,
                    name: name.clone(),
                });
            }
        }
        ok &= r.problems.len() == before;
    }
    ok.then_some(cond)
}

fn read_signals(r: &mut Reader, v: &Value, path: &str, signals: &SignalSet) -> Option<Op> {
    let (mode, ids) = match v {
        Value::String(_) => (SignalMode::Any, std::slice::from_ref(v)),
        Value::Array(a) => (SignalMode::Any, a.as_slice()),
        Value::Object(m) if m.len() == 1 => {
            let (k, list) = m.iter().next()?;
            let mode = match k.as_str() {
                "any" => SignalMode::Any,
                "all" => SignalMode::All,
                "none" => SignalMode::None,
                _ => {
                    r.push(
                        Code::InvalidValue,
                        &child(path, k),
                        format!("unknown signals operator {k:?}; expected any, all or none"),
                    );
                    return None;
                }
            };
            (mode, r.array(list, &child(path, k))?.as_slice())
        }
        _ => {
            r.push(
                Code::InvalidType,
                path,
                "expected a signal id, a list of ids, or {\"any\"|\"all\"|\"none\": [ids]}",
            );
            return None;
        }
    };
    let mut out = Vec::new();
    for id in ids {
        let name = r.string(id, path)?;
        match signals.position(name) {
            Some(i) => out.push(i),
            None => {
                r.push(Code::UnknownReference, path, format!("unknown signal {name:?}"));
                return None;
            }
        }
    }
    Some(Op::Signals(mode, out))
}

fn read_ops(r: &mut Reader, v: &Value, path: &str, kind: Kind) -> Vec<Op> {
    match v {
        Value::Object(map) => {
            let mut ops = Vec::new();
            if map.is_empty() {
                r.push(Code::InvalidValue, path, "an empty test");
            }
            for (op, arg) in map {
                if let Some(op) = read_op(r, op, arg, &child(path, op), path, kind) {
                    ops.push(op);
                }
            }
            ops
        }
        Value::Array(items) => read_list(r, items, path, kind).map(Op::In).into_iter().collect(),
        _ => read_lit(r, v, path, kind).map(Op::Eq).into_iter().collect(),
    }
}

fn read_op(r: &mut Reader, op: &str, arg: &Value, op_path: &str, field_path: &str, kind: Kind) -> Option<Op> {
    let numeric = |r: &mut Reader| -> Option<f64> {
        if !matches!(kind, Kind::Num | Kind::Any) {
            r.push(
                Code::InvalidValue,
                field_path,
                format!("operator {op:?} needs a numeric field"),
            );
            return None;
        }
        r.number(arg, op_path)
    };
    match op {
        "eq" => read_lit(r, arg, op_path, kind).map(Op::Eq),
        "ne" => read_lit(r, arg, op_path, kind).map(Op::Ne),
        "in" | "not_in" => {
            let items = r.array(arg, op_path)?;
            let list = read_list(r, items, op_path, kind)?;
            Some(if op == "in" { Op::In(list) } else { Op::NotIn(list) })
        }
        "gt" => numeric(r).map(Op::Gt),
        "gte" => numeric(r).map(Op::Gte),
        "lt" => numeric(r).map(Op::Lt),
        "lte" => numeric(r).map(Op::Lte),
        "exists" => r.boolean(arg, op_path).map(Op::Exists),
        "contains" => {
            if !matches!(kind, Kind::Text | Kind::Str | Kind::Any) {
                r.push(
                    Code::InvalidValue,
                    field_path,
                    "operator \"contains\" needs a text field",
                );
                return None;
            }
            r.name(arg, op_path).map(|s| Op::Contains(normalize(s)))
        }
        _ => {
            r.push(
                Code::InvalidValue,
                op_path,
                format!("unknown operator {op:?}; expected eq, ne, in, not_in, gt, gte, lt, lte, exists, contains"),
            );
            None
        }
    }
}

fn read_list(r: &mut Reader, items: &[Value], path: &str, kind: Kind) -> Option<Vec<Lit>> {
    let kind = match kind {
        Kind::EnumList(codes) => Kind::Enum(codes),
        k => k,
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        out.push(read_lit(r, item, &index(path, i), kind)?);
    }
    Some(out)
}

fn read_lit(r: &mut Reader, v: &Value, path: &str, kind: Kind) -> Option<Lit> {
    let lit = match v {
        Value::Bool(b) => Lit::Bool(*b),
        Value::Number(n) => Lit::Num(n.as_f64()?),
        Value::String(s) => Lit::Str(s.clone()),
        _ => {
            r.push(Code::InvalidType, path, "expected a string, a number or a boolean");
            return None;
        }
    };
    let fits = match (kind, &lit) {
        (Kind::Enum(codes) | Kind::EnumList(codes), Lit::Str(s)) => {
            if !codes.contains(&s.as_str()) {
                r.push(
                    Code::InvalidValue,
                    path,
                    format!("unknown value {s:?}; expected one of {}", codes.join(", ")),
                );
                return None;
            }
            true
        }
        (Kind::Str, Lit::Str(_)) | (Kind::Bool, Lit::Bool(_)) | (Kind::Num, Lit::Num(_)) | (Kind::Any, _) => true,
        _ => false,
    };
    if !fits {
        r.push(Code::InvalidValue, path, format!("{v} does not fit this field"));
        return None;
    }
    Some(lit)
}

impl Condition {
    /// Whether every test holds.
    pub fn holds(&self, s: &Subject) -> bool {
        self.tests.iter().all(|t| t.holds(s))
    }

    /// `holds`, for a caller that knows the `known`th test holds (an index
    /// found the row by that test's value) and need not test it again.
    pub(crate) fn holds_but(&self, s: &Subject, known: usize) -> bool {
        self.tests.iter().enumerate().all(|(k, t)| k == known || t.holds(s))
    }
}

impl Test {
    pub fn holds(&self, s: &Subject) -> bool {
        if let Op::Signals(mode, ids) = &self.op {
            let hit = |i: &usize| s.hits.first_keyword.get(*i).is_some_and(Option::is_some);
            return match mode {
                SignalMode::Any => ids.iter().any(hit),
                SignalMode::All => ids.iter().all(hit),
                SignalMode::None => !ids.iter().any(hit),
            };
        }
        let value = field_value(&self.field, s);
        match (&self.op, value) {
            (Op::Exists(want), v) => v.is_some() == *want,
            (Op::Ne(lit), v) => !v.is_some_and(|v| equals(&v, lit)),
            (Op::NotIn(lits), v) => !v.is_some_and(|v| lits.iter().any(|l| equals(&v, l))),
            (_, None) => false,
            (Op::Eq(lit), Some(v)) => equals(&v, lit),
            (Op::In(lits), Some(v)) => lits.iter().any(|l| equals(&v, l)),
            (Op::Gt(x), Some(v)) => number(&v).is_some_and(|n| n > *x),
            (Op::Gte(x), Some(v)) => number(&v).is_some_and(|n| n >= *x),
            (Op::Lt(x), Some(v)) => number(&v).is_some_and(|n| n < *x),
            (Op::Lte(x), Some(v)) => number(&v).is_some_and(|n| n <= *x),
            (Op::Contains(needle), Some(Val::Str(text))) => {
                if self.field == Field::Text {
                    s.normalized_text.contains(needle.as_str())
                } else {
                    normalize(text).contains(needle.as_str())
                }
            }
            (Op::Contains(needle), Some(Val::Json(Value::String(text)))) => normalize(text).contains(needle.as_str()),
            _ => false,
        }
    }

    /// The test as people read it: `facts.loss_amount >= 10000`.
    pub fn describe(&self, signals: &SignalSet) -> String {
        let lit = |l: &Lit| match l {
            Lit::Bool(b) => b.to_string(),
            Lit::Num(n) => n.to_string(),
            Lit::Str(s) => s.clone(),
        };
        let list = |ls: &[Lit]| ls.iter().map(lit).collect::<Vec<_>>().join(", ");
        let n = &self.name;
        match &self.op {
            Op::Eq(l) => format!("{n} = {}", lit(l)),
            Op::Ne(l) => format!("{n} != {}", lit(l)),
            Op::In(ls) => format!("{n} in [{}]", list(ls)),
            Op::NotIn(ls) => format!("{n} not in [{}]", list(ls)),
            Op::Gt(x) => format!("{n} > {x}"),
            Op::Gte(x) => format!("{n} >= {x}"),
            Op::Lt(x) => format!("{n} < {x}"),
            Op::Lte(x) => format!("{n} <= {x}"),
            Op::Exists(b) => format!("{n} {}", if *b { "exists" } else { "is absent" }),
            Op::Contains(s) => format!("{n} contains {s:?}"),
            Op::Signals(mode, ids) => {
                let names: Vec<&str> = ids.iter().map(|i| &*signals.signals[*i].id).collect();
                let mode = match mode {
                    SignalMode::Any => "any",
                    SignalMode::All => "all",
                    SignalMode::None => "none",
                };
                format!("signals {mode} [{}]", names.join(", "))
            }
        }
    }
}

/// The value of `field` for `s`.
fn field_value<'a>(field: &Field, s: &Subject<'a>) -> Option<Val<'a>> {
    let c = s.complaint;
    let f = &c.facts;
    Some(match field {
        Field::Channel => Val::Str(c.channel?.code()),
        Field::Tier => Val::Str(c.customer.tier?.code()),
        Field::CustomerId => Val::Str(c.customer.id.as_deref()?),
        Field::Subject => Val::Str(c.subject.as_deref()?),
        Field::Product => Val::Str(c.product.as_deref()?),
        Field::Department => Val::Str(c.department.as_deref()?),
        Field::Text => Val::Str(&c.text),
        Field::LossAmount => Val::Num(f.loss_amount?),
        Field::TimesRaisedBefore => Val::Num(f.times_raised_before? as f64),
        Field::Cause => Val::Str(f.cause?.code()),
        Field::Claim => Val::Str(f.claim?.code()),
        Field::Flag(i) => Val::Bool(FACT_BOOLS.get(*i)?.1(f)?),
        Field::Remedies => Val::Remedies(&f.remedies_requested),
        Field::Attribute(name) => match c.attributes.get(name)? {
            Value::Null => return None,
            v => Val::Json(v),
        },
        Field::Output(kind) => {
            let o = s.outputs;
            match *kind {
                OutputKind::Severity => Val::Str(o.severity?.code()),
                OutputKind::Category => Val::Str(o.category?.code()),
                OutputKind::Nature => Val::Str(o.nature?.code()),
                OutputKind::Validity => Val::Str(o.validity?.code()),
                OutputKind::ClaimType => Val::Str(o.claim_type?.code()),
                OutputKind::Route => Val::Str(o.route.as_deref()?),
            }
        }
        Field::Signals => return None,
        Field::State => Val::Str(s.case?.state.code()),
        Field::EventCount(kind) => {
            let n = s.case?.events.iter().filter(|(_, e)| e.kind == *kind).count();
            Val::Num(n as f64)
        }
        Field::DeadlineState(id) => {
            let d = s.case?.deadlines.iter().find(|d| &*d.id == id.as_str())?;
            Val::Str(d.state.code())
        }
    })
}

/// The text of `field` for `s` as an equality test with a string compares
/// it (a string value; None for any other, which no such test matches).
pub(crate) fn key_text<'a>(field: &Field, s: &Subject<'a>) -> Option<&'a str> {
    match field_value(field, s)? {
        Val::Str(t) => Some(t),
        Val::Json(Value::String(t)) => Some(t),
        _ => None,
    }
}

fn equals(v: &Val, lit: &Lit) -> bool {
    match (v, lit) {
        (Val::Bool(a), Lit::Bool(b)) => a == b,
        (Val::Num(a), Lit::Num(b)) => a == b,
        // Codes of one field mostly differ in their first byte: test it
        // before comparing whole strings.
        (Val::Str(a), Lit::Str(b)) => a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && *a == b,
        (Val::Remedies(list), Lit::Str(b)) => list.iter().any(|r| r.code() == b),
        (Val::Json(Value::Bool(a)), Lit::Bool(b)) => a == b,
        (Val::Json(Value::Number(a)), Lit::Num(b)) => a.as_f64() == Some(*b),
        (Val::Json(Value::String(a)), Lit::Str(b)) => a == b,
        _ => false,
    }
}

fn number(v: &Val) -> Option<f64> {
    match v {
        Val::Num(n) => Some(*n),
        Val::Json(Value::Number(n)) => n.as_f64(),
        _ => None,
    }
}
