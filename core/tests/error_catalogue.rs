//! docs/errors.md is generated from `plaint_core::Code` (meaning and example
//! of every code) and checked here, so it cannot drift. Regenerate with
//! `make errors` (PLAINT_BLESS=1 cargo test -p plaint-core --test error_catalogue).

use plaint_core::Code;
use std::path::Path;

fn catalogue() -> String {
    let mut s = String::from(
        "# Error codes\n\n\
         Every error plaint reports carries one of these stable codes (codes are API:\n\
         never renamed or reused) and, for input problems, an RFC 6901 JSON path.\n\
         Generated from `core/src/error.rs` by `make errors`; `make test` fails when\n\
         this file is stale.\n\n\
         | code | meaning | example message |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        let example = code.example().replace('|', "\\|");
        s.push_str(&format!(
            "| `{}` | {} | `{}` |\n",
            code.as_str(),
            code.meaning(),
            example
        ));
    }
    s
}

#[test]
fn errors_md_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md");
    let want = catalogue();
    if std::env::var_os("PLAINT_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/errors.md is stale: run `make errors`");
}

#[test]
fn codes_round_trip_and_are_unique() {
    let mut seen = std::collections::BTreeSet::new();
    for code in Code::ALL {
        assert!(seen.insert(code.as_str()), "duplicate code {}", code.as_str());
        assert_eq!(Code::from_code(code.as_str()), Some(*code));
        assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    }
}
