//! Typed inputs: a complaint, its customer, facts and manual classification,
//! events, a case. Each is written as the JSON document the core reads, and
//! the core reads it: every check (an empty id, a negative count, an event not
//! allowed in its state) lives in the core, and an error's path names the
//! field as in the JSON form (`/complaint/received_at`, `/events/2/at`).

use crate::enums::{
    Category, Cause, Channel, ClaimType, Coded, CustomerTier, EventKind, Nature, RejectionExtent, Remedy, Severity,
    Validity,
};
use plaint_core::{Code, Error, Problem};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::time::SystemTime;

/// The customer who complained.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Customer {
    #[uniffi(default = None)]
    pub id: Option<String>,
    #[uniffi(default = None)]
    pub tier: Option<CustomerTier>,
}

/// The facts the classification tables read. Absent means unknown.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct Facts {
    /// The harm is still going on (stop it first).
    #[uniffi(default = None)]
    pub harm_ongoing: Option<bool>,
    #[uniffi(default = None)]
    pub personal_injury: Option<bool>,
    /// The loss, in the host's currency.
    #[uniffi(default = None)]
    pub loss_amount: Option<f64>,
    /// Times raised before without being solved.
    #[uniffi(default = None)]
    pub times_raised_before: Option<i64>,
    #[uniffi(default = None)]
    pub wrote_to_company: Option<bool>,
    #[uniffi(default = None)]
    pub refuses_fees: Option<bool>,
    #[uniffi(default = None)]
    pub major_inconvenience: Option<bool>,
    #[uniffi(default = None)]
    pub needs_coordination: Option<bool>,
    #[uniffi(default = None)]
    pub resolvable_on_spot: Option<bool>,
    /// Touches a department other than the receiver.
    #[uniffi(default = None)]
    pub involves_other_department: Option<bool>,
    #[uniffi(default = None)]
    pub cause: Option<Cause>,
    #[uniffi(default = None)]
    pub claim: Option<ClaimType>,
    #[uniffi(default)]
    pub remedies_requested: Vec<Remedy>,
    /// The customer's own deadline, where a rule accepts it.
    #[uniffi(default = None)]
    pub requested_due_at: Option<SystemTime>,
}

/// A classification set by a person; it overrides the tables.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ManualClassification {
    pub by: String,
    #[uniffi(default = None)]
    pub severity: Option<Severity>,
    #[uniffi(default = None)]
    pub category: Option<Category>,
    #[uniffi(default = None)]
    pub nature: Option<Nature>,
    #[uniffi(default = None)]
    pub validity: Option<Validity>,
}

/// A value of host data (`attributes.NAME` in a policy's conditions).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum AttributeValue {
    Bool { value: bool },
    Int { value: i64 },
    Number { value: f64 },
    Text { value: String },
}

/// A complaint as a host submits it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Complaint {
    pub id: String,
    pub received_at: SystemTime,
    #[uniffi(default = None)]
    pub channel: Option<Channel>,
    #[uniffi(default = None)]
    pub customer: Option<Customer>,
    /// What it is about, in the host's words.
    #[uniffi(default = None)]
    pub subject: Option<String>,
    #[uniffi(default = None)]
    pub product: Option<String>,
    /// The department complained about or responsible.
    #[uniffi(default = None)]
    pub department: Option<String>,
    /// The customer's own words.
    #[uniffi(default = None)]
    pub text: Option<String>,
    #[uniffi(default = None)]
    pub facts: Option<Facts>,
    /// A classification set by a person.
    #[uniffi(default = None)]
    pub classification: Option<ManualClassification>,
    /// Host data for `attributes.NAME` conditions.
    #[uniffi(default)]
    pub attributes: HashMap<String, AttributeValue>,
}

/// One entry of a complaint's event log. Which optional fields an event
/// reads depends on its kind (forwarded: `to`, `handoff`; reclassified: the
/// new values; extension_granted: `deadline`, `amount`; ...).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Event {
    pub kind: EventKind,
    pub at: SystemTime,
    #[uniffi(default = None)]
    pub by: Option<String>,
    #[uniffi(default = None)]
    pub to: Option<String>,
    /// forwarded: a recorded hand-off of ownership.
    #[uniffi(default = None)]
    pub handoff: Option<bool>,
    #[uniffi(default = None)]
    pub severity: Option<Severity>,
    #[uniffi(default = None)]
    pub category: Option<Category>,
    #[uniffi(default = None)]
    pub nature: Option<Nature>,
    /// extension_granted: which deadline, and by how much (the rule's units).
    #[uniffi(default = None)]
    pub deadline: Option<String>,
    #[uniffi(default = None)]
    pub amount: Option<i64>,
    #[uniffi(default = None)]
    pub reason: Option<String>,
    #[uniffi(default = None)]
    pub remedy: Option<Remedy>,
    #[uniffi(default = None)]
    pub remedy_amount: Option<f64>,
    #[uniffi(default = None)]
    pub level: Option<String>,
    /// replied: how.
    #[uniffi(default = None)]
    pub channel: Option<Channel>,
    #[uniffi(default = None)]
    pub written: Option<bool>,
    /// validity_decided.
    #[uniffi(default = None)]
    pub validity: Option<Validity>,
    /// rejected: wholly or partly (required there).
    #[uniffi(default = None)]
    pub extent: Option<RejectionExtent>,
    /// Free text for people; plaint does not read it.
    #[uniffi(default = None)]
    pub note: Option<String>,
}

