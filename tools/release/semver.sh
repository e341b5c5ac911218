#!/usr/bin/env bash
# The Rust API of plaint-core against the newest release tag (v*):
# cargo-semver-checks (pinned, installed into .tools on first use) fails on
# a breaking change that the version number does not announce. Before the
# first release there is nothing to compare with: the check says so and
# passes, and starts to run with the first `git tag vX.Y.Z`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
version=0.51.0
tag="$(git tag --list 'v*' --sort=-v:refname | head -n 1)"
if [ -z "$tag" ]; then
    echo "semver-check: no release tag (v*) yet; plaint-core is compared with the newest one once it exists"
    exit 0
fi
export PATH="$root/.tools/bin:$PATH"
if [ "$(cargo-semver-checks --version 2>/dev/null)" != "cargo-semver-checks $version" ]; then
    echo "== installing cargo-semver-checks $version into .tools (a few minutes, once)"
    cargo install cargo-semver-checks --version "$version" --locked --root "$root/.tools"
fi
echo "== semver-check: plaint-core against $tag"
cargo semver-checks check-release -p plaint-core --baseline-rev "$tag"
