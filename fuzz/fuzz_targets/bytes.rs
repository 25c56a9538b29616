//! Arbitrary bytes as a spec file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    codegen_fuzz::generate(&String::from_utf8_lossy(data));
});
