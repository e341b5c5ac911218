//! Text signals: keyword lists in simplified Chinese, traditional Chinese and
//! English, matched in one pass over normalised text.

use aho_corasick::{AhoCorasick, MatchKind};

/// Lower case, full-width ASCII folded to half-width, the ideographic space
/// to a space, and runs of whitespace collapsed: the same text typed on a
/// Chinese or an English keyboard matches the same keywords.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// One signal: an id and its keywords (already normalised).
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub id: String,
    pub keywords: Vec<String>,
}

/// Every signal of a policy, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct SignalSet {
    pub signals: Vec<Signal>,
    matcher: Option<AhoCorasick>,
    /// For each pattern of the automaton: (signal, keyword) indices.
    owners: Vec<(usize, usize)>,
}

/// The signals found in one text: for each signal, the first keyword seen.
#[derive(Debug, Clone, Default)]
pub struct SignalHits {
    pub first_keyword: Vec<Option<usize>>,
}

impl SignalSet {
    /// No signals at all.
    pub fn empty() -> SignalSet {
        SignalSet {
            signals: Vec::new(),
            matcher: None,
            owners: Vec::new(),
        }
    }

    pub fn new(signals: Vec<Signal>) -> Result<SignalSet, String> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (s, signal) in signals.iter().enumerate() {
            for (k, kw) in signal.keywords.iter().enumerate() {
                patterns.push(kw.as_str());
                owners.push((s, k));
            }
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            let built = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns);
            Some(built.map_err(|e| e.to_string())?)
        };
        Ok(SignalSet {
            signals,
            matcher,
            owners,
        })
    }

    /// Which signals occur in `normalized` text (overlapping matches count).
    pub fn scan(&self, normalized: &str) -> SignalHits {
        let mut hits = SignalHits {
            first_keyword: vec![None; self.signals.len()],
        };
        if let Some(m) = &self.matcher {
            for found in m.find_overlapping_iter(normalized) {
                let (s, k) = self.owners[found.pattern().as_usize()];
                hits.first_keyword[s].get_or_insert(k);
            }
        }
        hits
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.signals.iter().position(|s| s.id == id)
    }
}

impl PartialEq for SignalSet {
    fn eq(&self, other: &Self) -> bool {
        self.signals == other.signals
    }
}
