# Shared by tools/ffi/*.sh: paths, the pinned cbindgen, idempotent installs.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CARGO="${CARGO:-cargo}"
CBINDGEN_VERSION=0.29.4
CBINDGEN="$ROOT/.tools/bin/cbindgen"
# The version of the workspace (ffi/Cargo.toml inherits it) and of the C ABI.
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)"
ABI="$(sed -n 's/^pub const PLAINT_ABI_VERSION: u32 = \([0-9]*\);/\1/p' "$ROOT/ffi/src/lib.rs")"
# What linking the staticlib needs (`cargo rustc -p plaint-ffi --lib --crate-type
# staticlib -- --print native-static-libs` on Linux).
NATIVE_LIBS="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

ensure_cbindgen() {
    if [[ -x "$CBINDGEN" ]] && [[ "$("$CBINDGEN" --version)" == "cbindgen $CBINDGEN_VERSION" ]]; then
        return
    fi
    echo "== installing cbindgen $CBINDGEN_VERSION into .tools (about 2.5 min, once)" >&2
    "$CARGO" install cbindgen --version "$CBINDGEN_VERSION" --locked --root "$ROOT/.tools" --quiet
}

# ensure_tool COMMAND DEBIAN_PACKAGE: apt-get install only when missing.
ensure_tool() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "== installing $2 (for $1)" >&2
        local sudo=""
        [[ "$(id -u)" == 0 ]] || sudo="sudo"
        $sudo apt-get install -y -q "$2" >/dev/null 2>&1 ||
            { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$2" >/dev/null; }
    fi
}

generate_header() { # generate_header OUTPUT
    ensure_cbindgen
    (cd "$ROOT" && "$CBINDGEN" --quiet --config ffi/cbindgen.toml --crate plaint-ffi --output "$1" ffi)
}

build_lib() {
    (cd "$ROOT" && "$CARGO" build --quiet --release --locked -p plaint-ffi --lib)
}
