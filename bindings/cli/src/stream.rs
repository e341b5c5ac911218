//! `plaint deadline --jsonl`: one JSON request per input line, one result
//! line per input line, in order. A bad line never stops the stream.

use plaint_core::api::DeadlineRequest;
use plaint_core::{Calendar, Code, Error};
use std::io::{self, BufRead, Write};

/// What a stream processed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub lines: u64,
    pub ok: u64,
    pub errors: u64,
}

/// Read request lines `{"start", "clock", "amount", "end"?, "roll"?}` and
/// write `{"due_at": "..."}` or `{"error": {"code": "...", "message": "..."}}`
/// for each. Output is flushed whenever the input has no more buffered data,
/// so a co-process that writes one line and waits gets its answer.
pub fn deadline_stream(cal: &Calendar, mut input: impl BufRead, mut output: impl Write) -> io::Result<Stats> {
    let mut stats = Stats::default();
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if !carry.is_empty() {
                one_line(cal, &carry, &mut output, &mut stats)?;
            }
            break;
        }
        let n = buf.len();
        let mut rest = buf;
        while let Some(pos) = rest.iter().position(|&b| b == b'\n') {
            let line = &rest[..pos];
            if carry.is_empty() {
                one_line(cal, line, &mut output, &mut stats)?;
            } else {
                carry.extend_from_slice(line);
                one_line(cal, &carry, &mut output, &mut stats)?;
                carry.clear();
            }
            rest = &rest[pos + 1..];
        }
        carry.extend_from_slice(rest);
        input.consume(n);
        output.flush()?;
    }
    output.flush()?;
    Ok(stats)
}

fn one_line(cal: &Calendar, line: &[u8], out: &mut impl Write, stats: &mut Stats) -> io::Result<()> {
    stats.lines += 1;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let result = match std::str::from_utf8(line) {
        Ok(text) => DeadlineRequest::from_json(text).and_then(|req| cal.add(req.start, &req.span)),
        Err(e) => Err(Error::new(
            Code::InvalidJson,
            "",
            format!("invalid JSON: the line is not UTF-8 ({e})"),
        )),
    };
    match result {
        Ok(due) => {
            stats.ok += 1;
            // An RFC 3339 string needs no JSON escaping.
            out.write_all(b"{\"due_at\":\"")?;
            out.write_all(cal.format(due).as_bytes())?;
            out.write_all(b"\"}\n")
        }
        Err(e) => {
            stats.errors += 1;
            out.write_all(b"{\"error\":{\"code\":\"")?;
            out.write_all(e.code().as_str().as_bytes())?;
            out.write_all(b"\",\"message\":")?;
            serde_json::to_writer(&mut *out, &e.to_string()).map_err(io::Error::from)?;
            out.write_all(b"}}\n")
        }
    }
}
