//! The Arrow batch API (`plaint.arrow`): complaints in as Arrow columns
//! (any object with `__arrow_c_stream__` / `__arrow_c_array__`), results
//! out as Arrow columns, one output row per input row.
//!
//! Rows are read straight from typed columns where that gives exactly what
//! the JSON layer gives (`direct`); any other row is turned into the JSON
//! layer's case (`{"complaint", "events"}`, `rows`) and checked by the core
//! exactly as `assess` checks JSON, so a malformed row gets the same stable
//! error code and path, in the row's error columns, while the other rows
//! are assessed (a number where a code belongs is such a row error:
//! `invalid_type`). A column no row can be read from (a timestamp without a
//! zone, bytes) fails the call with the column as the error's path.

mod direct;
mod rows;

use arrow_array::builder::{BooleanBuilder, Int64Builder, StringBuilder, TimestampMillisecondBuilder};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use direct::Direct;
use plaint_core::assess::{AssessOptions, Case};
use plaint_core::policy::DeadlineRule;
use plaint_core::sla::DeadlineStatus;
use plaint_core::{
    Assessment, BeyondData, Calendar, Classification, Code, Complaint, Error, Explain, Instant, Policy, Span, Stamp,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_arrow::input::{AnyArray, AnyRecordBatch};
use pyo3_arrow::{PySchema, PyTable};
use rows::{Column, Rows};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

// ---------------------------------------------------------------- errors

/// A column-shaped error: the whole call fails, with the column as the path.
fn column_error(name: &str, code: Code, message: String) -> ArrowError {
    let e = Error::new(code, format!("/{name}"), format!("column {name:?}: {message}"));
    ArrowError::ExternalError(Box::new(e))
}

/// A plaint error raised as its PlaintError subclass; Arrow's own as ValueError.
fn py_err(py: Python<'_>, e: ArrowError) -> PyErr {
    match &e {
        ArrowError::ExternalError(inner) => match inner.downcast_ref::<Error>() {
            Some(plaint) => crate::conv::err(py, plaint),
            None => PyValueError::new_err(e.to_string()),
        },
        _ => PyValueError::new_err(e.to_string()),
    }
}

// ---------------------------------------------------------------- writing

/// The error columns every output ends with.
struct Errors {
    code: StringBuilder,
    path: StringBuilder,
    message: StringBuilder,
}

impl Errors {
    /// Builders for `rows` rows, most of them null.
    fn new(rows: usize) -> Errors {
        let null = || StringBuilder::with_capacity(rows, 0);
        Errors {
            code: null(),
            path: null(),
            message: null(),
        }
    }

    fn push(&mut self, e: Option<&Error>) {
        self.code.append_option(e.map(|e| e.code().as_str()));
        self.path.append_option(e.map(|e| e.path()));
        self.message.append_option(e.map(|e| e.to_string()));
    }

    fn fields() -> Vec<Field> {
        ["error_code", "error_path", "error_message"]
            .iter()
            .map(|n| Field::new(*n, DataType::Utf8, true))
            .collect()
    }

    fn finish(mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.code.finish()),
            Arc::new(self.path.finish()),
            Arc::new(self.message.finish()),
        ]
    }
}

fn time_type(zone: &str) -> DataType {
    DataType::Timestamp(TimeUnit::Millisecond, Some(zone.into()))
}

const CLASSIFICATION: [&str; 6] = [
    "severity",
    "category",
    "nature",
    "validity_suggestion",
    "claim_type",
    "route",
];

fn classification_texts(c: &Classification) -> [Option<&str>; 6] {
    [
        c.severity.map(|v| v.code()),
        c.category.map(|v| v.code()),
        c.nature.map(|v| v.code()),
        c.validity_suggestion.map(|v| v.code()),
        c.claim_type.map(|v| v.code()),
        c.route.as_deref(),
    ]
}

/// The columns of one deadline rule in the output of `assess`. Adding a
/// field means adding a builder here and a name in `DEADLINE_FIELDS`: each
/// rule's group grows, no column is renamed or retyped.
struct DeadlineOut {
    state: StringBuilder,
    due: TimestampMillisecondBuilder,
    warn: TimestampMillisecondBuilder,
    met: TimestampMillisecondBuilder,
    remaining: Int64Builder,
    overdue: Int64Builder,
    error_code: StringBuilder,
    provisional: BooleanBuilder,
    calendar: StringBuilder,
    counted_until: TimestampMillisecondBuilder,
}

