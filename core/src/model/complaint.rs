//! The complaint as a host submits it.

use crate::decode::{Fields, Reader, parse_json};
use crate::error::Error;
use crate::model::enums::{Category, Cause, Channel, ClaimType, Nature, Remedy, Severity, Tier, Validity};
use crate::model::instant::Instant;
use serde_json::{Map, Value};

/// A complaint: what was received, from whom, about what, and the facts
/// the seeds classify on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Complaint {
    /// The host's id of the complaint (non-empty in JSON input).
    pub id: String,
    /// When the complaint was received: the default start of every deadline.
    pub received_at: Instant,
    /// How it came in (phone, letter, web...), if known.
    pub channel: Option<Channel>,
    /// Who complained.
    pub customer: Customer,
    /// What it is about, in the host's words (a product model, a service).
    pub subject: Option<String>,
    /// The product concerned, in the host's words (a batch key).
    pub product: Option<String>,
    /// The department complained about or responsible.
    pub department: Option<String>,
    /// The customer's own words.
    pub text: String,
    /// The facts the classification tables test.
    pub facts: Facts,
    /// A classification set by a person; it overrides the tables.
    pub manual: Option<ManualClassification>,
    /// Host-specific data that rules can reference as `attributes.NAME`.
    pub attributes: Map<String, Value>,
}

/// The complainant.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Customer {
    /// The host's id of the customer; repeat complaints are found by it.
    pub id: Option<String>,
    /// The customer's tier (`vip` sets off a `vip` trigger).
    pub tier: Option<Tier>,
}

/// The facts of 001-§5 4.2.1 and its neighbours. Absent means unknown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    /// 损害仍在持续: the harm is still going on (first stop it, 4.4.1c-ii).
    pub harm_ongoing: Option<bool>,
    /// 人身伤害.
    pub personal_injury: Option<bool>,
    /// 损失金额, in the host's currency.
    pub loss_amount: Option<f64>,
    /// 重复投诉: times raised before without being solved.
    pub times_raised_before: Option<i64>,
    /// 写信至公司或集团.
    pub wrote_to_company: Option<bool>,
    /// 有拒交费用倾向.
    pub refuses_fees: Option<bool>,
    /// 给客户带来较大不便, 严重影响正常生活.
    pub major_inconvenience: Option<bool>,
    /// 需上报或协调其他部门.
    pub needs_coordination: Option<bool>,
    /// 可当场或一个工作日内解决.
    pub resolvable_on_spot: Option<bool>,
    /// Touches a department other than the receiver (forward within 30 minutes).
    pub involves_other_department: Option<bool>,
    /// What caused the problem, if known.
    pub cause: Option<Cause>,
    /// What the customer claims, if known.
    pub claim: Option<ClaimType>,
    /// The remedies the customer asks for (empty: none stated).
    pub remedies_requested: Vec<Remedy>,
    /// 客户要求的时间: the customer's own deadline, where a rule accepts it.
    pub requested_due_at: Option<Instant>,
}

/// Classification decided by a person (docs/domain.md: validity: validity is a person's call).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ManualClassification {
    /// Who decided (a person or role of the host's).
    pub by: String,
    /// The severity decided, if any; None keeps the tables' value.
    pub severity: Option<Severity>,
    /// The category decided, if any; None keeps the tables' value.
    pub category: Option<Category>,
    /// The nature decided, if any; None keeps the tables' value.
    pub nature: Option<Nature>,
    /// Whether the complaint is valid, as decided; it replaces the tables'
    /// suggestion (None: undecided).
    pub validity: Option<Validity>,
}

impl Complaint {
    /// A complaint with only its id and receipt time; the other fields are
    /// public and default to "not given".
    pub fn new(id: impl Into<String>, received_at: Instant) -> Complaint {
        Complaint {
            id: id.into(),
            received_at,
            ..Complaint::default()
        }
    }

    /// Read a complaint from JSON text, reporting every problem.
    pub fn from_json(text: &str) -> Result<Complaint, Error> {
        // Most text is read without a `Value` tree; the rest (every text
        // with a problem) goes through the reader that reports problems.
        if let Some(c) = crate::model::fast_read::complaint(text) {
            return Ok(c);
        }
        Complaint::from_value(&parse_json(text)?)
    }

