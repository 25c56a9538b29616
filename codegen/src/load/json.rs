//! Files written in JSON: read by a JSON parser (a YAML parser refuses some valid JSON: escaped
//! control characters, keys longer than 1024 characters), and the way back from a pointer to the
//! line and column where its value starts.

use serde_json::Value;

/// Whether `text` starts like a JSON document.
pub fn starts_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// Parses the document. An integer beyond 64 bits is read as the nearest floating-point number.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
}

/// The 1-based line and column where the value at `tokens` starts in the JSON `text`, found by
/// scanning the text without building anything.
pub fn find(text: &str, tokens: &[String]) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, 0);
    for token in tokens {
        at = match bytes.get(at)? {
            b'{' => member(text, at, token)?,
            b'[' => element(bytes, at, token.parse().ok()?)?,
            _ => return None,
        };
    }
    Some(line_and_column(text, at))
}

/// The start of the value of the member named `name` of the object at `at`.
fn member(text: &str, at: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        return None;
    }
    loop {
        let end = skip_string(bytes, at)?;
        let raw = &text[at + 1..end - 1];
        let matches = if raw.contains('\\') {
            serde_json::from_str::<String>(&text[at..end]).ok()? == name
        } else {
            raw == name
        };
        at = skip_space(bytes, end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(bytes, at + 1);
        if matches {
            return Some(at);
        }
        at = skip_space(bytes, skip_value(bytes, at)?);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            _ => return None,
        }
    }
}

/// The start of the element `index` of the array at `at`.
fn element(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    let mut at = skip_space(bytes, at + 1);
    if bytes.get(at) == Some(&b']') {
        return None;
    }
    for _ in 0..index {
        at = skip_space(bytes, skip_value(bytes, at)?);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            _ => return None,
        }
    }
    Some(at)
}

/// The end of the value that starts at `at`, without recursion however deep it nests.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = at;
            loop {
                match bytes.get(at)? {
                    b'"' => {
                        at = skip_string(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let length = bytes[at..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .unwrap_or(bytes.len() - at);
            Some(at + length)
        }
    }
}

/// The end (past the closing quote) of the string that starts at `at`.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut at = at + 1;
    loop {
        match bytes.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

fn skip_space(bytes: &[u8], at: usize) -> usize {
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count()
}

fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::split_pointer;

    const TEXT: &str = r#"{
  "openapi": "3.0.3",
  "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
  "x-skip": [1, {"a": "}]\"{"}, [[]], true, null, -1.5e3],
  "esc\u0061ped": "the key has an escape",
  "list": [
    "first",
    {"second": {"deep": true}}
  ]
}"#;

    fn at(pointer: &str) -> Option<(usize, usize)> {
        find(TEXT, &split_pointer(pointer))
    }

    #[test]
    fn finds_where_a_value_starts() {
        assert_eq!(at("#"), Some((1, 1)));
        assert_eq!(at("#/openapi"), Some((2, 14)));
        assert_eq!(at("#/paths/~1a/get/responses/200"), Some((3, 49)));
        assert_eq!(at("#/escaped"), Some((5, 19)));
        assert_eq!(at("#/list/1/second/deep"), Some((8, 25)));
        assert_eq!(at("#/x-skip/5"), Some((4, 51)));
    }

    #[test]
    fn a_missing_pointer_has_no_place() {
        assert_eq!(at("#/nope"), None);
        assert_eq!(at("#/list/2"), None);
        assert_eq!(at("#/openapi/deeper"), None);
        assert_eq!(find("{", &split_pointer("#/a")), None);
        assert_eq!(find("[1, 2", &split_pointer("#/5")), None);
    }

    #[test]
    fn reads_what_a_yaml_parser_refuses() {
        let long_key = "k".repeat(2000);
        let text = format!(r#"{{"a": "bell \u0007 and nul \u0000", "{long_key}": 1}}"#);
        let value = parse(&text).unwrap();
        assert_eq!(value["a"], "bell \u{7} and nul \u{0}");
        assert_eq!(value[&long_key], 1);
        assert!(serde_yaml::from_str::<serde_yaml::Value>(&text).is_err());
    }

    #[test]
    fn integers_beyond_64_bits_are_read() {
        let value = parse(r#"{"maximum": 18446744073709552000, "minimum": -99999999999999999999}"#)
            .unwrap();
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
        assert_eq!(value["minimum"].as_f64(), Some(-99999999999999999999.0));
    }
}