/// The suffixes of a rule's columns, in order (`<rule id>_<suffix>`).
const DEADLINE_FIELDS: [&str; 10] = [
    "state",
    "due_at",
    "warn_at",
    "met_at",
    "remaining",
    "overdue",
    "error_code",
    "provisional",
    "calendar",
    "counted_until",
];

impl DeadlineOut {
    fn new(rows: usize, zone: &str) -> DeadlineOut {
        let ts = || TimestampMillisecondBuilder::with_capacity(rows).with_timezone(zone);
        DeadlineOut {
            state: StringBuilder::with_capacity(rows, rows * 8),
            due: ts(),
            warn: ts(),
            met: ts(),
            remaining: Int64Builder::with_capacity(rows),
            overdue: Int64Builder::with_capacity(rows),
            error_code: StringBuilder::with_capacity(rows, 0),
            provisional: BooleanBuilder::with_capacity(rows),
            calendar: StringBuilder::with_capacity(rows, rows * 12),
            counted_until: ts(),
        }
    }

    /// The fields of a rule's columns; `remaining` and `overdue` carry the
    /// unit of the rule's clock in their metadata (`unit`), `state` the
    /// rule's kind (`kind`: deadline or window).
    fn fields(rule: &DeadlineRule, zone: &str) -> Vec<Field> {
        let unit: HashMap<String, String> = [("unit".to_string(), rule.span.clock().unit().to_string())].into();
        let kind: HashMap<String, String> = [("kind".to_string(), rule.kind.code().to_string())].into();
        DEADLINE_FIELDS
            .iter()
            .map(|suffix| {
                let name = format!("{}_{suffix}", rule.id);
                match *suffix {
                    "state" => Field::new(name, DataType::Utf8, true).with_metadata(kind.clone()),
                    "error_code" | "calendar" => Field::new(name, DataType::Utf8, true),
                    "provisional" => Field::new(name, DataType::Boolean, true),
                    "remaining" | "overdue" => Field::new(name, DataType::Int64, true).with_metadata(unit.clone()),
                    _ => Field::new(name, time_type(zone), true),
                }
            })
            .collect()
    }

    fn push(&mut self, d: Option<&DeadlineStatus>) {
        let at = |t: Option<Stamp>| t.map(|t| t.at.ms());
        self.state.append_option(d.map(|d| d.state.code()));
        self.due.append_option(d.and_then(|d| at(d.due_at)));
        self.warn.append_option(d.and_then(|d| at(d.warn_at)));
        self.met.append_option(d.and_then(|d| at(d.met_at)));
        let remaining = d.and_then(|d| d.remaining);
        self.remaining.append_option(remaining);
        // How far past due, in the rule's unit: the core's remaining is negative then.
        self.overdue.append_option(remaining.map(|r| (-r).max(0)));
        self.error_code
            .append_option(d.and_then(|d| d.error.as_ref()).map(|e| e.code));
        self.provisional.append_option(d.map(|d| d.provisional));
        self.calendar.append_option(d.map(|d| &*d.calendar));
        self.counted_until.append_option(d.and_then(|d| at(d.counted_until)));
    }

    fn finish(&mut self, columns: &mut Vec<ArrayRef>) {
        columns.push(Arc::new(self.state.finish()));
        columns.push(Arc::new(self.due.finish()));
        columns.push(Arc::new(self.warn.finish()));
        columns.push(Arc::new(self.met.finish()));
        columns.push(Arc::new(self.remaining.finish()));
        columns.push(Arc::new(self.overdue.finish()));
        columns.push(Arc::new(self.error_code.finish()));
        columns.push(Arc::new(self.provisional.finish()));
        columns.push(Arc::new(self.calendar.finish()));
        columns.push(Arc::new(self.counted_until.finish()));
    }
}

/// Every deadline rule of every version of the policy, the first of each
/// id (the core's `deadline_ids` order): one group of columns each.
fn deadline_rules(policy: &Policy) -> Vec<&DeadlineRule> {
    let mut rules: Vec<&DeadlineRule> = Vec::new();
    let versions = policy.versions();
    let all: Box<dyn Iterator<Item = &Policy>> = if versions.is_empty() {
        Box::new(std::iter::once(policy))
    } else {
        Box::new(versions.iter().map(|v| &**v))
    };
    for v in all {
        for d in &v.deadlines {
            if !rules.iter().any(|r| r.id == d.id) {
                rules.push(d);
            }
        }
    }
    rules
}

