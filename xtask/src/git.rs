//! The spec as a commit holds it: the files are read with `git show REV:path`, so a spec of
//! several files joined by relative `$ref`s loads from a revision as it loads from the disk.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The branch whose merge base is the default revision to compare with.
const MAIN: &str = "main";

/// A commit to compare with, and how to name it.
pub struct Revision {
    pub commit: String,
    /// Markdown: "the merge base with `main` (`a657322`)" or "`v0.3.0` (`a657322`)".
    pub label: String,
}

/// The git repository that holds a spec, and the spec's path inside it.
pub struct Repository {
    root: PathBuf,
    /// The spec's root file relative to `root`, with `/` separators.
    pub spec: PathBuf,
}

impl Repository {
    /// The repository that holds `spec`.
    pub fn of(spec: &Path) -> Result<Repository, String> {
        let absolute = spec
            .canonicalize()
            .map_err(|error| format!("cannot read {}: {error}", spec.display()))?;
        let dir = absolute.parent().unwrap_or(Path::new("/"));
        let root = PathBuf::from(git_line(dir, &["rev-parse", "--show-toplevel"])?);
        let root = root.canonicalize().unwrap_or(root);
        let inside = absolute
            .strip_prefix(&root)
            .map_err(|_| format!("{} is not inside {}", spec.display(), root.display()))?;
        Ok(Repository {
            spec: inside.to_path_buf(),
            root,
        })
    }

    /// `base`, or when it is `None` the merge base of `HEAD` with `main` (or `origin/main`).
    pub fn revision(&self, base: Option<&str>) -> Result<Revision, String> {
        if let Some(base) = base {
            let commit = git_line(
                &self.root,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("{base}^{{commit}}"),
                ],
            )
            .map_err(|_| format!("`{base}` names no commit"))?;
            let label = if commit.starts_with(base) {
                format!("`{}`", short(&commit))
            } else {
                format!("`{base}` (`{}`)", short(&commit))
            };
            return Ok(Revision { commit, label });
        }
        for branch in [MAIN.to_owned(), format!("origin/{MAIN}")] {
            if let Ok(commit) = git_line(&self.root, &["merge-base", "HEAD", &branch]) {
                let label = format!("the merge base with `{branch}` (`{}`)", short(&commit));
                return Ok(Revision { commit, label });
            }
        }
        Err(format!(
            "found no merge base of HEAD with `{MAIN}` or `origin/{MAIN}`; name the revision to \
             compare with: --base REV"
        ))
    }

    /// The spec's files as `commit` holds them.
    pub fn files_at<'a>(&'a self, commit: &'a str) -> impl codegen::load::Files + 'a {
        Snapshot {
            repository: self,
            commit,
        }
    }
}

/// The files of one commit. The loader asks for paths relative to the repository's root, as
/// the spec's root file is given to it that way.
struct Snapshot<'a> {
    repository: &'a Repository,
    commit: &'a str,
}

impl codegen::load::Files for Snapshot<'_> {
    fn read(&self, path: &Path) -> io::Result<String> {
        let path = path.to_string_lossy().replace('\\', "/");
        if path.starts_with("../") || Path::new(&path).is_absolute() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "it is outside the repository",
            ));
        }
        let object = format!("{}:{path}", self.commit);
        git(&self.repository.root, &["show", &object]).map_err(|message| {
            // git's own words for a missing path repeat the path and the commit.
            let missing = message.contains("does not exist in") || message.contains("but not in");
            let cause = if missing {
                String::new()
            } else {
                format!(": {message}")
            };
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("not in commit {}{cause}", short(self.commit)),
            )
        })
    }
}

fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// Runs git in `dir` and returns what it printed, or what it said went wrong.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.trim().trim_start_matches("fatal: ").to_owned());
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("git {} printed text that is not UTF-8", args.join(" ")))
}

/// Runs git in `dir` for the one line it prints.
fn git_line(dir: &Path, args: &[&str]) -> Result<String, String> {
    git(dir, args).map(|text| text.trim_end().to_owned())
}
