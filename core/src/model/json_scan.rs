//! A cursor over JSON text for the fast reader (`model::fast_read`): it
//! reads the JSON grammar as serde_json does (the same whitespace, literals,
//! string escapes, numbers and nesting limit) but builds nothing it is not
//! asked for. Every method gives None where serde_json would fail, and the
//! fast reader then gives up. Two parts where being exact is subtle (a
//! number that is not a plain integer, a value kept whole) are handed to
//! serde_json itself, on their own slice of the text; string escapes are
//! decoded here, checked against serde_json in the tests.

use serde_json::{Number, Value};
use std::borrow::Cow;

/// serde_json's nesting limit: a document nests at most this many arrays
/// and objects.
const MAX_DEPTH: usize = 127;

/// The text and the place reached in it.
pub(crate) struct Json<'a> {
    text: &'a str,
    at: usize,
    /// Arrays and objects open around the cursor.
    depth: usize,
}

impl<'a> Json<'a> {
    pub(crate) fn new(text: &'a str) -> Json<'a> {
        Json { text, at: 0, depth: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after whitespace (space, tab, CR, LF), not consumed.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Consume `b`, the next byte after whitespace.
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.at += 1)
    }

    /// Whether only whitespace is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// Consume `word` (a literal) if the text continues with it.
    fn literal(&mut self, word: &str) -> bool {
        let found = self
            .bytes()
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()));
        if found {
            self.at += word.len();
        }
        found
    }

    /// A null (consumed: true), or another value ahead (false).
    pub(crate) fn null(&mut self) -> Option<bool> {
        if self.peek()? != b'n' {
            return Some(false);
        }
        self.literal("null").then_some(true)
    }

    /// `true` or `false`.
    pub(crate) fn bool(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal("true").then_some(true),
            b'f' => self.literal("false").then_some(false),
            _ => None,
        }
    }

    /// A string: borrowed from the text when it has no escapes, else
    /// decoded as serde_json decodes it (`unescape`).
    pub(crate) fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let bytes = self.bytes();
        let mut escaped = false;
        loop {
            self.at += special_at(bytes.get(self.at..)?);
            match *bytes.get(self.at)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    // The escaped byte is skipped; `\u` digits are ordinary.
                    self.at += 2;
                }
                // serde_json refuses control characters inside strings.
                _ => return None,
            }
        }
        self.at += 1;
        if !escaped {
            // Both ends are ASCII quotes, so the slice is on char boundaries.
            return Some(Cow::Borrowed(&self.text[start..self.at - 1]));
        }
        unescape(self.text.get(start..self.at - 1)?).map(Cow::Owned)
    }

    /// A number, as serde_json reads it into a `Value`: a plain
    /// non-negative integer directly, any other form by serde_json.
    pub(crate) fn number(&mut self) -> Option<Number> {
        self.peek()?;
        let start = self.at;
        let bytes = self.bytes();
        while bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
        {
            self.at += 1;
        }
        let text = &self.text[start..self.at];
        let plain = (1..=19).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_digit())
            && (text.len() == 1 || !text.starts_with('0'));
        if plain {
            return text.parse::<u64>().ok().map(Number::from);
        }
        match serde_json::from_str::<Value>(text).ok()? {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// An object, its keys read and handed to `field` one by one (the
    /// cursor at the key's value), until the closing brace.
    pub(crate) fn object(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.open(b'{')?;
        if self.peek()? != b'}' {
            loop {
                if self.peek()? != b'"' {
                    return None;
                }
                let key = self.string()?;
                self.eat(b':')?;
                field(self, &key)?;
                if self.peek()? != b',' {
                    break;
                }
                self.at += 1;
            }
        }
        self.close(b'}')
    }

    /// An array, its items read by `item` one by one.
    pub(crate) fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.open(b'[')?;
        if self.peek()? != b']' {
            loop {
                item(self)?;
                if self.peek()? != b',' {
                    break;
                }
                self.at += 1;
            }
        }
        self.close(b']')
    }

    fn open(&mut self, b: u8) -> Option<()> {
        self.eat(b)?;
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn close(&mut self, b: u8) -> Option<()> {
        self.eat(b)?;
        self.depth -= 1;
        Some(())
    }

    /// Any value, as the strict parser builds it (duplicate keys refused),
    /// read by it from the value's own text; the nesting around the value
    /// counts toward the limit, as when the whole text is read at once.
    pub(crate) fn value(&mut self) -> Option<Value> {
        let start = self.at;
        let deepest = self.skip()?;
        if self.depth + deepest > MAX_DEPTH {
            return None;
        }
        let mut de = serde_json::Deserializer::from_str(&self.text[start..self.at]);
        let value = crate::strict_json::value(&mut de).ok()?;
        de.end().ok()?;
        Some(value)
    }

    /// Pass over one value, checking only where it ends; the deepest
    /// nesting inside it. Its text is read again, whole, by `value`.
    fn skip(&mut self) -> Option<usize> {
        match self.peek()? {
            b'"' => self.string().map(|_| 0),
            b'{' | b'[' => self.skip_container(),
            b'-' | b'0'..=b'9' => self.number().map(|_| 0),
            b'n' => self.literal("null").then_some(0),
            _ => self.bool().map(|_| 0),
        }
    }

    /// Pass over an array or object without building it: brackets are
    /// counted, strings passed over, anything else left to `value`'s
    /// reading of the slice.
    fn skip_container(&mut self) -> Option<usize> {
        let bytes = self.bytes();
        let (mut open, mut deepest) = (0usize, 0usize);
        loop {
            match *bytes.get(self.at)? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => {
                    open += 1;
                    deepest = deepest.max(open);
                    // Deeper than serde_json reads at all: refused either way.
                    if open > MAX_DEPTH {
                        return None;
                    }
                }
                b'}' | b']' => {
                    open -= 1;
                    if open == 0 {
                        self.at += 1;
                        return Some(deepest);
                    }
                }
                _ => {}
            }
            self.at += 1;
        }
    }
}