/// The output of `assess`: its schema follows the policy's deadlines.
struct AssessOut {
    id: StringBuilder,
    classification: [StringBuilder; 6],
    state: StringBuilder,
    owner: StringBuilder,
    escalation: StringBuilder,
    next_check: TimestampMillisecondBuilder,
    /// One group of columns per deadline rule of any version of the policy.
    deadlines: Vec<DeadlineOut>,
    ids: Vec<plaint_core::Text>,
    policy_version: StringBuilder,
    warnings: StringBuilder,
    /// A row's warning codes, written here before they are appended.
    warning_text: String,
    errors: Errors,
}

impl AssessOut {
    /// Builders sized for `rows` rows (growing them row by row costs more
    /// than the rows' arithmetic), with codes of about 12 bytes.
    fn new(policy: &Policy, rows: usize) -> AssessOut {
        let zone = policy.calendar.zone().name().to_string();
        let text = || StringBuilder::with_capacity(rows, rows * 12);
        let rules = deadline_rules(policy);
        AssessOut {
            id: StringBuilder::with_capacity(rows, rows * 16),
            classification: std::array::from_fn(|_| text()),
            state: text(),
            owner: text(),
            escalation: text(),
            next_check: TimestampMillisecondBuilder::with_capacity(rows).with_timezone(zone.as_str()),
            deadlines: rules.iter().map(|_| DeadlineOut::new(rows, &zone)).collect(),
            ids: rules.iter().map(|d| d.id.clone()).collect(),
            policy_version: text(),
            warnings: StringBuilder::with_capacity(rows, 0),
            warning_text: String::new(),
            errors: Errors::new(rows),
        }
    }

    fn schema(policy: &Policy) -> SchemaRef {
        let zone = policy.calendar.zone().name().to_string();
        let mut fields = vec![Field::new("complaint_id", DataType::Utf8, true)];
        fields.extend(CLASSIFICATION.iter().map(|n| Field::new(*n, DataType::Utf8, true)));
        fields.push(Field::new("state", DataType::Utf8, true));
        fields.push(Field::new("owner", DataType::Utf8, true));
        fields.push(Field::new("escalation_level", DataType::Utf8, true));
        fields.push(Field::new("next_check_at", time_type(&zone), true));
        for d in deadline_rules(policy) {
            fields.extend(DeadlineOut::fields(d, &zone));
        }
        fields.push(Field::new("policy_version", DataType::Utf8, true));
        fields.push(Field::new("warnings", DataType::Utf8, true));
        fields.extend(Errors::fields());
        Arc::new(Schema::new(fields))
    }

    fn push(&mut self, id: Option<&str>, r: Result<Assessment, Error>) {
        match r {
            Ok(a) => {
                self.id.append_value(&a.complaint_id);
                for (b, v) in self
                    .classification
                    .iter_mut()
                    .zip(classification_texts(&a.classification))
                {
                    b.append_option(v);
                }
                self.state.append_value(a.state.code());
                self.owner.append_option(a.owner.as_deref());
                let top = a.escalations.iter().max_by_key(|e| e.level_index);
                self.escalation.append_option(top.map(|e| &*e.level));
                self.next_check.append_option(a.next_check_at.map(|t| t.at.ms()));
                // By rule id: the version applied to a row may not have
                // every rule of the others (their columns are then null).
                let aligned = a.deadlines.len() == self.ids.len();
                for (i, out) in self.deadlines.iter_mut().enumerate() {
                    let id = &self.ids[i];
                    let d = match a.deadlines.get(i) {
                        Some(d) if aligned && d.id == *id => Some(d),
                        _ => a.deadlines.iter().find(|d| d.id == *id),
                    };
                    out.push(d);
                }
                self.policy_version.append_value(&a.policy_version.version);
                self.warnings.append_option(warning_codes(&a, &mut self.warning_text));
                self.errors.push(None);
            }
            Err(e) => {
                self.id.append_option(id);
                self.classification.iter_mut().for_each(|b| b.append_null());
                self.state.append_null();
                self.owner.append_null();
                self.escalation.append_null();
                self.next_check.append_null();
                for out in &mut self.deadlines {
                    out.push(None);
                }
                self.policy_version.append_null();
                self.warnings.append_null();
                self.errors.push(Some(&e));
            }
        }
    }