/// Another complaint, for repeat and batch detection.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Related {
    pub id: String,
    pub received_at: SystemTime,
    #[uniffi(default = None)]
    pub customer_id: Option<String>,
    #[uniffi(default = None)]
    pub subject: Option<String>,
    #[uniffi(default = None)]
    pub product: Option<String>,
    #[uniffi(default = None)]
    pub department: Option<String>,
    #[uniffi(default = None)]
    pub category: Option<String>,
}

/// A complaint with its event log and, optionally, related complaints.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Case {
    pub complaint: Complaint,
    #[uniffi(default)]
    pub events: Vec<Event>,
    #[uniffi(default)]
    pub related: Vec<Related>,
}

/// Writes typed inputs as JSON, collecting what JSON cannot carry (an
/// instant beyond the supported years, a NaN) as problems at their paths.
#[derive(Default)]
pub struct Writer {
    problems: Vec<Problem>,
}

/// A JSON object under construction; `None` values are left out.
struct Obj<'a> {
    w: &'a mut Writer,
    path: &'a str,
    map: Map<String, Value>,
}

impl Obj<'_> {
    fn put(&mut self, key: &str, v: impl Into<Value>) -> &mut Self {
        self.map.insert(key.to_string(), v.into());
        self
    }
    fn opt<T: Into<Value>>(&mut self, key: &str, v: Option<T>) -> &mut Self {
        if let Some(v) = v {
            self.put(key, v);
        }
        self
    }
    fn code<T: Coded>(&mut self, key: &str, v: Option<T>) -> &mut Self {
        self.opt(key, v.map(Coded::json_code))
    }
    fn at(&mut self, key: &str, t: Option<SystemTime>) -> &mut Self {
        let path = format!("{}/{key}", self.path);
        let v = t.map(|t| self.w.instant(t, &path));
        self.opt(key, v)
    }
    fn number(&mut self, key: &str, x: Option<f64>) -> &mut Self {
        let path = format!("{}/{key}", self.path);
        let v = x.map(|x| self.w.number(x, &path));
        self.opt(key, v)
    }
    fn done(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.map))
    }
}

impl Writer {
    fn obj<'a>(&'a mut self, path: &'a str) -> Obj<'a> {
        Obj {
            w: self,
            path,
            map: Map::new(),
        }
    }

    fn instant(&mut self, t: SystemTime, path: &str) -> Value {
        match crate::time::instant(t, path) {
            Ok(i) => Value::from(i.to_utc_string()),
            Err(e) => {
                self.problems.extend(e.problems());
                Value::Null
            }
        }
    }

    fn number(&mut self, x: f64, path: &str) -> Value {
        if x.is_finite() {
            Value::from(x)
        } else {
            self.problems.push(Problem {
                code: Code::InvalidValue,
                path: path.to_string(),
                message: format!("{x} is not a finite number"),
            });
            Value::Null
        }
    }

    /// The JSON written, or every problem found.
    pub fn finish(self, v: Value) -> Result<Value, Error> {
        if self.problems.is_empty() {
            Ok(v)
        } else {
            Err(Error::Invalid(self.problems))
        }
    }

    pub fn complaint(&mut self, c: &Complaint, path: &str) -> Value {
        let customer = c.customer.as_ref().map(|k| {
            let p = format!("{path}/customer");
            self.obj(&p).opt("id", k.id.clone()).code("tier", k.tier).done()
        });
        let facts = c.facts.as_ref().map(|f| self.facts(f, &format!("{path}/facts")));
        let manual = c.classification.as_ref().map(|m| {
            let p = format!("{path}/classification");
            self.obj(&p)
                .put("by", m.by.clone())
                .code("severity", m.severity)
                .code("category", m.category)
                .code("nature", m.nature)
                .code("validity", m.validity)
                .done()
        });
        let attributes =
            (!c.attributes.is_empty()).then(|| self.attributes(&c.attributes, &format!("{path}/attributes")));
        self.obj(path)
            .put("id", c.id.clone())
            .at("received_at", Some(c.received_at))
            .code("channel", c.channel)
            .opt("customer", customer)
            .opt("subject", c.subject.clone())
            .opt("product", c.product.clone())
            .opt("department", c.department.clone())
            .opt("text", c.text.clone())
            .opt("facts", facts)
            .opt("classification", manual)
            .opt("attributes", attributes)
            .done()
    }

