//! The differences the spec makes on purpose, each with its reason.
//!
//! The file is a YAML list of `difference` (a key as the check prints it; a key ending in `.*`
//! covers every field of one schema) and `reason`.

use serde::Deserialize;

use crate::Error;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowed {
    pub difference: String,
    pub reason: String,
}

impl Allowed {
    pub fn covers(&self, key: &str) -> bool {
        match self.difference.strip_suffix('*') {
            Some(prefix) => key.starts_with(prefix),
            None => key == self.difference,
        }
    }
}

/// Reads the allow-list `text` of the file `file`.
pub fn parse(file: &str, text: &str) -> Result<Vec<Allowed>, Error> {
    let invalid = |message: String| Error::Allowlist {
        file: file.to_owned(),
        message,
    };
    let entries: Vec<Allowed> = if text.trim().is_empty() {
        Vec::new()
    } else {
        serde_yaml::from_str(text).map_err(|error| invalid(error.to_string()))?
    };
    for (index, entry) in entries.iter().enumerate() {
        if entry.difference.trim().is_empty() || entry.reason.trim().is_empty() {
            return Err(invalid(format!(
                "entry {} needs both a `difference` and its `reason`",
                index + 1
            )));
        }
        if entries[..index]
            .iter()
            .any(|earlier| earlier.difference == entry.difference)
        {
            return Err(invalid(format!(
                "`{}` is listed twice; keep one entry with one reason",
                entry.difference
            )));
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_covers_its_key_or_with_a_star_every_key_it_starts() {
        let entries = parse(
            "allow.yaml",
            "- difference: required field app_component_base.name\n  reason: Named.\n\
             - difference: unlisted field apps_domain_progress_step.*\n  reason: Not expanded.\n",
        )
        .unwrap();
        assert!(entries[0].covers("required field app_component_base.name"));
        assert!(!entries[0].covers("required field app_component_base.names"));
        assert!(entries[1].covers("unlisted field apps_domain_progress_step.started_at"));
        assert!(!entries[1].covers("unlisted field apps_domain_progress.steps"));
    }

    #[test]
    fn an_entry_without_a_reason_or_listed_twice_is_refused() {
        let error =
            parse("allow.yaml", "- difference: wrapper x 200\n  reason: ' '\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "allow.yaml: entry 1 needs both a `difference` and its `reason`"
        );
        let twice = "- {difference: a, reason: b}\n- {difference: a, reason: c}\n";
        let error = parse("allow.yaml", twice).unwrap_err();
        assert_eq!(
            error.to_string(),
            "allow.yaml: `a` is listed twice; keep one entry with one reason"
        );
        assert!(parse("allow.yaml", "").unwrap().is_empty());
    }
}
