//! The Arrow batch API (`plaint.arrow`): complaints in as Arrow columns
//! (any object with `__arrow_c_stream__` / `__arrow_c_array__`), results
//! out as Arrow columns, one output row per input row.
//!
//! Each row is turned into the JSON layer's case (`{"complaint", "events"}`)
//! and checked by the core exactly as `assess` checks JSON, so a malformed
//! row gets the same stable error code and path, in the row's error
//! columns, while the other rows are assessed (a number where a code belongs
//! is such a row error: `invalid_type`). A column no row can be read from (a
//! timestamp without a zone, bytes) fails the call with the column as the
//! error's path.

use arrow_array::builder::{StringBuilder, TimestampMillisecondBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, TimestampMillisecondType};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use plaint_core::assess::Case;
use plaint_core::sla::DeadlineStatus;
use plaint_core::{Assessment, Calendar, Classification, Code, Complaint, Error, Instant, Policy, Span};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_arrow::input::{AnyArray, AnyRecordBatch};
use pyo3_arrow::{PySchema, PyTable};
use serde_json::{Map, Value};
use std::sync::Arc;

// ---------------------------------------------------------------- reading

/// One input column, cast once per batch to the few types rows are read from.
enum Column {
    Text(arrow_array::StringArray),
    Bool(arrow_array::BooleanArray),
    Int(arrow_array::Int64Array),
    Float(arrow_array::Float64Array),
    /// Milliseconds since the epoch (UTC).
    Time(arrow_array::TimestampMillisecondArray),
    Struct(Vec<(String, Column)>, arrow_array::StructArray),
    List(arrow_array::ListArray, Box<Column>),
}

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

impl Column {
    fn read(name: &str, array: &ArrayRef) -> Result<Column, ArrowError> {
        let cast = |to: &DataType| arrow_cast::cast(array, to);
        Ok(match array.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(_, _) => {
                Column::Text(cast(&DataType::Utf8)?.as_string::<i32>().clone())
            }
            DataType::Boolean => Column::Bool(array.as_boolean().clone()),
            t if t.is_integer() => Column::Int(cast(&DataType::Int64)?.as_primitive::<Int64Type>().clone()),
            t if t.is_floating() || matches!(t, DataType::Decimal128(..)) => {
                Column::Float(cast(&DataType::Float64)?.as_primitive::<Float64Type>().clone())
            }
            DataType::Timestamp(_, Some(_)) => {
                let ms = cast(&DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())))?;
                Column::Time(ms.as_primitive::<TimestampMillisecondType>().clone())
            }
            DataType::Timestamp(_, None) => {
                return Err(column_error(
                    name,
                    Code::InstantWithoutOffset,
                    "a timestamp without a time zone; give the zone (e.g. timestamp[ms, tz=Asia/Shanghai]) so that no instant is guessed".into(),
                ));
            }
            DataType::Struct(_) => {
                let s = array.as_struct().clone();
                let mut fields = Vec::with_capacity(s.num_columns());
                for (f, a) in s.fields().iter().zip(s.columns()) {
                    fields.push((f.name().clone(), Column::read(&format!("{name}.{}", f.name()), a)?));
                }
                Column::Struct(fields, s)
            }
            DataType::List(_) | DataType::LargeList(_) | DataType::ListView(_) | DataType::FixedSizeList(..) => {
                let field = match array.data_type() {
                    DataType::List(f)
                    | DataType::LargeList(f)
                    | DataType::ListView(f)
                    | DataType::FixedSizeList(f, _) => f.clone(),
                    _ => unreachable!("matched above"),
                };
                let list = cast(&DataType::List(field))?.as_list::<i32>().clone();
                let items = Column::read(&format!("{name}[]"), list.values())?;
                Column::List(list, Box::new(items))
            }
            DataType::Null => Column::Text(arrow_array::StringArray::new_null(array.len())),
            other => {
                return Err(column_error(
                    name,
                    Code::InvalidType,
                    format!("unsupported type {other}"),
                ));
            }
        })
    }

    fn is_null(&self, i: usize) -> bool {
        match self {
            Column::Text(a) => a.is_null(i),
            Column::Bool(a) => a.is_null(i),
            Column::Int(a) => a.is_null(i),
            Column::Float(a) => a.is_null(i),
            Column::Time(a) => a.is_null(i),
            Column::Struct(_, a) => a.is_null(i),
            Column::List(a, _) => a.is_null(i),
        }
    }

    /// The value at row `i` as the JSON layer reads it (None: null).
    fn value(&self, i: usize) -> Option<Value> {
        if self.is_null(i) {
            return None;
        }
        Some(match self {
            Column::Text(a) => Value::String(a.value(i).to_string()),
            Column::Bool(a) => Value::Bool(a.value(i)),
            Column::Int(a) => Value::from(a.value(i)),
            Column::Float(a) => serde_json::Number::from_f64(a.value(i)).map_or(Value::Null, Value::Number),
            Column::Time(a) => Value::String(Instant(a.value(i)).to_utc_string()),
            Column::Struct(fields, _) => {
                let mut m = Map::new();
                for (name, c) in fields {
                    if let Some(v) = c.value(i) {
                        m.insert(name.clone(), v);
                    }
                }
                Value::Object(m)
            }
            Column::List(list, items) => {
                let (start, end) = (list.value_offsets()[i] as usize, list.value_offsets()[i + 1] as usize);
                Value::Array((start..end).map(|j| items.value(j).unwrap_or(Value::Null)).collect())
            }
        })
    }
}