    fn facts(&mut self, f: &Facts, path: &str) -> Value {
        let remedies: Vec<Value> = f
            .remedies_requested
            .iter()
            .map(|r| Value::from(r.json_code()))
            .collect();
        self.obj(path)
            .opt("harm_ongoing", f.harm_ongoing)
            .opt("personal_injury", f.personal_injury)
            .number("loss_amount", f.loss_amount)
            .opt("times_raised_before", f.times_raised_before)
            .opt("wrote_to_company", f.wrote_to_company)
            .opt("refuses_fees", f.refuses_fees)
            .opt("major_inconvenience", f.major_inconvenience)
            .opt("needs_coordination", f.needs_coordination)
            .opt("resolvable_on_spot", f.resolvable_on_spot)
            .opt("involves_other_department", f.involves_other_department)
            .code("cause", f.cause)
            .code("claim", f.claim)
            .opt("remedies_requested", (!remedies.is_empty()).then_some(remedies))
            .at("requested_due_at", f.requested_due_at)
            .done()
    }

    fn attributes(&mut self, a: &HashMap<String, AttributeValue>, path: &str) -> Value {
        // Sorted by name, so the same attributes always give the same document.
        let mut names: Vec<&String> = a.keys().collect();
        names.sort();
        let mut map = Map::new();
        for name in names {
            let v = match &a[name] {
                AttributeValue::Bool { value } => Value::from(*value),
                AttributeValue::Int { value } => Value::from(*value),
                AttributeValue::Number { value } => self.number(*value, &format!("{path}/{name}")),
                AttributeValue::Text { value } => Value::from(value.clone()),
            };
            map.insert(name.clone(), v);
        }
        Value::Object(map)
    }

    fn event(&mut self, e: &Event, path: &str) -> Value {
        self.obj(path)
            .put("type", e.kind.json_code())
            .at("at", Some(e.at))
            .opt("by", e.by.clone())
            .opt("to", e.to.clone())
            .opt("handoff", e.handoff)
            .code("severity", e.severity)
            .code("category", e.category)
            .code("nature", e.nature)
            .opt("deadline", e.deadline.clone())
            .opt("amount", e.amount)
            .opt("reason", e.reason.clone())
            .code("remedy", e.remedy)
            .number("remedy_amount", e.remedy_amount)
            .opt("level", e.level.clone())
            .code("channel", e.channel)
            .opt("written", e.written)
            .code("validity", e.validity)
            .code("extent", e.extent)
            .opt("note", e.note.clone())
            .done()
    }

    fn related(&mut self, r: &Related, path: &str) -> Value {
        self.obj(path)
            .put("id", r.id.clone())
            .at("received_at", Some(r.received_at))
            .opt("customer_id", r.customer_id.clone())
            .opt("subject", r.subject.clone())
            .opt("product", r.product.clone())
            .opt("department", r.department.clone())
            .opt("category", r.category.clone())
            .done()
    }

    /// A case at `path` (`""` alone, `/cases/N` in a batch).
    pub fn case(&mut self, c: &Case, path: &str) -> Value {
        let complaint = self.complaint(&c.complaint, &format!("{path}/complaint"));
        let events: Vec<Value> = c
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| self.event(e, &format!("{path}/events/{i}")))
            .collect();
        let related: Vec<Value> = c
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| self.related(r, &format!("{path}/related/{i}")))
            .collect();
        let mut m = Map::new();
        m.insert("complaint".into(), complaint);
        m.insert("events".into(), Value::from(events));
        if !related.is_empty() {
            m.insert("related".into(), Value::from(related));
        }
        Value::Object(m)
    }
}

/// A complaint as the core's JSON.
pub fn complaint_json(c: &Complaint) -> Result<Value, Error> {
    let mut w = Writer::default();
    let v = w.complaint(c, "");
    w.finish(v)
}

/// A case as the core's JSON.
pub fn case_json(c: &Case) -> Result<Value, Error> {
    let mut w = Writer::default();
    let v = w.case(c, "");
    w.finish(v)
}
