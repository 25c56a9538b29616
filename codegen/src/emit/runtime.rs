//! The hand-written runtime, copied into every generated crate as `src/runtime/`.

use std::path::PathBuf;

use super::GeneratedFile;

/// The runtime's files, read at compile time so that the generator carries them: where each is
/// written in the generated crate, and its source in `runtime/src/`.
const FILES: &[(&str, &str, &str)] = &[
    (
        "client.rs",
        "client.rs",
        include_str!("../../../runtime/src/client.rs"),
    ),
    (
        "error.rs",
        "error.rs",
        include_str!("../../../runtime/src/error.rs"),
    ),
    (
        "mod.rs",
        "lib.rs",
        include_str!("../../../runtime/src/lib.rs"),
    ),
    (
        "pages.rs",
        "pages.rs",
        include_str!("../../../runtime/src/pages.rs"),
    ),
    (
        "request.rs",
        "request.rs",
        include_str!("../../../runtime/src/request.rs"),
    ),
    (
        "response.rs",
        "response.rs",
        include_str!("../../../runtime/src/response.rs"),
    ),
    (
        "retry.rs",
        "retry.rs",
        include_str!("../../../runtime/src/retry.rs"),
    ),
    (
        "wire.rs",
        "wire.rs",
        include_str!("../../../runtime/src/wire.rs"),
    ),
];

pub(crate) fn files(header: &str) -> Vec<GeneratedFile> {
    FILES
        .iter()
        .map(|(name, source, text)| GeneratedFile {
            path: PathBuf::from(format!("src/runtime/{name}")),
            contents: format!("{header} Copied from runtime/src/{source}.\n{text}"),
        })
        .collect()
}
