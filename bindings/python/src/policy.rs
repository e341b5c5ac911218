//! `plaint.Policy`: a validated policy, and the assess and classify calls.

use crate::assess_iter::AssessIter;
use crate::assessment::Assessment;
use crate::batch::{
    CHUNK, Input, OnError, PARALLEL_MIN, check_cases, check_complaints, pipeline, read_chunk, read_path, source_text,
};
use crate::calendar::Calendar;
use crate::classification::Classification;
use crate::compact;
use crate::conv::{batch_err, beyond_data_arg, err, err_at, instant_arg};
use crate::source::Source;
use plaint_core::assess::{AssessOptions, assess_with_options};
use plaint_core::classify::classify_values_indexed;
use plaint_core::classify::index::Indexed;
use plaint_core::decode::parse_json;
use plaint_core::{
    Assessment as CoreAssessment, BeyondData, Classification as CoreClassification, Code, Complaint, Error, Instant,
    Policy as CorePolicy, api,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rayon::prelude::*;
use std::sync::Arc;

/// A validated policy: classification tables, deadline rules, escalation
/// ladder and authority, on one working calendar. Immutable; share it
/// between threads freely; it pickles (rebuilt from its preset name or JSON).
///
/// Build one with `Policy.preset(name)`, `Policy.from_json(text_or_dict)` or
/// `Policy.from_path(path)`. Instants given to its methods (`now`) are aware
/// `datetime.datetime` / `pandas.Timestamp` values or RFC 3339 strings with
/// an offset; a naive one is `instant_without_offset`. Instants returned are
/// aware datetimes in the zone of the policy's calendar.
#[pyclass(frozen, module = "plaint")]
pub struct Policy {
    pub inner: Arc<CorePolicy>,
    /// `inner` with the row indexes of its large tables, for classify.
    indexed: Indexed,
    pub calendar: Py<Calendar>,
    source: Source,
}

impl Policy {
    fn build(py: Python<'_>, source: Source) -> PyResult<Policy> {
        let inner = match &source {
            Source::Json(text) => py.detach(|| parse_json(text).and_then(|v| api::policy_from(&v))),
            Source::Preset(name) => CorePolicy::preset(name),
            Source::PolicyCalendar(_) => unreachable!("a policy's source is never a calendar's"),
        }
        .map_err(|e| err(py, &e))?;
        let cal_source = Source::PolicyCalendar(Box::new(source.clone()));
        let calendar = Py::new(py, Calendar::wrap(py, inner.calendar.clone(), cal_source)?)?;
        Ok(Policy {
            indexed: Indexed::new(inner.clone()),
            inner,
            calendar,
            source,
        })
    }

    pub fn zone<'py>(&self, py: Python<'py>) -> &Bound<'py, PyAny> {
        self.calendar.get().zone.bind(py)
    }

    pub fn assessment(&self, py: Python<'_>, a: CoreAssessment) -> PyResult<Assessment> {
        Assessment::new(&a, self.zone(py).clone().unbind())
    }

    /// Assess every input that `read` gives at `now`, on the pool; the
    /// pool also packs each result into the form an Assessment keeps.
    pub fn assess_inputs(
        &self,
        py: Python<'_>,
        read: impl FnMut() -> PyResult<Vec<Input>>,
        now: Instant,
        beyond_data: Option<BeyondData>,
    ) -> PyResult<Vec<Result<Assessment, Error>>> {
        let opts = AssessOptions {
            beyond_data,
            ..AssessOptions::default()
        };
        let policy = &*self.inner;
        let zone = self.zone(py);
        let mut out = Vec::new();
        let mut keep = |results: Vec<Result<Box<[u8]>, Error>>| -> PyResult<()> {
            out.extend(
                results
                    .into_iter()
                    .map(|r| r.map(|b| Assessment::of_bytes(b, zone.clone().unbind()))),
            );
            Ok(())
        };
        let work = |input: &Input| {
            let a = assess_with_options(policy, &input.case()?, now, &opts)?;
            compact::encode(&a).map_err(|e| Error::new(Code::InvalidValue, "", format!("cannot keep the result: {e}")))
        };
        pipeline(py, read, work, &mut keep)?;
        if out.len() >= CHUNK {
            py.detach(crate::batch::release_memory);
        }
        Ok(out)
    }
}

/// A complaint to classify: read straight from a dict (`complaint.rs`), or
/// an input for the JSON layer to read.
enum ToClassify {
    Ready(Box<Complaint>),
    Input(Input),
}

impl ToClassify {
    /// One complaint given alone: a problem raises its PlaintError.
    fn read(obj: &Bound<'_, PyAny>) -> PyResult<ToClassify> {
        match obj.cast::<PyDict>().ok().and_then(|d| crate::complaint::complaint(d)) {
            Some(c) => Ok(ToClassify::Ready(Box::new(c))),
            None => Ok(ToClassify::Input(Input::read_one(obj)?)),
        }
    }