/// The columns of a batch with their JSON paths: `customer.tier` is
/// `complaint.customer.tier`; `events` is the case's event list.
struct Rows {
    columns: Vec<(Vec<String>, Column)>,
    events: Option<Column>,
    len: usize,
}

impl Rows {
    fn read(batch: &RecordBatch) -> Result<Rows, ArrowError> {
        let mut columns = Vec::new();
        let mut events = None;
        for (field, array) in batch.schema().fields().iter().zip(batch.columns()) {
            let column = Column::read(field.name(), array)?;
            if field.name() == "events" {
                events = Some(column);
            } else {
                columns.push((path_of(field.name()), column));
            }
        }
        Ok(Rows {
            columns,
            events,
            len: batch.num_rows(),
        })
    }

    fn complaint(&self, i: usize) -> Value {
        let mut root = Map::new();
        for (path, column) in &self.columns {
            if let Some(v) = column.value(i) {
                insert(&mut root, path, v);
            }
        }
        Value::Object(root)
    }

    fn case(&self, i: usize) -> Value {
        let mut case = Map::new();
        case.insert("complaint".into(), self.complaint(i));
        if let Some(v) = self.events.as_ref().and_then(|e| e.value(i)) {
            case.insert("events".into(), v);
        }
        Value::Object(case)
    }
}

/// A column's place in the complaint: dots nest (`facts.loss_amount`);
/// `customer_id` and `customer_tier` are the pandas helper's names.
fn path_of(name: &str) -> Vec<String> {
    match name {
        "customer_id" => vec!["customer".into(), "id".into()],
        "customer_tier" => vec!["customer".into(), "tier".into()],
        _ => name.split('.').map(str::to_string).collect(),
    }
}

