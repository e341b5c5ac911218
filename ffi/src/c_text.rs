//! Text handed to C (result JSON, error JSON, formatted instants) and its
//! release by `plaint_string_free`.
//!
//! A string is a NUL-terminated buffer allocated here; the word before its
//! first byte holds the buffer's capacity. Releasing it then needs neither
//! the text's length (no scan of a batch answer's megabytes) nor a buffer
//! shrunk to that length when it is handed over. The shrink is what this
//! layout avoids: glibc's malloc gives a large block back to the kernel when
//! it is freed, unless a block at least as large was freed before; a batch
//! answer shrunk to its length taught malloc a size smaller than the next
//! call's buffer, which then came fresh from the kernel, each 4 KiB page at
//! the cost of a page fault (a third of a batch line's CPU time, measured:
//! docs/performance.md). Handed over at its capacity, the buffer of one call
//! is the memory of the next.

use std::ffi::c_char;
use std::mem::ManuallyDrop;
use std::ptr;

/// The bytes before the text: the buffer's capacity, native endian.
const HEADER: usize = size_of::<usize>();

/// Text being written for C. Writers append to [`CText::bytes`]; only this
/// module reads or writes the header in front of the text.
pub(crate) struct CText(Vec<u8>);

impl CText {
    /// An empty text with room for `n` bytes (and its NUL).
    pub(crate) fn with_capacity(n: usize) -> CText {
        let mut buf = Vec::with_capacity(n.saturating_add(HEADER + 1));
        buf.extend_from_slice(&[0; HEADER]);
        CText(buf)
    }

    /// A copy of `text`, which must not hold a NUL byte.
    pub(crate) fn copy_of(text: &[u8]) -> CText {
        let mut t = CText::with_capacity(text.len());
        t.0.extend_from_slice(text);
        t
    }

    /// The buffer to append text to. Its first bytes are the header: a
    /// writer appends, or truncates back to a length it saw, never below.
    pub(crate) fn bytes(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }

    /// Room for `n` more bytes, if memory allows (the buffer grows anyway
    /// as text is appended).
    pub(crate) fn reserve(&mut self, n: usize) {
        let _ = self.0.try_reserve(n);
    }

    /// The length of the text.
    pub(crate) fn len(&self) -> usize {
        self.0.len() - HEADER
    }

    /// The text, NUL-terminated, owned by the caller until
    /// `plaint_string_free`. The text must hold no NUL byte: JSON text
    /// written by this library cannot (control characters are escaped, and
    /// UTF-8's only zero byte is U+0000); debug builds check.
    pub(crate) fn into_raw(self) -> *mut c_char {
        let mut buf = self.0;
        debug_assert!(buf.len() >= HEADER, "a writer cut into the header");
        debug_assert!(!buf[HEADER..].contains(&0), "text with a NUL byte");
        buf.push(0);
        let capacity = buf.capacity();
        buf[..HEADER].copy_from_slice(&capacity.to_ne_bytes());
        let mut buf = ManuallyDrop::new(buf);
        // SAFETY: the buffer holds the header, so HEADER is in bounds.
        unsafe { buf.as_mut_ptr().add(HEADER) }.cast()
    }
}

/// Release a string from [`CText::into_raw`]; NULL does nothing.
///
/// # Safety
/// `p` is NULL or a string from `CText::into_raw` not yet released.
pub(crate) unsafe fn release(p: *mut c_char) {
    if p.is_null() {
        return;
    }
    // SAFETY: `p` is HEADER bytes into a buffer of this module, whose header
    // holds the capacity it was allocated with (the caller's promise).
    unsafe {
        let start = p.cast::<u8>().sub(HEADER);
        let capacity = ptr::read_unaligned(start.cast::<usize>());
        drop(Vec::from_raw_parts(start, 0, capacity));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn text_round_trips_and_is_released() {
        for text in ["", "{}", "{\"a\":\"漏水\"}"] {
            let mut t = CText::with_capacity(1);
            t.bytes().extend_from_slice(text.as_bytes());
            assert_eq!(t.len(), text.len());
            let p = t.into_raw();
            // SAFETY: `p` is a live NUL-terminated string from `into_raw`.
            assert_eq!(unsafe { CStr::from_ptr(p) }.to_str(), Ok(text));
            // SAFETY: released once.
            unsafe { release(p) };
        }
        let p = CText::copy_of(b"2026-09-24T16:00:00+08:00").into_raw();
        // SAFETY: as above.
        assert_eq!(unsafe { CStr::from_ptr(p) }.to_bytes(), b"2026-09-24T16:00:00+08:00");
        // SAFETY: released once.
        unsafe { release(p) };
        // SAFETY: NULL is accepted.
        unsafe { release(ptr::null_mut()) };
    }
}
