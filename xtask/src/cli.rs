//! The command line of `cargo xtask`, on clap: `--help` on every command lists its flags with
//! their defaults, and a mistyped flag or command gets a suggestion. The measuring commands are
//! listed here and parsed by the `measure` crate, which they are handed to whole.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use xtask::{CRATE_NAME, OUT, RuntimeMode, SPEC, about};

/// Paths on the command line are read from the directory the command runs in; the defaults name
/// the workspace's own files. Generated files name the spec and the output directory relative to
/// the workspace, or by their last component when they are outside it, so that no machine's path
/// ends up in them.
const PATHS: &str = "\
Paths on the command line are read from the directory the command runs in; the defaults name the
workspace's own files. Generated files name the spec and the output directory relative to the
workspace, or by their last component when they are outside it, so that no machine's path ends
up in them.";

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "The project's commands: generate a client crate from an OpenAPI spec, review a \
             spec change, measure the generator.",
    after_help = PATHS,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerates a client crate from a spec (by default generated/ from spec/openapi.yaml)
    ///
    /// When it changes the crate, it also prints a line on what the change of the spec does to
    /// the crate's users (see api-diff).
    Codegen(CodegenArgs),
    /// Regenerates the test corpus: a crate in tests/generated/NAME/ for each spec
    /// tests/specs/NAME.yaml
    Corpus {
        /// Write nothing; fail if a crate differs from what its spec gives
        #[arg(long)]
        check: bool,
    },
    /// Prints, in Markdown, what the spec's change since a git revision does to code that uses
    /// the generated crate
    ///
    /// Each change is marked breaking, additive or docs, and the report ends with the semver
    /// release they call for.
    ApiDiff(ApiDiffArgs),
    #[command(about = about::CHECK_DOCS)]
    CheckDocs(Measured),
    #[command(about = about::SWEEP)]
    Sweep(Measured),
    #[command(about = about::SWEEP_ONE)]
    SweepOne(Measured),
    #[command(about = about::BENCH)]
    Bench(Measured),
}

// The arguments of a measuring command, handed to the `measure` crate as they were typed: it
// parses them, and answers `--help` with its own flags.
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct Measured {
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CodegenArgs {
    /// Write nothing; fail if the output differs from what the spec gives
    #[arg(long)]
    pub check: bool,
    /// Treat the spec's warnings as errors: write nothing and fail
    #[arg(long)]
    pub deny_warnings: bool,
    /// The root file of the spec
    #[arg(long, value_name = "PATH", default_value = SPEC)]
    pub spec: PathBuf,
    /// The crate directory to write
    #[arg(long, value_name = "DIR", default_value = OUT)]
    pub out: PathBuf,
    /// The package name of the crate
    #[arg(long, value_name = "NAME", default_value = CRATE_NAME)]
    pub crate_name: String,
    /// How the crate gets the runtime [default: crate inside the workspace, vendored outside it]
    #[arg(long, value_name = "MODE", value_enum)]
    pub runtime: Option<RuntimeMode>,
    /// The command-line tool, the crate in DIR/cli [default: do-api, or with --crate-name, that
    /// name without its -api]
    #[arg(long, value_name = "NAME")]
    pub cli_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ApiDiffArgs {
    /// The revision to compare with [default: the merge base of HEAD with main]
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The root file of the spec
    #[arg(long, value_name = "PATH", default_value = SPEC)]
    pub spec: PathBuf,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use clap::error::ErrorKind;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_defaults_are_the_projects_own_crate() {
        let defaults = xtask::project_options();
        assert_eq!(SPEC, defaults.spec_display);
        assert_eq!(CRATE_NAME, defaults.crate_name);
        assert_eq!(defaults.cli_name(), "do-api");
    }

    #[test]
    fn a_mistyped_flag_is_refused_with_a_suggestion() {
        let error = Cli::try_parse_from(["cargo xtask", "codegen", "--chek"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnknownArgument);
        let message = error.to_string();
        assert!(message.contains("'--chek'"), "{message}");
        assert!(
            message.contains("similar argument exists: '--check'"),
            "{message}"
        );

        let error = Cli::try_parse_from(["cargo xtask", "codgen"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidSubcommand);
        assert!(
            error
                .to_string()
                .contains("similar subcommand exists: 'codegen'")
        );
    }

    #[test]
    fn help_is_an_answer_not_an_error() {
        let help = Cli::try_parse_from(["cargo xtask", "codegen", "--help"]).unwrap_err();
        assert_eq!(help.kind(), ErrorKind::DisplayHelp);
        let text = help.to_string();
        assert!(text.contains("[default: spec/openapi.yaml]"), "{text}");
        assert!(text.contains("--deny-warnings"), "{text}");
    }

    #[test]
    fn a_measuring_command_takes_its_arguments_whole() {
        let cli = Cli::try_parse_from(["cargo xtask", "sweep", "--help", "--spec", "x"]).unwrap();
        match cli.command {
            Command::Sweep(measured) => assert_eq!(measured.args, ["--help", "--spec", "x"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_typed_flags_keep_their_order() {
        let matches = Cli::command()
            .try_get_matches_from([
                "cargo xtask",
                "codegen",
                "--out",
                "o",
                "--check",
                "--spec",
                "s",
            ])
            .unwrap();
        let (_, codegen) = matches.subcommand().unwrap();
        assert_eq!(
            xtask::typed(codegen, &["spec", "out", "crate_name"]),
            ["out", "spec"]
        );
    }
}