fn insert(root: &mut Map<String, Value>, path: &[String], v: Value) {
    match path {
        [] => {}
        [last] => {
            root.insert(last.clone(), v);
        }
        [first, rest @ ..] => {
            let slot = root.entry(first.clone()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = slot {
                insert(m, rest, v);
            }
        }
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
    fn new() -> Errors {
        Errors {
            code: StringBuilder::new(),
            path: StringBuilder::new(),
            message: StringBuilder::new(),
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

/// The output of `assess`: its schema follows the policy's deadlines.
struct AssessOut {
    id: StringBuilder,
    classification: [StringBuilder; 6],
    state: StringBuilder,
    owner: StringBuilder,
    escalation: StringBuilder,
    next_check: TimestampMillisecondBuilder,
    deadlines: Vec<(StringBuilder, TimestampMillisecondBuilder)>,
    errors: Errors,
}

impl AssessOut {
    fn new(policy: &Policy) -> AssessOut {
        let zone = policy.calendar.zone().name().to_string();
        let ts = || TimestampMillisecondBuilder::new().with_timezone(zone.as_str());
        AssessOut {
            id: StringBuilder::new(),
            classification: std::array::from_fn(|_| StringBuilder::new()),
            state: StringBuilder::new(),
            owner: StringBuilder::new(),
            escalation: StringBuilder::new(),
            next_check: ts(),
            deadlines: policy.deadlines.iter().map(|_| (StringBuilder::new(), ts())).collect(),
            errors: Errors::new(),
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
        for d in &policy.deadlines {
            fields.push(Field::new(format!("{}_state", d.id), DataType::Utf8, true));
            fields.push(Field::new(format!("{}_due_at", d.id), time_type(&zone), true));
        }
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
                self.next_check.append_option(a.next_check.map(|t| t.0));
                for ((state, due), d) in self.deadlines.iter_mut().zip(&a.deadlines) {
                    push_deadline(state, due, d);
                }
                self.errors.push(None);
            }
            Err(e) => {
                self.id.append_option(id);
                self.classification.iter_mut().for_each(|b| b.append_null());
                self.state.append_null();
                self.owner.append_null();
                self.escalation.append_null();
                self.next_check.append_null();
                for (state, due) in &mut self.deadlines {
                    state.append_null();
                    due.append_null();
                }
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
        for (state, due) in &mut self.deadlines {
            columns.push(Arc::new(state.finish()));
            columns.push(Arc::new(due.finish()));
        }
        columns.extend(self.errors.finish());
        RecordBatch::try_new(schema, columns)
    }
}

fn push_deadline(state: &mut StringBuilder, due: &mut TimestampMillisecondBuilder, d: &DeadlineStatus) {
    state.append_value(d.state.code());
    due.append_option(d.due.map(|t| t.0));
}

/// The row's complaint id, when it has a text one (for the error rows).
fn row_id(case: &Value) -> Option<&str> {
    case.get("complaint").and_then(|c| c.get("id")).and_then(Value::as_str)
}

/// Assess every row of a batch; a failing row keeps the core's error and path.
fn assess_batch(
    policy: &Policy,
    schema: &SchemaRef,
    batch: &RecordBatch,
    now: Instant,
) -> Result<RecordBatch, ArrowError> {
    let rows = Rows::read(batch)?;
    let mut out = AssessOut::new(policy);
    for i in 0..rows.len {
        let case = rows.case(i);
        let r = Case::from_value(&case).and_then(|c| plaint_core::assess(policy, &c, now));
        out.push(row_id(&case), r);
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

fn classify_batch(policy: &Policy, schema: &SchemaRef, batch: &RecordBatch) -> Result<RecordBatch, ArrowError> {
    let rows = Rows::read(batch)?;
    let mut id = StringBuilder::new();
    let mut outs: [StringBuilder; 6] = std::array::from_fn(|_| StringBuilder::new());
    let mut signals = StringBuilder::new();
    let mut errors = Errors::new();
    for i in 0..rows.len {
        let v = rows.complaint(i);
        match Complaint::from_value(&v) {
            Ok(c) => {
                let cl = plaint_core::classify(policy, &c);
                id.append_value(&c.id);
                for (b, t) in outs.iter_mut().zip(classification_texts(&cl)) {
                    b.append_option(t);
                }
                let names: Vec<&str> = cl.signals.iter().map(|s| s.signal.as_str()).collect();
                signals.append_value(names.join(","));
                errors.push(None);
            }
            Err(e) => {
                id.append_option(v.get("id").and_then(Value::as_str));
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

/// Assess every row of an Arrow table (one case per row) at `now`.
#[pyfunction]
pub fn _arrow_assess(
    py: Python<'_>,
    data: AnyRecordBatch,
    policy: &Bound<'_, crate::Policy>,
    now: &Bound<'_, PyAny>,
) -> PyResult<PyTable> {
    let now = crate::conv::instant_of(py, now)?;
    let policy = policy.get().inner.clone();
    let schema = AssessOut::schema(&policy);
    let reader = data.into_reader()?;
    map_batches(py, reader, schema.clone(), |b| assess_batch(&policy, &schema, b, now))
}

/// The schema `_arrow_assess` returns for a policy (for Spark's mapInArrow).
#[pyfunction]
pub fn _arrow_assess_schema(policy: &Bound<'_, crate::Policy>) -> PySchema {
    PySchema::new(AssessOut::schema(&policy.get().inner))
}

/// Classify every row of an Arrow table (one complaint per row).
#[pyfunction]
pub fn _arrow_classify(py: Python<'_>, data: AnyRecordBatch, policy: &Bound<'_, crate::Policy>) -> PyResult<PyTable> {
    let policy = policy.get().inner.clone();
    let schema = classify_schema();
    let reader = data.into_reader()?;
    map_batches(py, reader, schema.clone(), |b| classify_batch(&policy, &schema, b))
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
    let mut errors = Errors::new();
    for i in 0..starts.len() {
        if starts.is_null(i) {
            due.append_null();
            errors.push(None);
            continue;
        }
        match cal.add(Instant(starts.value(i)), span) {
            Ok(t) => {
                due.append_value(t.0);
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
