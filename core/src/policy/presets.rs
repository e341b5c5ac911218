//! The embedded policy presets: the seed documents' procedures and the
//! regulators' time limits; every rule cites its section in `source`.

use super::Policy;
use crate::error::{Code, Error};
use std::sync::{Arc, OnceLock};

/// (name, JSON) of every preset, sorted by name.
pub const PRESETS: &[(&str, &str)] = &[
    ("au-asic-rg271", include_str!("../../data/presets/au-asic-rg271.json")),
    ("cn-banking", include_str!("../../data/presets/cn-banking.json")),
    (
        "cn-consumer-samr",
        include_str!("../../data/presets/cn-consumer-samr.json"),
    ),
    ("cn-goods", include_str!("../../data/presets/cn-goods.json")),
    ("cn-petition", include_str!("../../data/presets/cn-petition.json")),
    (
        "cn-petition-2022",
        include_str!("../../data/presets/cn-petition-2022.json"),
    ),
    ("cn-property", include_str!("../../data/presets/cn-property.json")),
    ("cn-telecom", include_str!("../../data/presets/cn-telecom.json")),
    (
        "cn-telecom-miit",
        include_str!("../../data/presets/cn-telecom-miit.json"),
    ),
    ("eu-psd2", include_str!("../../data/presets/eu-psd2.json")),
    ("in-rbi", include_str!("../../data/presets/in-rbi.json")),
    ("sg-mas", include_str!("../../data/presets/sg-mas.json")),
    ("uk-fca-disp", include_str!("../../data/presets/uk-fca-disp.json")),
    ("us-cfpb", include_str!("../../data/presets/us-cfpb.json")),
];

type Slot = OnceLock<Result<Arc<Policy>, Error>>;
static BUILT: [Slot; PRESETS.len()] = [const { OnceLock::new() }; PRESETS.len()];

/// The names of the presets.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|(n, _)| *n).collect()
}

/// A preset's JSON text.
pub fn text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A preset, loaded on first use and shared afterwards. `name@version`
/// pins one version of a preset with versions (see `Policy::pinned`).
pub fn policy(name: &str) -> Result<Arc<Policy>, Error> {
    if let (base, Some(label)) = super::versions::split_label(name) {
        return policy(base)?.pinned(label).map(Arc::new);
    }
    let Some(i) = PRESETS.iter().position(|(n, _)| *n == name) else {
        return Err(Error::new(
            Code::UnknownPreset,
            "",
            format!("unknown preset {name:?}; presets: {}", names().join(", ")),
        ));
    };
    BUILT[i]
        .get_or_init(|| Policy::from_json(PRESETS[i].1).map(Arc::new))
        .clone()
}
