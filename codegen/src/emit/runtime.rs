//! The hand-written runtime, copied into every generated crate as `src/runtime/`.

use std::path::PathBuf;

use super::GeneratedFile;

/// The runtime's files, read at compile time so that the generator carries them.
const FILES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("pages.rs", include_str!("../../runtime/pages.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("wire.rs", include_str!("../../runtime/wire.rs")),
];

pub(crate) fn files(header: &str) -> Vec<GeneratedFile> {
    FILES
        .iter()
        .map(|(name, text)| GeneratedFile {
            path: PathBuf::from(format!("src/runtime/{name}")),
            contents: format!("{header} Copied from codegen/runtime/{name}.\n{text}"),
        })
        .collect()
}