    fn finish(mut self, schema: SchemaRef) -> Result<RecordBatch, ArrowError> {
        let mut columns: Vec<ArrayRef> = vec![Arc::new(self.id.finish())];
        columns.extend(self.classification.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        columns.push(Arc::new(self.state.finish()));
        columns.push(Arc::new(self.owner.finish()));
        columns.push(Arc::new(self.escalation.finish()));
        columns.push(Arc::new(self.next_check.finish()));
        for out in &mut self.deadlines {
            out.finish(&mut columns);
        }
        columns.push(Arc::new(self.policy_version.finish()));
        columns.push(Arc::new(self.warnings.finish()));
        columns.extend(self.errors.finish());
        RecordBatch::try_new(schema, columns)
    }
}

/// The codes of an assessment's warnings, comma-separated in the core's
/// order, each once (a code per deadline would repeat; the deadline's own
/// columns say which), written into `buf`; None when there are none.
fn warning_codes<'b>(a: &Assessment, buf: &'b mut String) -> Option<&'b str> {
    const _: () = assert!(plaint_core::warnings::WarningCode::ALL.len() <= 64);
    buf.clear();
    let mut seen = 0u64;
    for w in &a.warnings {
        let bit = 1u64 << (w.code as u32);
        if seen & bit == 0 {
            seen |= bit;
            if !buf.is_empty() {
                buf.push(',');
            }
            buf.push_str(w.code.code());
        }
    }
    (!buf.is_empty()).then_some(buf.as_str())
}

/// The row's complaint id, when it has a text one (for the error rows).
fn row_id(case: &Value) -> Option<&str> {
    case.get("complaint").and_then(|c| c.get("id")).and_then(Value::as_str)
}

/// The fast reader of a batch, unless the caller asks for the JSON layer
/// (`via_json`, which tests use to check that both read alike).
fn direct(rows: &Rows, via_json: bool) -> Option<Direct<'_>> {
    if via_json { None } else { Direct::new(rows) }
}

/// Assess every row of a batch; a failing row keeps the core's error and path.
fn assess_batch(
    policy: &Policy,
    schema: &SchemaRef,
    batch: &RecordBatch,
    now: Instant,
    read: &ReadOptions,
) -> Result<RecordBatch, ArrowError> {
    let opts = AssessOptions {
        explain: Explain::Outcome,
        beyond_data: read.beyond_data,
    };
    let rows = Rows::read(batch, &read.json_columns)?;
    let via_json = read.via_json;
    let direct = direct(&rows, via_json);
    let mut out = AssessOut::new(policy, rows.len);
    for i in 0..rows.len {
        match direct.as_ref().and_then(|d| d.case(i)) {
            Some(case) => out.push(
                Some(&case.complaint.id),
                plaint_core::assess::assess_with_options(policy, &case, now, &opts),
            ),
            None => match rows.case(i) {
                Ok(case) => {
                    let r = Case::from_value(&case)
                        .and_then(|c| plaint_core::assess::assess_with_options(policy, &c, now, &opts));
                    out.push(row_id(&case), r);
                }
                Err(e) => out.push(None, Err(e)),
            },
        }
    }
    out.finish(schema.clone())
}

fn classify_schema() -> SchemaRef {
    let mut fields = vec![Field::new("complaint_id", DataType::Utf8, true)];
    fields.extend(CLASSIFICATION.iter().map(|n| Field::new(*n, DataType::Utf8, true)));
    fields.push(Field::new("signals", DataType::Utf8, true));
    fields.extend(Errors::fields());
    Arc::new(Schema::new(fields))
}

