//! Where something is in the spec: the file, the line when the YAML parser knows it, and the JSON
//! pointer. Every stage reports its errors with one of these.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file as the user named it (relative to where the generator was run).
    pub file: String,
    /// 1-based line and column of the node, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// JSON pointer of the node inside `file`, starting with `#`.
    pub pointer: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, " at {}", self.pointer)
    }
}

/// Escapes one JSON pointer token (`/` and `~`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Splits a JSON pointer (with or without the leading `#`) into unescaped tokens.
pub fn split_pointer(pointer: &str) -> Vec<String> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|token| percent_decode(token).replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Joins tokens into a `#/a/b` pointer.
pub fn join_pointer<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut out = String::from("#");
    for token in tokens {
        out.push('/');
        out.push_str(&escape_token(token.as_ref()));
    }
    out
}

/// `$ref` fragments are URI fragments, so `{` may arrive as `%7B`.
fn percent_decode(token: &str) -> String {
    if !token.contains('%') {
        return token.to_owned();
    }
    let bytes = token.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_round_trip_through_escaping() {
        let tokens = ["paths", "/v2/apps/{id}", "a~b"];
        let pointer = join_pointer(&tokens);
        assert_eq!(pointer, "#/paths/~1v2~1apps~1{id}/a~0b");
        assert_eq!(split_pointer(&pointer), tokens);
    }

    #[test]
    fn percent_encoded_fragments_are_decoded() {
        assert_eq!(
            split_pointer("#/paths/~1v2~1a~1%7Bid%7D"),
            ["paths", "/v2/a/{id}"]
        );
        assert_eq!(split_pointer("#/a/100%"), ["a", "100%"]);
        assert_eq!(split_pointer("#"), Vec::<String>::new());
    }

    #[test]
    fn display_names_file_line_and_pointer() {
        let location = Location {
            file: "spec/openapi.yaml".into(),
            line: Some(12),
            column: Some(5),
            pointer: "#/paths".into(),
        };
        assert_eq!(location.to_string(), "spec/openapi.yaml:12:5 at #/paths");
    }
}
