//! Text signals: keyword lists in simplified Chinese, traditional Chinese and
//! English, matched in one pass over normalised text.

use crate::model::Text;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, Anchored, MatchKind};

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
    /// The signal's id, as conditions name it (shared with every result
    /// that finds it, so a classification does not copy it).
    pub id: Text,
    /// Its keywords in every language, normalised (shared likewise).
    pub keywords: Vec<Text>,
}

/// Every signal of a policy, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct SignalSet {
    /// The signals, in policy order.
    pub signals: Vec<Signal>,
    matcher: Option<Matcher>,
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
                patterns.push(&**kw);
                owners.push((s, k));
            }
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            Some(Matcher::new(&patterns)?)
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
            m.each_match(normalized, |pattern| {
                let (s, k) = self.owners[pattern];
                hits.first_keyword[s].get_or_insert(k);
            });
        }
        hits
    }

    /// The index of the signal with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.signals.iter().position(|s| &*s.id == id)
    }
}

/// The keywords compiled into one automaton.
#[derive(Debug, Clone)]
enum Matcher {
    /// A DFA, walked byte by byte in `each_match`: the keyword scan is a
    /// large part of classifying a short complaint, and the generic
    /// overlapping iterator costs several times more per byte.
    Dfa(Box<DFA>),
    /// For keyword sets too large for a DFA: the builder's own choice.
    Other(AhoCorasick),
}

impl Matcher {
    fn new(patterns: &[&str]) -> Result<Matcher, String> {
        // No prefilter: it makes start states special, a branch on most bytes.
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns);
        match dfa {
            Ok(dfa) => Ok(Matcher::Dfa(Box::new(dfa))),
            Err(_) => AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .map(Matcher::Other)
                .map_err(|e| e.to_string()),
        }
    }

    /// Call `found` with the pattern of every overlapping match, in the
    /// order `find_overlapping_iter` reports them: by end position, then
    /// by the automaton's order at that position.
    fn each_match(&self, text: &str, mut found: impl FnMut(usize)) {
        let dfa = match self {
            Matcher::Other(ac) => {
                ac.find_overlapping_iter(text)
                    .for_each(|m| found(m.pattern().as_usize()));
                return;
            }
            Matcher::Dfa(dfa) => dfa,
        };
        // An unanchored start state always exists for a DFA built unanchored.
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return;
        };
        let mut report = |sid| {
            if dfa.is_match(sid) {
                (0..dfa.match_len(sid)).for_each(|i| found(dfa.match_pattern(sid, i).as_usize()));
            }
        };
        report(sid);
        for &b in text.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    return;
                }
                report(sid);
            }
        }
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

    /// Every match the generic overlapping iterator reports, in its order.
    fn overlapping_reference(patterns: &[String], text: &str) -> Vec<usize> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        ac.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect()
    }

    proptest::proptest! {
        #[test]
        fn the_dfa_walk_reports_what_the_overlapping_iterator_does(
            patterns in proptest::collection::vec("[ab漏水 ]{1,4}", 1..8),
            text in "[ab漏水 c]{0,30}",
        ) {
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let mut walked = Vec::new();
            Matcher::new(&refs).unwrap().each_match(&text, |p| walked.push(p));
            proptest::prop_assert_eq!(walked, overlapping_reference(&patterns, &text));
        }
    }

    #[test]
    fn a_keyword_inside_another_and_at_the_end_are_both_found() {
        // "漏水" ends where "水" does: both reported at that end, longer
        // keyword's pattern order as the automaton gives it; "水" again at the end.
        let patterns = ["漏水".to_string(), "水".to_string(), "水管".to_string()];
        let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let mut walked = Vec::new();
        Matcher::new(&refs)
            .unwrap()
            .each_match("漏水了水管", |p| walked.push(p));
        assert_eq!(walked, vec![0, 1, 1, 2]);
    }

    #[test]
    fn normalize_folds_width_case_and_space() {
        assert_eq!(normalize("  ＡＢＣ\u{3000}电梯  Leak\t坏了 "), "abc 电梯 leak 坏了");
    }
}
