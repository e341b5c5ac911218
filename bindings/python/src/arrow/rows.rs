//! Arrow columns read as the JSON layer's values: each row becomes the
//! `{"complaint", "events"}` document `assess` reads, so that a malformed
//! row gets exactly the JSON layer's error code and path.
//!
//! A string column where the JSON layer expects an object or a list
//! (`events`, `facts`, `attributes`, `customer`, `classification`) holds
//! JSON text, as exports often carry them; so does any column the caller
//! names as JSON (the pandas adapter, for a column of mixed Python types).

use super::column_error;
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, TimestampMillisecondType};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, TimeUnit};
use plaint_core::assess::Case;
use plaint_core::decode::{child, parse_json};
use plaint_core::{Code, Error, Instant};
use serde_json::{Map, Value, json};

/// The columns whose JSON value is an object or a list: a string column
/// of that name holds JSON text.
const JSON_TEXT_COLUMNS: [&str; 5] = ["events", "facts", "attributes", "customer", "classification"];

/// One input column, cast once per batch to the few types rows are read from.
pub enum Column {
    Text(arrow_array::StringArray),
    Bool(arrow_array::BooleanArray),
    Int(arrow_array::Int64Array),
    Float(arrow_array::Float64Array),
    /// Milliseconds since the epoch (UTC).
    Time(arrow_array::TimestampMillisecondArray),
    Struct(Vec<(String, Column)>, arrow_array::StructArray),
    List(arrow_array::ListArray, Box<Column>),
    /// JSON text, parsed row by row.
    Json(arrow_array::StringArray),
}

impl Column {
    pub fn read(name: &str, array: &ArrayRef) -> Result<Column, ArrowError> {
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

    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Column::Text(a) => a.is_null(i),
            Column::Bool(a) => a.is_null(i),
            Column::Int(a) => a.is_null(i),
            Column::Float(a) => a.is_null(i),
            Column::Time(a) => a.is_null(i),
            Column::Struct(_, a) => a.is_null(i),
            Column::List(a, _) => a.is_null(i),
            Column::Json(a) => a.is_null(i),
        }
    }

    /// The value at row `i` as the JSON layer reads it (None: null); text
    /// that is not JSON is `invalid_json` at `path`, a key named twice
    /// `duplicate_key` at its path below `path`.
    pub fn json_value(&self, i: usize, path: &str) -> Result<Option<Value>, Error> {
        match self {
            // A problem inside the text (a key named twice) keeps its path
            // below the column's.
            Column::Json(a) if !a.is_null(i) => parse_json(a.value(i)).map(Some).map_err(|e| {
                let at = format!("{path}{}", e.path());
                Error::new(e.code(), at, format!("column text is not valid JSON: {e}"))
            }),
            _ => Ok(self.value(i)),
        }
    }

    /// The value at row `i` as the JSON layer reads it (None: null; for
    /// JSON text, see `json_value`).
    pub fn value(&self, i: usize) -> Option<Value> {
        if self.is_null(i) {
            return None;
        }
        Some(match self {
            Column::Text(a) => Value::String(a.value(i).to_string()),
            Column::Bool(a) => Value::Bool(a.value(i)),
            Column::Int(a) => Value::from(a.value(i)),
            Column::Float(a) => serde_json::Number::from_f64(a.value(i)).map_or(Value::Null, Value::Number),
            Column::Time(a) => Value::String(time_text(a.value(i))),
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
            Column::Json(a) => parse_json(a.value(i)).unwrap_or(Value::Null),
        })
    }
}

/// The columns of a batch with their JSON paths: `customer.tier` is
/// `complaint.customer.tier`; `events` is the case's event list.
pub struct Rows {
    pub columns: Vec<(Vec<String>, Column)>,
    pub events: Option<Column>,
    pub len: usize,
}

impl Rows {
    /// The columns of `batch`; those named in `json` hold JSON text. A
    /// column the JSON layer does not know fails the call once, with the
    /// column as the path (`unknown_field`).
    pub fn read(batch: &RecordBatch, json: &[String]) -> Result<Rows, ArrowError> {
        let mut columns = Vec::new();
        let mut events = None;
        for (field, array) in batch.schema().fields().iter().zip(batch.columns()) {
            let name = field.name();
            let mut column = Column::read(name, array)?;
            if let Column::Text(text) = &column {
                if json.contains(name) || JSON_TEXT_COLUMNS.contains(&name.as_str()) {
                    column = Column::Json(text.clone());
                }
            }
            if name == "events" {
                check_event_fields(&column)?;
                events = Some(column);
            } else {
                let path = path_of(name);
                check_known(name, &path, &column)?;
                columns.push((path, column));
            }
        }
        Ok(Rows {
            columns,
            events,
            len: batch.num_rows(),
        })
    }

