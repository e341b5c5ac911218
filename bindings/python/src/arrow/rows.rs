//! Arrow columns read as the JSON layer's values: each row becomes the
//! `{"complaint", "events"}` document `assess` reads, so that a malformed
//! row gets exactly the JSON layer's error code and path.

use super::column_error;
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, TimestampMillisecondType};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, TimeUnit};
use plaint_core::{Code, Instant};
use serde_json::{Map, Value};

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
        }
    }

    /// The value at row `i` as the JSON layer reads it (None: null).
    pub fn value(&self, i: usize) -> Option<Value> {
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
pub struct Rows {
    pub columns: Vec<(Vec<String>, Column)>,
    pub events: Option<Column>,
    pub len: usize,
}

impl Rows {
    pub fn read(batch: &RecordBatch) -> Result<Rows, ArrowError> {
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

    pub fn complaint(&self, i: usize) -> Value {
        let mut root = Map::new();
        for (path, column) in &self.columns {
            if let Some(v) = column.value(i) {
                insert(&mut root, path, v);
            }
        }
        Value::Object(root)
    }

    pub fn case(&self, i: usize) -> Value {
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
