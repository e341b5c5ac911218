//! `uniffi-bindgen` pinned to the workspace's uniffi: see tools/uniffi/bindings.sh.
fn main() {
    uniffi::uniffi_bindgen_main()
}
