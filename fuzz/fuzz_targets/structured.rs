//! Arbitrary specs that parse, to reach the lowering and emitting stages.
#![no_main]

libfuzzer_sys::fuzz_target!(|spec: codegen_fuzz::Spec| {
    codegen_fuzz::generate(&spec.yaml());
});
