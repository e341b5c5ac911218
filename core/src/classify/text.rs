//! Text signals: keyword lists in simplified Chinese, traditional Chinese and
//! English, matched in one pass over normalised text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Lower case, full-width ASCII folded to half-width, the ideographic space
/// to a space, and runs of whitespace collapsed: the same text typed on a
/// Chinese or an English keyboard matches the same keywords.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `text[run..i]` is kept as it is: copied in one piece when a character
    // that changes (or the end) is reached.
    let mut run = 0;
    let mut space = false;
    for (i, c) in text.char_indices() {
        let kept = match c {
            ' ' => !space && i > 0,
            _ if c.is_ascii() => !c.is_whitespace() && !c.is_ascii_uppercase(),
            _ => is_caseless_cjk(c),
        };
        if kept {
            space = c == ' ';
            continue;
        }
        out.push_str(&text[run..i]);
        run = i + c.len_utf8();
        fold_char(&mut out, &mut space, c);
    }
    out.push_str(&text[run..]);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `normalize` for one character that may change.
fn fold_char(out: &mut String, space: &mut bool, c: char) {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    };
    if c.is_whitespace() {
        if !*space && !out.is_empty() {
            out.push(' ');
        }
        *space = true;
        return;
    }
    *space = false;
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_caseless_cjk(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// CJK punctuation, kana, hangul jamo and the unified ideographs: no
/// character here has a lower case or is whitespace (tested over the range).
fn is_caseless_cjk(c: char) -> bool {
    ('\u{3001}'..='\u{9FFF}').contains(&c)
}

/// One signal: an id and its keywords (already normalised).
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    /// The signal's id, as conditions name it.
    pub id: String,
    /// Its keywords in every language, normalised.
    pub keywords: Vec<String>,
}

/// Every signal of a policy, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct SignalSet {
    /// The signals, in policy order.
    pub signals: Vec<Signal>,
    matcher: Option<AhoCorasick>,
    /// For each pattern of the automaton: (signal, keyword) indices.
    owners: Vec<(usize, usize)>,
}

/// The signals found in one text: for each signal, the first keyword seen.
#[derive(Debug, Clone, Default)]
pub struct SignalHits {
    /// Indexed like `SignalSet::signals`: the index (into that signal's
    /// `keywords`) of its first keyword found in the text, None when none was.
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

    /// Compile the signals into one automaton; the error is the automaton builder's message.
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
            // A DFA scans fastest; a policy with keywords too many for one
            // falls back to the builder's own choice.
            let builder = |kind| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(&patterns)
            };
            let built = builder(Some(AhoCorasickKind::DFA)).or_else(|_| builder(None));
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

    /// The index of the signal with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.signals.iter().position(|s| s.id == id)
    }
}

impl PartialEq for SignalSet {
    fn eq(&self, other: &Self) -> bool {
        self.signals == other.signals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caseless_range_has_no_case_and_no_whitespace() {
        for c in ('\u{3001}'..='\u{9FFF}').filter(|c| is_caseless_cjk(*c)) {
            assert!(c.to_lowercase().eq([c]) && !c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    /// The rules of `normalize` one character at a time, as plainly as
    /// they read: the reference the run-copying version must equal.
    fn normalize_plainly(text: &str) -> String {
        let mut out = String::new();
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
            out.extend(c.to_lowercase());
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn normalize_equals_the_plain_rules(text in "[ \t\n\u{3000}\u{FF01}-\u{FF5E}a-zA-Z0-9,.!漏水电梯ÄÉΣİ\u{2028}\u{85}\u{0B}]{0,40}") {
            proptest::prop_assert_eq!(normalize(&text), normalize_plainly(&text));
        }
    }

    #[test]
    fn normalize_folds_width_case_and_space() {
        assert_eq!(normalize("  ＡＢＣ\u{3000}电梯  Leak\t坏了 "), "abc 电梯 leak 坏了");
    }
}
