//! The paths of the command line. A path a user types is read from the directory the command
//! runs in, as with any command line tool; the defaults name the workspace's own files. The
//! commands then work from the workspace root, so a path inside the workspace is kept relative to
//! it, the form that errors, messages and generated files show.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// The directory the command was started in, before it entered the workspace.
static STARTED_IN: OnceLock<PathBuf> = OnceLock::new();

/// Remembers where the command was started; call it first thing, before the directory changes.
pub fn remember_start() {
    if let Ok(dir) = std::env::current_dir() {
        let _ = STARTED_IN.set(dir);
    }
}

/// A path typed on the command line, as the commands use it from the workspace root: relative to
/// the root when it is inside the workspace, absolute otherwise.
pub fn from_command_line(given: impl AsRef<Path>) -> PathBuf {
    let started_in = STARTED_IN
        .get()
        .cloned()
        .unwrap_or_else(|| crate::workspace().to_path_buf());
    resolve(&started_in, &root(), given.as_ref())
}

/// How a path from [`from_command_line`] is named in generated files: relative to the workspace
/// root when it is inside it; otherwise only its last component, since the rest of it says where
/// it sat on one machine. Either way the same command gives the same bytes on every machine.
pub fn shown(path: &Path) -> String {
    let shown = if path.is_absolute() {
        path.file_name()
            .map_or_else(|| path.to_string_lossy(), |name| name.to_string_lossy())
    } else {
        path.to_string_lossy()
    };
    shown.replace('\\', "/")
}

/// The path of the directory `to` from the directory `from`, both absolute (`../runtime`).
pub fn relative(from: &Path, to: &Path) -> String {
    let (from, to) = (normalize(from), normalize(to));
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// The workspace root as the system names it (symbolic links resolved, as in the directory the
/// command was started in).
pub fn root() -> PathBuf {
    let root = crate::workspace();
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// `given` read from `started_in`, then made relative to `root` when it is inside it.
fn resolve(started_in: &Path, root: &Path, given: &Path) -> PathBuf {
    let absolute = normalize(&started_in.join(given));
    match absolute.strip_prefix(root) {
        Ok(inside) if inside.as_os_str().is_empty() => PathBuf::from("."),
        Ok(inside) => inside.to_path_buf(),
        Err(_) => absolute,
    }
}

/// `path` without `.` and with each `..` taken back, without asking the file system (the output
/// directory need not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    normal.push(component);
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_from_where_the_command_runs_and_kept_relative_to_the_workspace() {
        let root = Path::new("/home/me/generator");
        let read = |started_in: &str, given: &str| {
            resolve(Path::new(started_in), root, Path::new(given))
                .display()
                .to_string()
        };
        assert_eq!(
            read("/home/me/generator", "spec/openapi.yaml"),
            "spec/openapi.yaml"
        );
        assert_eq!(
            read("/home/me/generator/tests", "specs/petstore.yaml"),
            "tests/specs/petstore.yaml"
        );
        assert_eq!(
            read("/home/me/generator/tests", "../generated"),
            "generated"
        );
        assert_eq!(read("/home/me/generator/tests", ".."), ".");
        assert_eq!(
            read("/home/me/generator", "../clients/./pets"),
            "/home/me/clients/pets"
        );
        assert_eq!(read("/home/me/generator", "/tmp/x/"), "/tmp/x");
    }

    #[test]
    fn generated_files_name_paths_without_the_machine() {
        assert_eq!(
            shown(Path::new("tests/specs/petstore.yaml")),
            "tests/specs/petstore.yaml"
        );
        assert_eq!(shown(Path::new("/home/me/clients/pets")), "pets");
        assert_eq!(shown(Path::new("/tmp/specs/pets.yaml")), "pets.yaml");
    }

    #[test]
    fn relative_paths_go_up_then_down() {
        let relative = |from: &str, to: &str| relative(Path::new(from), Path::new(to));
        assert_eq!(relative("/w/generated", "/w/runtime"), "../runtime");
        assert_eq!(
            relative("/home/me/clients/pets", "/home/me/generator/runtime"),
            "../../generator/runtime"
        );
        assert_eq!(relative("/w/runtime", "/w/runtime"), ".");
    }
}