    /// One complaint of a batch: a problem is kept for its item.
    fn read_item(obj: &Bound<'_, PyAny>) -> PyResult<ToClassify> {
        match obj.cast::<PyDict>().ok().and_then(|d| crate::complaint::complaint(d)) {
            Some(c) => Ok(ToClassify::Ready(Box::new(c))),
            None => Ok(ToClassify::Input(Input::read(obj)?)),
        }
    }
}

impl Policy {
    /// The classification of a complaint, its trace and signals built when
    /// first read.
    fn classification(&self, c: Box<Complaint>) -> Classification {
        let outcome = classify_values_indexed(&self.indexed, &c);
        Classification::outcome(outcome, self.inner.clone(), c)
    }
}

/// The Python list of a batch's results: with `raise`, the assessments, or
/// one error listing every failing case; with `coerce`, the assessments
/// with each failing case's PlaintError in its place. `first` is the
/// position of the first result in the whole input.
pub fn results_list<'py>(
    py: Python<'py>,
    results: Vec<Result<Assessment, Error>>,
    first: usize,
    on_error: OnError,
) -> PyResult<Bound<'py, PyList>> {
    let failed: Vec<(usize, Error)> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().err().map(|e| (first + i, e.clone())))
        .collect();
    if on_error == OnError::Raise && !failed.is_empty() {
        return Err(batch_err(py, "cases", results.len(), &failed));
    }
    let list = PyList::empty(py);
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(a) => list.append(Py::new(py, a)?)?,
            Err(e) => list.append(err_at(py, &e, first + i, "cases").into_value(py))?,
        }
    }
    Ok(list)
}

#[pymethods]
impl Policy {
    /// An embedded policy preset by name: a seed procedure (cn-property,
    /// cn-goods, cn-telecom, cn-petition) or a regulator's time limits
    /// (cn-banking, uk-fca-disp, us-cfpb, ...; `Policy.presets()` lists them).
    /// An unknown name raises UnknownPresetError (`unknown_preset`).
    #[staticmethod]
    fn preset(py: Python<'_>, name: &str) -> PyResult<Policy> {
        Policy::build(py, Source::Preset(name.to_string()))
    }

