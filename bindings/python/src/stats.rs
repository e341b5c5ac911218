//! `plaint.stats`: the figures of `plaint stats`, from Python.

use crate::batch::{CHUNK, Input, check_cases, read_chunk};
use crate::conv::{batch_err, err, instant_arg, py_of_value};
use crate::policy::Policy;
use plaint_core::Case;
use plaint_core::analytics::assess_and_count;
use plaint_core::api::read_stats_options;
use pyo3::prelude::*;
use serde_json::{Value, json};

/// Assess `cases` with `policy` at `now` and count them: the figures of
/// `plaint stats --format json` as a dict (counts by category, severity,
/// channel, validity and department; the on-time rate of each deadline
/// rule; time to resolve, median and 90th percentile, in `clock`'s unit;
/// repeat, reopen and satisfaction rates; the complaint rate in PPM; growth
/// against a year before; batch clusters).
///
/// `cases`: an iterable of cases (dicts or JSON texts); `now`, `start`,
/// `end`: aware datetimes or RFC 3339 strings (`start`/`end` are the
/// command's `--from`/`--to`: only complaints received in [start, end));
/// `units_shipped`: int, for the PPM; `clock`: the clock of time to resolve
/// (default working_days); `repeat_window_days`: int (default 30);
/// `beyond_data` as in `Policy.assess` (None keeps the policy's). A case
/// that cannot be read raises one PlaintError listing every such case.
/// `plaint.pandas.stats_frame` gives a DataFrame view.
#[pyfunction]
#[pyo3(signature = (cases, policy, now, start=None, end=None, units_shipped=None, clock=None, repeat_window_days=None, beyond_data=None))]
#[allow(clippy::too_many_arguments)]
pub fn stats<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    policy: &Bound<'py, Policy>,
    now: &Bound<'py, PyAny>,
    start: Option<&Bound<'py, PyAny>>,
    end: Option<&Bound<'py, PyAny>>,
    units_shipped: Option<u64>,
    clock: Option<&str>,
    repeat_window_days: Option<i64>,
    beyond_data: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    check_cases(cases, "plaint.stats")?;
    let text = |at: plaint_core::Instant| Value::String(at.to_utc_string());
    let now = instant_arg(py, now, "now")?;
    let start = start.map(|s| instant_arg(py, s, "start")).transpose()?;
    let end = end.map(|s| instant_arg(py, s, "end")).transpose()?;
    let options = json!({
        "now": text(now),
        "from": start.map(text),
        "to": end.map(text),
        "units_shipped": units_shipped,
        "clock": clock,
        "repeat_window_days": repeat_window_days,
        "beyond_data": beyond_data,
    });
    let (now, opts) = read_stats_options(&options).map_err(|e| err(py, &e))?;
    let mut items = cases.try_iter()?;
    let mut inputs: Vec<Input> = Vec::new();
    loop {
        let chunk = read_chunk(&mut items, CHUNK)?;
        let last = chunk.len() < CHUNK;
        inputs.extend(chunk);
        if last {
            break;
        }
    }
    let policy = policy.get().inner.clone();
    let counted = py.detach(|| {
        let read: Vec<Result<Case, plaint_core::Error>> = crate::batch::par_map(&inputs, Input::case);
        let failed: Vec<(usize, plaint_core::Error)> = read
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.as_ref().err().map(|e| (i, e.clone())))
            .collect();
        if !failed.is_empty() {
            return Err(Ok(failed));
        }
        let cases = read.into_iter().filter_map(Result::ok).collect();
        assess_and_count(&policy, cases, now, &opts).map_err(Err).and_then(|s| {
            serde_json::to_value(&s).map_err(|e| {
                Err(plaint_core::Error::new(
                    plaint_core::Code::InvalidValue,
                    "",
                    e.to_string(),
                ))
            })
        })
    });
    match counted {
        Ok(v) => py_of_value(py, &v),
        Err(Ok(failed)) => Err(batch_err(py, "cases", inputs.len(), &failed)),
        Err(Err(e)) => Err(err(py, &e)),
    }
}
