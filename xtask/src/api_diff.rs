//! `cargo xtask api-diff`: what the change of the spec since a revision does to the crate's
//! users, as the Markdown report of `codegen::diff`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use codegen::diff::{Changes, Version};
use codegen::{Hint, Report};

use crate::cli::ApiDiffArgs;
use crate::git::{Repository, Revision};

pub struct ApiDiff {
    base: Option<String>,
    spec: PathBuf,
}

impl ApiDiff {
    /// The command as it was typed; `matches` tells whether `--spec` was.
    pub fn from_command_line(args: ApiDiffArgs, matches: &ArgMatches) -> ApiDiff {
        ApiDiff {
            base: args.base,
            spec: xtask::path_of(matches, "spec", args.spec),
        }
    }

    pub fn run(self) -> ExitCode {
        match compare(&self.spec, self.base.as_deref()) {
            Ok(compared) => {
                print!(
                    "{}",
                    codegen::diff::markdown(&compared.changes, &compared.base.label, &version())
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        }
    }
}

/// The changes of the spec whose root file is `spec`, from `base` (or the merge base with main)
/// to the files on disk.
pub struct Compared {
    pub changes: Changes,
    pub base: Revision,
}

/// Compares the spec at a revision with the spec on disk; the error is the message to print.
pub fn compare(spec: &Path, base: Option<&str>) -> Result<Compared, String> {
    let new = codegen::model_from(&codegen::load::Disk, spec)
        .map_err(|error| Report(&error).to_string())?;
    let repository = Repository::of(spec).map_err(|message| {
        format!("error: {message}\n  help: the API change report reads the spec's history from git")
    })?;
    let base = repository
        .revision(base)
        .map_err(|message| format!("error: {message}"))?;
    let old = codegen::model_from(&repository.files_at(&base.commit), &repository.spec).map_err(
        |error| {
            format!(
                "error: the spec at {} does not load: {error}\n  help: {}",
                base.label,
                error.hint()
            )
        },
    )?;
    // The warnings are codegen's to print; the comparison reads the models only.
    Ok(Compared {
        changes: codegen::diff::compare(&old.api, &new.api),
        base,
    })
}

/// The version of the crate before the change: the one `codegen` gives it.
pub fn version() -> Version {
    Version::parse(&codegen::EmitOptions::default().crate_version)
        .expect("the default crate version is a semver version")
}