    /// The complaint of row `i`; Err: a cell of JSON text that is not JSON.
    pub fn complaint(&self, i: usize) -> Result<Value, Error> {
        let mut root = Map::new();
        for (path, column) in &self.columns {
            let at = || path.iter().fold(String::new(), |p, k| child(&p, k));
            if let Some(v) = column.json_value(i, &at())? {
                insert(&mut root, path, v);
            }
        }
        Ok(Value::Object(root))
    }

    /// The case of row `i`; Err: a cell of JSON text that is not JSON.
    pub fn case(&self, i: usize) -> Result<Value, Error> {
        let mut case = Map::new();
        let complaint = self
            .complaint(i)
            .map_err(|e| Error::new(e.code(), format!("/complaint{}", e.path()), e.to_string()))?;
        case.insert("complaint".into(), complaint);
        if let Some(v) = self
            .events
            .as_ref()
            .map(|e| e.json_value(i, "/events"))
            .transpose()?
            .flatten()
        {
            case.insert("events".into(), v);
        }
        Ok(Value::Object(case))
    }
}

/// The leaf paths of a column: a struct's fields, recursively.
fn leaves(path: &[String], column: &Column, out: &mut Vec<Vec<String>>) {
    match column {
        Column::Struct(fields, _) if path.len() < 2 => {
            for (name, c) in fields {
                let mut p = path.to_vec();
                p.push(name.clone());
                leaves(&p, c, out);
            }
        }
        _ => out.push(path.to_vec()),
    }
}

/// A timestamp cell as the JSON layer reads it: RFC 3339 text. A cell
/// outside the years 1000-9999 becomes text the core rejects as
/// `invalid_instant` at the cell's JSON path, never a clamped instant.
fn time_text(ms: i64) -> String {
    match Instant::from_ms(ms) {
        Ok(t) => t.to_utc_string(),
        Err(_) => format!("{ms} ms since 1970-01-01, outside the years 1000-9999"),
    }
}

const PROBE_AT: &str = "2000-01-01T00:00:00Z";

/// Whether the JSON layer reports `path` (inside `root`) as an unknown key:
/// the core, not this adapter, knows which keys exist.
fn unknown(root: Value, path: &[String], read: impl Fn(&Value) -> Result<(), Error>) -> bool {
    let mut doc = root;
    if let Value::Object(m) = &mut doc {
        insert(m, path, Value::Null);
    }
    read(&doc).is_err_and(|e| e.problems().iter().any(|p| p.code == Code::UnknownField))
}

/// Fail once for a column no row can be read from: a key the complaint
/// format does not define (a typo, or an export's own column).
fn check_known(name: &str, path: &[String], column: &Column) -> Result<(), ArrowError> {
    let mut paths = Vec::new();
    leaves(path, column, &mut paths);
    let complaint = || json!({"id": "probe", "received_at": PROBE_AT});
    let read = |v: &Value| plaint_core::Complaint::from_value(v).map(|_| ());
    match paths.iter().find(|p| unknown(complaint(), p, read)) {
        None => Ok(()),
        Some(p) => Err(column_error(
            name,
            Code::UnknownField,
            format!(
                "plaint does not read {:?}: the columns are id, received_at, channel, subject, product, department, text, customer_id, customer_tier, customer.*, facts.*, attributes.*, classification and events; select these (host data goes in attributes.<name>)",
                p.join(".")
            ),
        )),
    }
}

/// Fail once for a field of the `events` structs that no event has.
fn check_event_fields(column: &Column) -> Result<(), ArrowError> {
    let Column::List(_, items) = column else {
        return Ok(());
    };
    let Column::Struct(fields, _) = &**items else {
        return Ok(());
    };
    for (name, _) in fields {
        let mut event = json!({"type": "registered", "at": PROBE_AT});
        event[name.as_str()] = Value::Null;
        let case = json!({"complaint": {"id": "probe", "received_at": PROBE_AT}, "events": [event]});
        let found = Case::from_value(&case).is_err_and(|e| e.problems().iter().any(|p| p.code == Code::UnknownField));
        if found {
            return Err(column_error(
                "events",
                Code::UnknownField,
                format!("an event has no field {name:?} (the README lists the event fields)"),
            ));
        }
    }
    Ok(())
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