/// The text of a string's escaped contents (between its quotes, no
/// control character), decoded as serde_json decodes a string: the eight
/// one-letter escapes and `\u` with four hex digits, a surrogate pair as
/// one character; any other escape, and a lone surrogate, refused (None).
/// Hosts often write text with escapes (Python's `json.dumps` escapes every
/// character beyond ASCII), so this is not a rare path.
fn unescape(raw: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    loop {
        // Inside a string only a backslash is special now.
        let plain = special_at(b.get(i..)?);
        out.push_str(raw.get(i..i + plain)?);
        i += plain;
        if i == b.len() {
            return Some(out);
        }
        let escape = *b.get(i + 1)?;
        i += 2;
        let c = match escape {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let (c, len) = unicode_escape(b.get(i..)?)?;
                i += len;
                c
            }
            _ => return None,
        };
        out.push(c);
    }
}

/// The character of a `\u` escape whose hex digits start `b`, and how many
/// bytes it took: four, or ten for a surrogate pair (`D83D\uDE00`).
fn unicode_escape(b: &[u8]) -> Option<(char, usize)> {
    let first = hex4(b.get(..4)?)?;
    match first {
        0xD800..=0xDBFF => {
            if b.get(4..6)? != b"\\u" {
                return None;
            }
            let second = hex4(b.get(6..10)?)?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return None;
            }
            let c = 0x1_0000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            Some((char::from_u32(c)?, 10))
        }
        0xDC00..=0xDFFF => None,
        _ => Some((char::from_u32(first)?, 4)),
    }
}

/// Four hex digits (either case).
fn hex4(digits: &[u8]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
}

/// The index of the first byte of `s` that ends or interrupts a string's
/// plain text (a quote, a backslash or a control character below 0x20), or
/// `s.len()`: eight bytes at a time in a word, as serde_json scans (strings
/// are most of a case's text).
pub fn special_at(s: &[u8]) -> usize {
    let mut at = 0;
    for word in s.chunks_exact(8) {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(word);
        match specials(u64::from_le_bytes(bytes)) {
            0 => at += 8,
            // The lowest flagged byte is always a real match (the tests'
            // borrows only flag bytes above a match).
            bits => return at + bits.trailing_zeros() as usize / 8,
        }
    }
    at + s[at..].iter().position(|&b| is_special(b)).unwrap_or(s.len() - at)
}

