//! `plaint triage` text output: the classification and its explanation.

use crate::labelled;
use crate::output::{Paint, tr};
use plaint_core::Policy;
use plaint_core::classify::{Classification, Decision, TableTrace};
use plaint_core::decode::FromCode;
use plaint_core::model::{Category, ClaimType, Complaint, Labelled, Lang, Nature, Severity, Validity};
use plaint_core::policy::OutputKind;

pub enum Done {
    Json(serde_json::Value),
    Text(String),
}

fn opt<T: Labelled + FromCode>(v: Option<T>, lang: Lang) -> String {
    v.map_or_else(|| "—".to_string(), |v| labelled(v, v.code(), lang))
}

/// A table value (a code) as a label of its output kind.
fn value_label(kind: OutputKind, code: &str, lang: Lang) -> String {
    fn l<T: Labelled + FromCode>(code: &str, lang: Lang) -> String {
        T::from_code(code).map_or_else(|| code.to_string(), |v| labelled(v, code, lang))
    }
    match kind {
        OutputKind::Severity => l::<Severity>(code, lang),
        OutputKind::Category => l::<Category>(code, lang),
        OutputKind::Nature => l::<Nature>(code, lang),
        OutputKind::Validity => l::<Validity>(code, lang),
        OutputKind::ClaimType => l::<ClaimType>(code, lang),
        OutputKind::Route => code.to_string(),
    }
}

pub fn render(policy: &Policy, c: &Complaint, cl: &Classification, lang: Lang, p: Paint) -> String {
    let mut out = String::new();
    // The version the classification used (the one in force at receipt).
    let policy = policy.version_at(c.received_at).unwrap_or(policy);
    out.push_str(&format!(
        "{} {} — {} {} {}\n",
        p.bold(tr("complaint", lang)),
        p.bold(&c.id),
        tr("policy", lang),
        policy.name,
        policy.version
    ));
    let field = |out: &mut String, name: &str, value: String| {
        out.push_str(&format!("  {}: {}\n", name, p.cyan(&value)));
    };
    field(&mut out, OutputKind::Severity.label(lang), opt(cl.severity, lang));
    field(&mut out, OutputKind::Category.label(lang), opt(cl.category, lang));
    field(&mut out, OutputKind::Nature.label(lang), opt(cl.nature, lang));
    field(
        &mut out,
        OutputKind::Validity.label(lang),
        opt(cl.validity_suggestion, lang),
    );
    field(&mut out, OutputKind::ClaimType.label(lang), opt(cl.claim_type, lang));
    field(
        &mut out,
        OutputKind::Route.label(lang),
        cl.route.clone().unwrap_or_else(|| "—".into()),
    );
    if cl.validity.is_some() {
        field(
            &mut out,
            tr("validity (decided by a person)", lang),
            opt(cl.validity, lang),
        );
    }
    if let Some(by) = &cl.classified_by {
        field(&mut out, tr("classified by", lang), by.clone());
    }
    let signals = if cl.signals.is_empty() {
        tr("none", lang).to_string()
    } else {
        cl.signals
            .iter()
            .map(|s| format!("{} (\"{}\")", s.signal, s.keyword))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("  {}: {}\n", tr("signals", lang), signals));
    out.push_str(&format!("{}\n", p.bold(tr("decision tables", lang))));
    for t in &cl.trace {
        table(&mut out, t, lang, p);
    }
    out
}

fn table(out: &mut String, t: &TableTrace, lang: Lang, p: Paint) {
    let value = t
        .value
        .as_deref()
        .map_or_else(|| "—".to_string(), |v| value_label(t.output, v, lang));
    let decision = match t.decision {
        Decision::Person => p.red(t.decision.label(lang)),
        Decision::Row => t.decision.label(lang).to_string(),
        _ => p.dim(t.decision.label(lang)),
    };
    out.push_str(&format!(
        "  {} [{}, {}] → {} — {}\n",
        p.bold(&t.table),
        t.output.label(lang),
        t.hit.label(lang),
        p.cyan(&value),
        decision
    ));
    if let Some(tv) = &t.table_value {
        out.push_str(&format!(
            "    {}: {}\n",
            tr("the table said", lang),
            value_label(t.output, tv, lang)
        ));
    }
    for r in &t.rows {
        out.push_str(&format!(
            "    {} {} → {}\n",
            tr("row", lang),
            p.bold(&r.row),
            value_label(t.output, &r.value, lang)
        ));
        if !r.conditions.is_empty() {
            out.push_str(&format!(
                "      {}: {}\n",
                tr("conditions", lang),
                r.conditions.join("; ")
            ));
        }
        if !r.keywords.is_empty() {
            out.push_str(&format!("      {}: {}\n", tr("keywords", lang), r.keywords.join(", ")));
        }
        if let Some(s) = &r.source {
            out.push_str(&format!("      {}: {}\n", tr("source", lang), p.dim(s)));
        }
    }
    if let Some(s) = &t.source {
        out.push_str(&format!("    {}: {}\n", tr("table source", lang), p.dim(s)));
    }
}