    /// The names of the embedded policy presets (list of str, sorted).
    #[staticmethod]
    fn presets() -> Vec<&'static str> {
        plaint_core::policy::presets::names()
    }

    /// A policy from JSON text (str), a dict, or an os.PathLike naming a
    /// JSON file. A str that is a file's path rather than JSON is refused
    /// (`invalid_json`, saying to pass a Path or call `from_path`). Every
    /// problem is reported at once (ValidationError, `.problems`).
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Policy> {
        let text = source_text(source, "Policy")?;
        Policy::build(py, Source::Json(text.into()))
    }

    /// A policy from the JSON file at `path` (str or os.PathLike).
    #[staticmethod]
    fn from_path(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Policy> {
        let text = read_path(path)?;
        Policy::build(py, Source::Json(text.into()))
    }

    #[staticmethod]
    fn _restore(py: Python<'_>, kind: &str, text: String) -> PyResult<Policy> {
        match Source::from_state(kind, text) {
            Some(source @ (Source::Preset(_) | Source::Json(_))) => Policy::build(py, source),
            _ => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "not a pickled Policy: {kind:?}"
            ))),
        }
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let restore = slf.getattr("_restore")?;
        let (kind, text) = slf.get().source.state();
        PyTuple::new(slf.py(), [restore, PyTuple::new(slf.py(), [kind, text])?.into_any()])
    }

    /// The policy's name (str).
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The policy's version (str).
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// The working calendar its deadlines are counted on (a Calendar).
    #[getter]
    fn calendar(&self, py: Python<'_>) -> Py<Calendar> {
        self.calendar.clone_ref(py)
    }

    /// The ids of the policy's deadline rules, in the policy's order, and
    /// for a policy with versions every version's, first seen first (the
    /// deadline columns of `plaint.arrow.assess` and `assess_frame`).
    #[getter]
    fn deadline_ids(&self) -> Vec<String> {
        self.inner.deadline_ids().iter().map(|id| id.to_string()).collect()
    }

    /// Classify one complaint (a dict or JSON text): a Classification.
    fn classify(&self, py: Python<'_>, complaint: &Bound<'_, PyAny>) -> PyResult<Classification> {
        let c = match ToClassify::read(complaint)? {
            ToClassify::Ready(c) => c,
            ToClassify::Input(input) => Box::new(input.complaint().map_err(|e| err(py, &e))?),
        };
        Ok(self.classification(c))
    }

    /// Classify many complaints, without the GIL and on every core; a list
    /// of Classifications in input order. `complaints`: an iterable of
    /// complaints, each a dict or one JSON text. `errors="raise"` (default):
    /// if any complaint fails, one PlaintError lists every failing one
    /// (`problems`, each with `index` and a path `/complaints/<index>/...`);
    /// `errors="coerce"`: a failing complaint's PlaintError takes its place.
    #[pyo3(signature = (complaints, errors="raise"))]
    fn classify_many<'py>(
        &self,
        py: Python<'py>,
        complaints: &Bound<'py, PyAny>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        check_complaints(complaints)?;
        let on_error = OnError::parse(errors)?;
        let mut items = Vec::new();
        for item in complaints.try_iter()? {
            items.push(ToClassify::read_item(&item?)?);
        }
        let indexed = &self.indexed;
        let results: Vec<Result<(CoreClassification, Box<Complaint>), Error>> = py.detach(|| {
            let one = |item: ToClassify| {
                let c = match item {
                    ToClassify::Ready(c) => c,
                    ToClassify::Input(input) => Box::new(input.complaint()?),
                };
                Ok((classify_values_indexed(indexed, &c), c))
            };
            if items.len() < PARALLEL_MIN {
                items.into_iter().map(one).collect()
            } else {
                items.into_par_iter().with_min_len(256).map(one).collect()
            }
        });
        let failed: Vec<(usize, Error)> = results
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.as_ref().err().map(|e| (i, e.clone())))
            .collect();
        if on_error == OnError::Raise && !failed.is_empty() {
            return Err(batch_err(py, "complaints", results.len(), &failed));
        }
        let list = PyList::empty(py);
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok((outcome, c)) => {
                    list.append(Py::new(py, Classification::outcome(outcome, self.inner.clone(), c))?)?
                }
                Err(e) => list.append(err_at(py, &e, i, "complaints").into_value(py))?,
            }
        }
        Ok(list)
    }

    /// Assess one case at `now`: an Assessment. `case` is a dict or JSON
    /// text `{"complaint", "events"?, "related"?}`; `now` an aware datetime
    /// or an RFC 3339 string. `beyond_data`: what a deadline that needs
    /// dates past the calendar's data gets, "undetermined" (state
    /// `undetermined`, with its error) or "projected" (counted on the
    /// calendar's projection, `provisional`); None keeps the policy's option.
    #[pyo3(signature = (case, now, beyond_data=None))]
    fn assess(
        &self,
        py: Python<'_>,
        case: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        beyond_data: Option<&str>,
    ) -> PyResult<Assessment> {
        let now = instant_arg(py, now, "now")?;
        let opts = AssessOptions {
            beyond_data: beyond_data_arg(py, beyond_data)?,
            ..AssessOptions::default()
        };
        let input = Input::read_one(case)?;
        let policy = &*self.inner;
        let a = input
            .case()
            .and_then(|c| assess_with_options(policy, &c, now, &opts))
            .map_err(|e| err(py, &e))?;
        self.assessment(py, a)
    }

    /// Assess many cases at `now`, without the GIL and on every core; a
    /// list in input order.
    ///
    /// `cases`: an iterable of cases, each a dict or one JSON text (for
    /// JSON-lines or JSON-array text use `plaint.cases_from_text`, for a
    /// file `plaint.cases_from_file`; one str, bytes, a path, one dict or a
    /// DataFrame is a TypeError saying what to pass).
    /// `errors="raise"` (default): if any case fails, one PlaintError lists
    /// every failing case (`problems`, each with `index` and a path
    /// `/cases/<index>/...`). `errors="coerce"`: a failing case's
    /// PlaintError takes its place in the list. `beyond_data` as in `assess`.
    #[pyo3(signature = (cases, now, errors="raise", beyond_data=None))]
    fn assess_many<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
        errors: &str,
        beyond_data: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        check_cases(cases, "Policy.assess_many")?;
        let on_error = OnError::parse(errors)?;
        let now = instant_arg(py, now, "now")?;
        let beyond_data = beyond_data_arg(py, beyond_data)?;
        let mut items = cases.try_iter()?;
        let results = self.assess_inputs(py, || read_chunk(&mut items, CHUNK), now, beyond_data)?;
        results_list(py, results, 0, on_error)
    }

    /// Assess `cases` at `now` lazily, `chunk` cases at a time: an iterator
    /// of lists (one per chunk, in input order), so that a run of millions
    /// keeps only one chunk in memory. `errors` as in `assess_many`, per
    /// chunk (with `raise`, the first chunk with a failing case raises and
    /// ends the iteration). `progress=True` shows a progress bar (tqdm when
    /// it is installed, else a line on stderr); off by default.
    /// `beyond_data` as in `assess`.
    #[pyo3(signature = (cases, now, chunk=100_000, errors="raise", progress=false, beyond_data=None))]
    fn assess_iter(
        slf: &Bound<'_, Self>,
        cases: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        chunk: usize,
        errors: &str,
        progress: bool,
        beyond_data: Option<&str>,
    ) -> PyResult<AssessIter> {
        let py = slf.py();
        check_cases(cases, "Policy.assess_iter")?;
        let now = instant_arg(py, now, "now")?;
        AssessIter::new(
            slf.clone().unbind(),
            cases,
            (now, beyond_data_arg(py, beyond_data)?),
            chunk,
            OnError::parse(errors)?,
            progress,
        )
    }

    fn __repr__(&self) -> String {
        format!("<plaint.Policy {} {}>", self.inner.name, self.inner.version)
    }
}