fn classify_batch(
    policy: &Policy,
    schema: &SchemaRef,
    batch: &RecordBatch,
    read: &ReadOptions,
) -> Result<RecordBatch, ArrowError> {
    let rows = Rows::read(batch, &read.json_columns)?;
    let via_json = read.via_json;
    let direct = direct(&rows, via_json);
    let n = rows.len;
    let mut id = StringBuilder::with_capacity(n, n * 16);
    let mut outs: [StringBuilder; 6] = std::array::from_fn(|_| StringBuilder::with_capacity(n, n * 12));
    let mut signals = StringBuilder::with_capacity(n, n * 16);
    let mut errors = Errors::new(n);
    for i in 0..rows.len {
        let (complaint, v) = match direct.as_ref().and_then(|d| d.complaint(i)) {
            Some(c) => (Ok(c), None),
            None => match rows.complaint(i) {
                Ok(v) => (Complaint::from_value(&v), Some(v)),
                Err(e) => (Err(e), None),
            },
        };
        match complaint {
            Ok(c) => {
                let cl = plaint_core::classify_with(policy, &c, Explain::Outcome);
                id.append_value(&c.id);
                for (b, t) in outs.iter_mut().zip(classification_texts(&cl)) {
                    b.append_option(t);
                }
                let names: Vec<&str> = cl.signals.iter().map(|s| &*s.signal).collect();
                signals.append_value(names.join(","));
                errors.push(None);
            }
            Err(e) => {
                id.append_option(v.as_ref().and_then(|v| v.get("id")).and_then(Value::as_str));
                outs.iter_mut().for_each(|b| b.append_null());
                signals.append_null();
                errors.push(Some(&e));
            }
        }
    }
    let mut columns: Vec<ArrayRef> = vec![Arc::new(id.finish())];
    columns.extend(outs.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    columns.push(Arc::new(signals.finish()));
    columns.extend(errors.finish());
    RecordBatch::try_new(schema.clone(), columns)
}

/// Every batch of `reader` through `f`, without the GIL.
fn map_batches(
    py: Python<'_>,
    reader: Box<dyn RecordBatchReader + Send>,
    schema: SchemaRef,
    f: impl Fn(&RecordBatch) -> Result<RecordBatch, ArrowError> + Send + Sync,
) -> PyResult<PyTable> {
    let batches = py
        .detach(|| {
            reader
                .map(|b| b.and_then(|b| f(&b)))
                .collect::<Result<Vec<_>, ArrowError>>()
        })
        .map_err(|e| py_err(py, e))?;
    PyTable::try_new(batches, schema)
}

// ---------------------------------------------------------------- functions

/// How the rows of a batch are read.
struct ReadOptions {
    /// Every row through the JSON layer (tests compare both readers).
    via_json: bool,
    /// String columns that hold JSON text (besides `events`, `facts`, ...).
    json_columns: Vec<String>,
    /// Overrides the policy's `options.beyond_data` (assess only).
    beyond_data: Option<BeyondData>,
}

/// Assess every row of an Arrow table (one case per row) at `now`.
/// `via_json` reads every row through the JSON layer (for tests);
/// `json_columns` names string columns that hold JSON text; `beyond_data`
/// ("undetermined" or "projected") overrides the policy's option.
#[pyfunction]
#[pyo3(signature = (data, policy, now, via_json=false, json_columns=Vec::new(), beyond_data=None))]
pub fn _arrow_assess(
    py: Python<'_>,
    data: AnyRecordBatch,
    policy: &Bound<'_, crate::Policy>,
    now: &Bound<'_, PyAny>,
    via_json: bool,
    json_columns: Vec<String>,
    beyond_data: Option<&str>,
) -> PyResult<PyTable> {
    let now = crate::conv::instant_arg(py, now, "now")?;
    let beyond_data = crate::conv::beyond_data_arg(py, beyond_data)?;
    let policy = policy.get().inner.clone();
    let schema = AssessOut::schema(&policy);
    let reader = data.into_reader()?;
    let read = ReadOptions {
        via_json,
        json_columns,
        beyond_data,
    };
    map_batches(py, reader, schema.clone(), |b| {
        assess_batch(&policy, &schema, b, now, &read)
    })
}

/// How many rows the fast reader (`direct`) takes, the rest going through
/// the JSON layer: for tests, which check that it takes the rows it should.
#[pyfunction]
pub fn _arrow_direct_rows(py: Python<'_>, data: AnyRecordBatch) -> PyResult<usize> {
    let reader = data.into_reader()?;
    py.detach(|| {
        let mut n = 0;
        for batch in reader {
            let rows = Rows::read(&batch?, &[])?;
            if let Some(d) = Direct::new(&rows) {
                n += (0..rows.len).filter(|&i| d.case(i).is_some()).count();
            }
        }
        Ok(n)
    })
    .map_err(|e| py_err(py, e))
}

/// Each row's case as JSON text, read as `_arrow_assess` reads it (for
/// `plaint.pandas.cases_from_frame`); a row whose JSON text cells are not
/// JSON gives its PlaintError instead.
#[pyfunction]
#[pyo3(signature = (data, json_columns=Vec::new()))]
pub fn _arrow_cases<'py>(
    py: Python<'py>,
    data: AnyRecordBatch,
    json_columns: Vec<String>,
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let reader = data.into_reader()?;
    let texts = py
        .detach(|| {
            let mut out = Vec::new();
            for batch in reader {
                let rows = Rows::read(&batch?, &json_columns)?;
                out.extend((0..rows.len).map(|i| rows.case(i).map(|v| v.to_string())));
            }
            Ok::<_, ArrowError>(out)
        })
        .map_err(|e| py_err(py, e))?;
    let list = pyo3::types::PyList::empty(py);
    for t in texts {
        match t {
            Ok(text) => list.append(text)?,
            Err(e) => list.append(crate::conv::err(py, &e).into_value(py))?,
        }
    }
    Ok(list)
}

