//! Progress of a long run (the sweep takes hours, the bench tens of minutes). On a terminal it is
//! a bar with the item at work and the time left; when the output is not a terminal (a log, a
//! pipe), it is plain lines, so that the log reads in order and holds no control characters.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
    /// What is counted, in the plain lines: `generated`, `checked`...
    verb: &'static str,
    /// A plain line every so many items (and for the last one).
    every: u64,
}

impl Progress {
    /// A run of `total` items; without a terminal, a line every `every` of them.
    pub fn new(verb: &'static str, total: usize, every: u64) -> Progress {
        let total = total as u64;
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix} {bar:30} {pos}/{len} [{elapsed}, {eta} left] {wide_msg}",
                )
                .expect("the template is valid"),
            );
            bar.set_prefix(verb);
            bar.enable_steady_tick(Duration::from_millis(500));
            bar
        } else {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
        };
        Progress {
            bar,
            verb,
            every: every.max(1),
        }
    }

    fn plain(&self) -> bool {
        self.bar.is_hidden()
    }

    /// `item` starts: the bar names it (several may be at work; it names the latest).
    pub fn start(&self, item: &str) {
        self.bar.set_message(item.to_owned());
    }

    /// `item` is done.
    pub fn done(&self, item: &str) {
        self.bar.inc(1);
        let position = self.bar.position();
        let total = self.bar.length().unwrap_or(position);
        if self.plain() && (position.is_multiple_of(self.every) || position == total) {
            eprintln!(
                "{} {position}/{total}: {item} ({} so far, about {} left)",
                self.verb,
                minutes(self.bar.elapsed()),
                minutes(self.bar.eta())
            );
        }
    }

    /// A line of its own, above the bar.
    pub fn println(&self, line: &str) {
        if self.plain() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// `1h 02m`, `3m 05s`, `12s`.
pub fn minutes(duration: Duration) -> String {
    let seconds = duration.as_secs();
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m {:02}s", seconds / 60, seconds % 60),
        _ => format!("{}h {:02}m", seconds / 3600, seconds % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_left_read_at_a_glance() {
        assert_eq!(minutes(Duration::from_secs(12)), "12s");
        assert_eq!(minutes(Duration::from_secs(185)), "3m 05s");
        assert_eq!(minutes(Duration::from_secs(3720)), "1h 02m");
    }

    #[test]
    fn without_a_terminal_nothing_is_drawn() {
        // The tests' output is captured, not a terminal.
        let progress = Progress::new("generated", 3, 2);
        if std::io::stderr().is_terminal() {
            return;
        }
        assert!(progress.plain());
        progress.start("a");
        progress.done("a");
        assert_eq!(progress.bar.position(), 1);
    }
}