    /// Read a complaint from a JSON value, reporting every problem.
    pub fn from_value(v: &Value) -> Result<Complaint, Error> {
        let mut r = Reader::new();
        let c = read_complaint(&mut r, v, "");
        r.finish(c)
    }
}

/// Read a complaint at `path` (used alone and inside a case).
pub fn read_complaint(r: &mut Reader, v: &Value, path: &str) -> Option<Complaint> {
    let mut f = r.object(v, path)?;
    let mut c = Complaint::default();
    let id = f.must(r, "id", |r, v, p| r.name(v, p).map(str::to_string));
    let received = f.must(r, "received_at", Reader::instant);
    c.channel = f.get(r, "channel", Reader::code);
    if let Some(customer) = f.get(r, "customer", |r, v, p| Some(read_customer(r, v, p))) {
        c.customer = customer;
    }
    c.subject = opt_string(r, &mut f, "subject");
    c.product = opt_string(r, &mut f, "product");
    c.department = opt_string(r, &mut f, "department");
    c.text = opt_string(r, &mut f, "text").unwrap_or_default();
    if let Some(facts) = f.get(r, "facts", |r, v, p| Some(read_facts(r, v, p))) {
        c.facts = facts;
    }
    c.manual = f.get(r, "classification", read_manual);
    if let Some(a) = f.get(r, "attributes", |r, v, p| r.object(v, p).map(|a| a.map().clone())) {
        c.attributes = a;
    }
    f.done(r);
    c.id = id?;
    c.received_at = received?;
    Some(c)
}

fn opt_string(r: &mut Reader, f: &mut Fields, key: &'static str) -> Option<String> {
    f.get(r, key, |r, v, p| r.string(v, p).map(str::to_string))
}

fn opt_bool(r: &mut Reader, f: &mut Fields, key: &'static str) -> Option<bool> {
    f.get(r, key, Reader::boolean)
}

fn read_customer(r: &mut Reader, v: &Value, path: &str) -> Customer {
    let Some(mut f) = r.object(v, path) else {
        return Customer::default();
    };
    let c = Customer {
        id: opt_string(r, &mut f, "id"),
        tier: f.get(r, "tier", Reader::code),
    };
    f.done(r);
    c
}

fn read_facts(r: &mut Reader, v: &Value, path: &str) -> Facts {
    let Some(mut f) = r.object(v, path) else {
        return Facts::default();
    };
    let facts = Facts {
        harm_ongoing: opt_bool(r, &mut f, "harm_ongoing"),
        personal_injury: opt_bool(r, &mut f, "personal_injury"),
        loss_amount: f.get(r, "loss_amount", Reader::amount),
        times_raised_before: f.get(r, "times_raised_before", Reader::count),
        wrote_to_company: opt_bool(r, &mut f, "wrote_to_company"),
        refuses_fees: opt_bool(r, &mut f, "refuses_fees"),
        major_inconvenience: opt_bool(r, &mut f, "major_inconvenience"),
        needs_coordination: opt_bool(r, &mut f, "needs_coordination"),
        resolvable_on_spot: opt_bool(r, &mut f, "resolvable_on_spot"),
        involves_other_department: opt_bool(r, &mut f, "involves_other_department"),
        cause: f.get(r, "cause", Reader::code),
        claim: f.get(r, "claim", Reader::code),
        remedies_requested: f.get(r, "remedies_requested", Reader::codes).unwrap_or_default(),
        requested_due_at: f.get(r, "requested_due_at", Reader::instant),
    };
    f.done(r);
    facts
}

fn read_manual(r: &mut Reader, v: &Value, path: &str) -> Option<ManualClassification> {
    let mut f = r.object(v, path)?;
    let by = f.must(r, "by", |r, v, p| r.name(v, p).map(str::to_string));
    let m = ManualClassification {
        by: by.unwrap_or_default(),
        severity: f.get(r, "severity", Reader::code),
        category: f.get(r, "category", Reader::code),
        nature: f.get(r, "nature", Reader::code),
        validity: f.get(r, "validity", Reader::code),
    };
    f.done(r);
    Some(m)
}
