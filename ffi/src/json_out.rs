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
/// and up), DEL and U+2028 are written as they are. Sixteen bytes at a
/// time with SSE2 (part of every x86_64 processor), else eight at a time in
/// a word; strings are most of an assessment's text.
pub(crate) fn needs_escape(s: &[u8]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if s.len() >= 16 {
        return sse2::needs_escape(s);
    }
    words_need_escape(s)
}

/// `needs_escape` eight bytes at a time; the tail is covered by the last
/// eight bytes (overlapping the words already read) rather than copied out.
/// The case reader's scan (`json_scan::special_at` in the core) tests bytes
/// the same way but finds where; calling it here instead cost about 0.8% of
/// an assessment call (callgrind), most strings of a result being short.
fn words_need_escape(s: &[u8]) -> bool {
    if s.len() < 8 {
        return s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    }
    let mut found = false;
    for word in s.chunks_exact(8) {
        found |= word_needs_escape(word);
    }
    found | word_needs_escape(&s[s.len() - 8..])
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// `needs_escape` for at least 16 bytes: each block of 16 compared at
    /// once, the tail covered by the last 16 bytes (overlapping).
    pub(super) fn needs_escape(s: &[u8]) -> bool {
        debug_assert!(s.len() >= 16);
        let mut found = 0;
        for block in s.chunks_exact(16) {
            found |= escapes(block);
        }
        found | escapes(&s[s.len() - 16..]) != 0
    }

    /// One bit per byte of `block` (16 bytes) that is below 0x20, `"` or `\`.
    fn escapes(block: &[u8]) -> i32 {
        assert_eq!(block.len(), 16);
        // SAFETY: SSE2 is part of the x86_64 baseline; the load is unaligned
        // and reads the 16 bytes of `block`.
        unsafe {
            let x = _mm_loadu_si128(block.as_ptr().cast());
            // Unsigned x <= 0x1f exactly when min(x, 0x1f) == x.
            let control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
            let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash)))
        }
    }
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

#[cfg(test)]
mod tests {
    /// serde_json's rule, byte by byte.
    fn escaped(b: u8) -> bool {
        b < 0x20 || b == b'"' || b == b'\\'
    }

    /// Every length up to 40 with one byte of each kind at every place, in
    /// text of plain, multi-byte and DEL bytes: both scans agree with the
    /// rule, so a byte in a tail or an overlap is never missed.
    #[test]
    fn the_scans_find_an_escaped_byte_at_every_place() {
        let fillers = [b'a', b'/', 0x7f, 0x80, 0xe6, 0xff, b' '];
        let probes: Vec<u8> = (0u8..=0x21).chain([b'"', b'\\', b'/', 0x7f, 0x80, 0xff]).collect();
        for len in 0..40 {
            for &fill in &fillers {
                let plain = vec![fill; len];
                assert!(!super::needs_escape(&plain) && !super::words_need_escape(&plain));
                for at in 0..len {
                    for &p in &probes {
                        let mut s = plain.clone();
                        s[at] = p;
                        assert_eq!(super::needs_escape(&s), escaped(p), "len {len} at {at} byte {p:#x}");
                        assert_eq!(
                            super::words_need_escape(&s),
                            escaped(p),
                            "len {len} at {at} byte {p:#x}"
                        );
                    }
                }
            }
        }
    }
}
