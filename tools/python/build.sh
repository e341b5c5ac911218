#!/usr/bin/env bash
# Build the plaint wheel with maturin (abi3, Python >= 3.9, manylinux) and
# install it into .venv-py.
#   tools/python/build.sh [PROFILE]
# PROFILE: release (default; thin LTO, one codegen unit: benchmarks and
# published wheels) or wheel-test (no LTO, parallel codegen: what make test
# builds and tests). The build uses its own target directory,
# bindings/python/target (bindings/python/.cargo/config.toml), and the
# wheel lands in bindings/python/target/wheels-PROFILE.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
profile="${1:-release}"
venv="$(bash "$root/tools/python/venv.sh")"
wheels="$root/bindings/python/target/wheels-$profile"
rm -rf "$wheels"
mkdir -p "$wheels"
# manylinux_2_17 (manylinux2014): zig links against glibc 2.17, so the
# wheel loads on any Linux of the last decade, not only on glibc >= this
# machine's. --auditwheel check: fail rather than tag a wheel that needs a
# library the policy does not allow.
(cd "$root/bindings/python" && PATH="$venv/bin:$PATH" "$venv/bin/maturin" build --profile "$profile" --locked \
    --zig --compatibility manylinux2014 --auditwheel check -o "$wheels" -q)
"$venv/bin/python" -m pip install --disable-pip-version-check -q --force-reinstall --no-deps "$wheels"/plaint-*.whl
