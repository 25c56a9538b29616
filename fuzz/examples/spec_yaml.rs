//! Prints the YAML spec that an input of the `structured` target stands for, to turn a crash
//! into a regression file: `cargo run --example spec_yaml -- artifacts/structured/crash-...`.

use arbitrary::{Arbitrary, Unstructured};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: spec_yaml <fuzzer input>")?;
    let bytes = std::fs::read(path)?;
    let spec = codegen_fuzz::Spec::arbitrary_take_rest(Unstructured::new(&bytes))?;
    print!("{}", spec.yaml());
    Ok(())
}