/// The schema `_arrow_assess` returns for a policy (for Spark's mapInArrow).
#[pyfunction]
pub fn _arrow_assess_schema(policy: &Bound<'_, crate::Policy>) -> PySchema {
    PySchema::new(AssessOut::schema(&policy.get().inner))
}

/// Classify every row of an Arrow table (one complaint per row).
/// `via_json` reads every row through the JSON layer (for tests).
#[pyfunction]
#[pyo3(signature = (data, policy, via_json=false, json_columns=Vec::new()))]
pub fn _arrow_classify(
    py: Python<'_>,
    data: AnyRecordBatch,
    policy: &Bound<'_, crate::Policy>,
    via_json: bool,
    json_columns: Vec<String>,
) -> PyResult<PyTable> {
    let policy = policy.get().inner.clone();
    let schema = classify_schema();
    let reader = data.into_reader()?;
    let read = ReadOptions {
        via_json,
        json_columns,
        beyond_data: None,
    };
    map_batches(py, reader, schema.clone(), |b| {
        classify_batch(&policy, &schema, b, &read)
    })
}

/// Deadlines for an Arrow array of zoned timestamps on one calendar and span.
#[pyfunction]
#[pyo3(signature = (starts, calendar, clock, amount, end=None, roll=None))]
pub fn _arrow_deadlines(
    py: Python<'_>,
    starts: AnyArray,
    calendar: &Bound<'_, crate::Calendar>,
    clock: &str,
    amount: i64,
    end: Option<&str>,
    roll: Option<&str>,
) -> PyResult<PyTable> {
    let calendar = calendar.get();
    let span = calendar.span(py, clock, amount, end, roll)?;
    let cal: Arc<Calendar> = calendar.inner.clone();
    let reader = starts.into_reader()?;
    let name = reader.field().name().clone();
    let zone = cal.zone().name().to_string();
    let schema = Arc::new(Schema::new(
        [vec![Field::new("due_at", time_type(&zone), true)], Errors::fields()].concat(),
    ));
    let batches = py
        .detach(|| {
            reader
                .map(|a| a.and_then(|a| deadline_batch(&cal, &span, &name, &zone, &schema, &a)))
                .collect::<Result<Vec<_>, ArrowError>>()
        })
        .map_err(|e| py_err(py, e))?;
    PyTable::try_new(batches, schema)
}

fn deadline_batch(
    cal: &Calendar,
    span: &Span,
    name: &str,
    zone: &str,
    schema: &SchemaRef,
    starts: &ArrayRef,
) -> Result<RecordBatch, ArrowError> {
    let Column::Time(starts) = Column::read(name, starts)? else {
        return Err(column_error(
            name,
            Code::InvalidType,
            format!("expected timestamps with a time zone, got {}", starts.data_type()),
        ));
    };
    let mut due = TimestampMillisecondBuilder::with_capacity(starts.len()).with_timezone(zone);
    let mut errors = Errors::new(starts.len());
    for i in 0..starts.len() {
        if starts.is_null(i) {
            due.append_null();
            errors.push(None);
            continue;
        }
        // A start outside the years 1000-9999 is that row's invalid_instant.
        match Instant::from_ms(starts.value(i)).and_then(|s| cal.add(s, span)) {
            Ok(t) => {
                due.append_value(t.ms());
                errors.push(None);
            }
            Err(e) => {
                due.append_null();
                errors.push(Some(&e));
            }
        }
    }
    let mut columns: Vec<ArrayRef> = vec![Arc::new(due.finish())];
    columns.extend(errors.finish());
    RecordBatch::try_new(schema.clone(), columns)
}