fn is_special(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The high bit of each byte of `x` that may be below 0x20, `"` or `\`:
/// the classic "has a byte less than n" word test, on `x` and on `x` with
/// the quote and the backslash turned to zero.
fn specials(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    below(x, 0x20) | below(quote, 1) | below(backslash, 1)
}

/// A number as it would be read by serde_json into a `Value` (for tests).
#[cfg(test)]
fn number_of(text: &str) -> Option<Number> {
    let mut j = Json::new(text);
    let n = j.number()?;
    j.at_end().then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        for text in [
            "0",
            "7",
            "2000",
            "-0",
            "-1",
            "1.5",
            "3e0",
            "3.0",
            "1e400",
            "18446744073709551615",
            "18446744073709551616",
            "9223372036854775808",
            "-9223372036854775809",
            "0.1",
        ] {
            let want = match serde_json::from_str::<Value>(text) {
                Ok(Value::Number(n)) => Some(n),
                _ => None,
            };
            assert_eq!(number_of(text), want, "{text}");
        }
        for bad in ["01", "-", "1.", ".5", "1e", "+1", "--1", "1-"] {
            assert_eq!(number_of(bad), None, "{bad}");
            assert!(serde_json::from_str::<Value>(bad).is_err(), "{bad}");
        }
    }

    /// Every length up to 40 with one byte of each kind at every place, in
    /// text of plain, multi-byte and DEL bytes: the first special byte is
    /// found, in a block or in the tail.
    #[test]
    fn special_bytes_found_at_every_place() {
        let fillers = [b'a', b'/', 0x7f, 0x80, 0xe6, 0xff, b' '];
        let probes: Vec<u8> = (0u8..=0x21).chain([b'"', b'\\', b'/', 0x7f, 0x80, 0xff]).collect();
        for len in 0..40 {
            for &fill in &fillers {
                let plain = vec![fill; len];
                assert_eq!(special_at(&plain), len);
                for at in 0..len {
                    for &p in &probes {
                        let mut s = plain.clone();
                        s[at] = p;
                        let want = if is_special(p) { at } else { len };
                        assert_eq!(special_at(&s), want, "len {len} at {at} byte {p:#x}");
                    }
                }
            }
        }
    }

    /// Escaped strings decode as serde_json decodes them, or are refused
    /// where serde_json refuses them: every escape letter, hex digits of
    /// both cases, pairs, lone and reversed surrogates, truncations.
    #[test]
    fn escapes_decode_as_serde_json_decodes_them() {
        let pieces = [
            "a",
            "é",
            "\\u6f0f\\u6c34",
            "\\\"",
            "\\\\",
            "\\/",
            "\\b",
            "\\f",
            "\\n",
            "\\r",
            "\\t",
            "\\u0069",
            "\\u00E9",
            "\\u6F0f",
            "\\ud83d\\ude00",
            "\\uD83D\\uDE00",
            "\\ud83d",
            "\\ude00",
            "\\ude00\\ud83d",
            "\\ud83d\\u0041",
            "\\ud83d\\ud83d",
            "\\ud83dx",
            "\\ud83d\\n",
            "\\ud83d\\u12",
            "\\u12",
            "\\u12g4",
            "\\u+123",
            "\\x",
            "\\a",
            "\\u0000",
            "\\uffff",
            "\\udbff\\udfff",
            "\\",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for t in [format!("\"{a}{b}\""), format!("\"x{a}y{b}z\"")] {
                    let want = serde_json::from_str::<String>(&t).ok();
                    let mut j = Json::new(&t);
                    let got = j.string().map(Cow::into_owned).filter(|_| j.at_end());
                    assert_eq!(got, want, "{t}");
                    checked += usize::from(want.is_some());
                }
            }
        }
        assert!(checked > 500, "{checked} accepted");
    }

    #[test]
    fn strings_borrowed_or_decoded() {
        fn s(t: &str) -> Option<Cow<'_, str>> {
            Json::new(t).string()
        }
        assert!(matches!(s(r#""abc""#), Some(Cow::Borrowed("abc"))));
        assert_eq!(
            s(r#""a\"b\\c\u0069\ud83d\ude00""#).as_deref(),
            Some("a\"b\\ci\u{1f600}")
        );
        assert_eq!(s("\"a\u{1}b\""), None);
        assert_eq!(s(r#""\ud83d""#), None);
        assert_eq!(s(r#""abc"#), None);
        assert_eq!(s(r#""\"#), None);
    }

    #[test]
    fn values_keep_the_nesting_limit_of_the_whole_text() {
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(Json::new(&deep(127)).value().is_some());
        assert!(Json::new(&deep(128)).value().is_none());
        // Inside 126 open containers, one more level is the last one read.
        let (one, two) = (deep(1), deep(2));
        let mut j = Json::new(&one);
        j.depth = 126;
        assert!(j.value().is_some());
        let mut j = Json::new(&two);
        j.depth = 126;
        assert!(j.value().is_none());
        assert!(Json::new(r#"{"a": 1, "a": 2}"#).value().is_none());
        assert!(Json::new(r#"[1, "]", {"b": "}"}]"#).value().is_some());
    }
}
