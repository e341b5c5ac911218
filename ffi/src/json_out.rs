//! The leaves of JSON text (strings, integers, instants, codes), appended to
//! a byte buffer exactly as serde_json writes them, without going through a
//! serde `Serializer`: the C ABI's results are mostly leaves, and writing
//! them one call at a time through serde cost more than the assessment.

use plaint_core::Stamp;
use plaint_core::decode::FromCode;

/// A string: the text in quotes when nothing in it needs escaping (the
/// common case, copied as a block), else serde_json's escaping.
pub(crate) fn str(out: &mut Vec<u8>, s: &str) {
    if needs_escape(s.as_bytes()) {
        return escaped(out, s);
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A string with characters to escape: rare (messages quoting input), so
/// kept out of line.
#[cold]
#[inline(never)]
fn escaped(out: &mut Vec<u8>, s: &str) {
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// A string, or null.
pub(crate) fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => str(out, s),
        None => null(out),
    }
}

/// An enum's code: a snake_case literal of the model (`tests/json_text.rs`
/// checks that none needs escaping), written without the check.
pub(crate) fn code<T: FromCode>(out: &mut Vec<u8>, v: T) {
    let c = v.code();
    out.reserve(c.len() + 2);
    out.push(b'"');
    out.extend_from_slice(c.as_bytes());
    out.push(b'"');
}

/// An enum's code, or null.
pub(crate) fn opt_code<T: FromCode>(out: &mut Vec<u8>, v: Option<T>) {
    match v {
        Some(v) => code(out, v),
        None => null(out),
    }
}

/// An instant's RFC 3339 text (digits and punctuation: nothing to escape).
pub(crate) fn stamp(out: &mut Vec<u8>, s: &Stamp) {
    let text = s.rfc3339();
    out.reserve(text.as_bytes().len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// An instant, or null.
pub(crate) fn opt_stamp(out: &mut Vec<u8>, s: Option<&Stamp>) {
    match s {
        Some(s) => stamp(out, s),
        None => null(out),
    }
}

/// An integer, as serde_json (itoa) writes it: decimal digits, a leading
/// minus when negative.
pub(crate) fn int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    uint(out, n.unsigned_abs());
}

/// An integer, or null.
pub(crate) fn opt_int(out: &mut Vec<u8>, n: Option<i64>) {
    match n {
        Some(n) => int(out, n),
        None => null(out),
    }
}

/// A non-negative integer.
pub(crate) fn uint(out: &mut Vec<u8>, mut n: u64) {
    // Most numbers of a result are one digit (zero pauses and extensions).
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

pub(crate) fn bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

pub(crate) fn null(out: &mut Vec<u8>) {
    out.extend_from_slice(b"null");
}

/// Whether serde_json escapes any byte of `s`: a quote, a backslash or a
/// control character (below 0x20); bytes of multi-byte characters (0x80
/// and up), DEL and U+2028 are written as they are. Eight bytes at a time;
/// the tail is covered by the last eight bytes (overlapping the words
/// already read) rather than copied out.
pub(crate) fn needs_escape(s: &[u8]) -> bool {
    if s.len() < 8 {
        return s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    }
    let mut found = false;
    for word in s.chunks_exact(8) {
        found |= word_needs_escape(word);
    }
    found | word_needs_escape(&s[s.len() - 8..])
}

/// Whether any of the 8 bytes of `word` is below 0x20, `"` or `\`: the
/// classic "has a byte less than n" and "has a zero byte" word tests, which
/// are exact for whether any byte matches.
fn word_needs_escape(word: &[u8]) -> bool {
    let mut bytes = [0; 8];
    bytes.copy_from_slice(word);
    let x = u64::from_le_bytes(bytes);
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    below(x, 0x20) | below(quote, 1) | below(backslash, 1) != 0
}
