//! Putting the generated files in place without losing anything.
//!
//! Everything is generated in memory first; only then are the files that changed written, into a
//! temporary directory beside the output, and moved into place. Files that did not change are not
//! touched (their timestamps stay, so cargo does not rebuild them). Generated files the spec no
//! longer produces are removed; a file without the generated header belongs to someone else and
//! stops the run instead.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::{GENERATED_MARKER, GeneratedFile};

/// What writing the files would change.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files that are new or whose contents change.
    pub write: Vec<PathBuf>,
    /// Generated files that the spec no longer produces.
    pub remove: Vec<PathBuf>,
    /// How many files are already as they should be.
    pub unchanged: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.write.is_empty() && self.remove.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} is in the output directory but was not generated (its first line has no generated-file header)", .path.display())]
    Foreign { path: PathBuf },
}

impl crate::Hint for WriteError {
    fn hint(&self) -> &'static str {
        match self {
            WriteError::Io { .. } => "check that the output directory can be read and written",
            WriteError::Foreign { .. } => {
                "move the file out of the output directory: the generator owns that directory and would delete it"
            }
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Compares `files` with what is in `out`.
pub fn plan(out: &Path, files: &[GeneratedFile]) -> Result<Plan, WriteError> {
    let mut plan = Plan::default();
    for file in files {
        let target = out.join(&file.path);
        match fs::read(&target) {
            Ok(existing) if existing == file.contents.as_bytes() => plan.unchanged += 1,
            Ok(_) => plan.write.push(file.path.clone()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                plan.write.push(file.path.clone())
            }
            Err(error) => return Err(io_error(&target)(error)),
        }
    }
    let mut existing = Vec::new();
    if out.exists() {
        list(out, Path::new(""), &mut existing)?;
    }
    existing.sort();
    let generated: HashSet<&Path> = files.iter().map(|file| file.path.as_path()).collect();
    for path in existing {
        if generated.contains(path.as_path()) {
            continue;
        }
        let full = out.join(&path);
        let text = fs::read(&full).map_err(io_error(&full))?;
        let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
        if !String::from_utf8_lossy(first_line).contains(GENERATED_MARKER) {
            return Err(WriteError::Foreign { path: full });
        }
        plan.remove.push(path);
    }
    Ok(plan)
}

/// Every file below `dir`, relative to the output root.
fn list(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), WriteError> {
    let full = root.join(dir);
    for entry in fs::read_dir(&full).map_err(io_error(&full))? {
        let entry = entry.map_err(io_error(&full))?;
        let relative = dir.join(entry.file_name());
        let kind = entry.file_type().map_err(io_error(&entry.path()))?;
        if kind.is_dir() {
            list(root, &relative, out)?;
        } else {
            out.push(relative);
        }
    }
    Ok(())
}

/// Makes `out` hold exactly `files`, as `plan` says. Returns the plan it carried out.
pub fn write(out: &Path, files: &[GeneratedFile]) -> Result<Plan, WriteError> {
    let plan = plan(out, files)?;
    if plan.is_empty() {
        return Ok(plan);
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_error(parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    let contents: HashMap<&Path, &str> = files
        .iter()
        .map(|file| (file.path.as_path(), file.contents.as_str()))
        .collect();
    // Every new content is on disk before anything in `out` changes.
    for path in &plan.write {
        let contents = contents[path.as_path()];
        let staged = staging.path().join(path);
        if let Some(dir) = staged.parent() {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        fs::write(&staged, contents).map_err(io_error(&staged))?;
    }
    for path in &plan.write {
        let target = out.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        fs::rename(staging.path().join(path), &target).map_err(io_error(&target))?;
    }
    for path in &plan.remove {
        let target = out.join(path);
        fs::remove_file(&target).map_err(io_error(&target))?;
        remove_empty_parents(out, &target);
    }
    Ok(plan)
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == out || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(path),
            contents: format!("// Generated by `test` from t. Do not edit.\n{contents}"),
        }
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        let first = [
            file("src/a.rs", "a"),
            file("src/old/b.rs", "b"),
            file("keep.rs", "k"),
        ];
        let plan = write(&out, &first).unwrap();
        assert_eq!(plan.write.len(), 3);

        let old = SystemTime::now() - Duration::from_secs(3600);
        let keep = fs::File::options()
            .write(true)
            .open(out.join("keep.rs"))
            .unwrap();
        keep.set_modified(old).unwrap();

        let second = [file("src/a.rs", "a2"), file("keep.rs", "k")];
        let plan = write(&out, &second).unwrap();
        assert_eq!(plan.write, [PathBuf::from("src/a.rs")]);
        assert_eq!(plan.remove, [PathBuf::from("src/old/b.rs")]);
        assert_eq!(plan.unchanged, 1);
        assert!(!out.join("src/old").exists(), "emptied directories go too");
        assert_eq!(
            fs::metadata(out.join("keep.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            old
        );
        assert!(
            fs::read_to_string(out.join("src/a.rs"))
                .unwrap()
                .ends_with("a2")
        );
        // Nothing is left beside the output.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_without_the_header_stops_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.md"), "mine").unwrap();
        let error = write(&out, &[file("src/a.rs", "a")]).unwrap_err();
        assert!(matches!(error, WriteError::Foreign { .. }), "{error}");
        assert!(
            !out.join("src/a.rs").exists(),
            "nothing is written when the plan fails"
        );
        assert_eq!(fs::read_to_string(out.join("notes.md")).unwrap(), "mine");
    }
}
