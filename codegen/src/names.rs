//! Rust names for the spec's names: valid identifiers, in Rust's case conventions, unique where
//! they share a scope, and the same for the same input on every run.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers (Rust 2024 keywords, strict and reserved).
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names of the prelude (and of the derives the generated code uses) that a type must not shadow.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Deserialize",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Unpin",
    "Vec",
];

/// `snake_case`, for fields, parameters, methods and modules. `fallback` is used when nothing of
/// `raw` survives (it was empty, or all punctuation or non-ASCII), and put before a name of
/// digits alone: a property `1` is the field `field_1`, since `_1` reads as unused and, bound as
/// an argument, is what clippy calls a name of just underscores and digits.
pub fn snake(raw: &str, fallback: &str) -> String {
    let words = words(raw);
    let mut name = if words.is_empty() {
        fallback.to_owned()
    } else {
        words.join("_")
    };
    if name.chars().all(|c| c.is_ascii_digit() || c == '_') {
        name = format!("{fallback}_{name}");
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// `UpperCamelCase`, for types and enum variants. A name that would start with a digit gets
/// `prefix` in front (`V` for a variant `1.2` gives `V1_2`).
pub fn camel(raw: &str, fallback: &str, prefix: &str) -> String {
    let words = words(raw);
    if words.is_empty() {
        return fallback.to_owned();
    }
    let mut name = String::new();
    for word in &words {
        // Keep digits of two words apart: `1.2` is `1_2`, not `12`.
        if name.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit())
        {
            name.push('_');
        }
        name.push_str(&word.to_upper_camel_case());
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, prefix);
    }
    escape_keyword(name)
}

/// The words of `raw` in lower case: split at punctuation, spaces and case changes; characters
/// outside ASCII letters and digits are separators. A name made only of separators (`+`, `日本`)
/// is spelled out character by character instead, so that it still says what it is.
fn words(raw: &str) -> Vec<String> {
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<String> = plural_acronyms(cleaned)
        .to_snake_case()
        .split('_')
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(spell)
            .collect();
    }
    words
}

/// `APIs`, `IDs`, `URLs`: the `s` of an acronym's plural is part of the acronym, where case
/// changes alone would split `AP` from `Is` (`ap_is`). It is capitalised when it follows two
/// capitals and ends a word. `text` is ASCII.
fn plural_acronyms(mut text: String) -> String {
    let bytes = text.as_bytes();
    let plurals: Vec<usize> = (2..bytes.len())
        .filter(|&i| {
            bytes[i] == b's'
                && bytes[i - 1].is_ascii_uppercase()
                && bytes[i - 2].is_ascii_uppercase()
                && !bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)
        })
        .collect();
    for i in plurals {
        text.replace_range(i..=i, "S");
    }
    text
}

/// A word for a character that cannot be part of an identifier.
fn spell(c: char) -> String {
    let name = match c {
        '+' => "plus",
        '-' => "minus",
        '*' => "star",
        '/' => "slash",
        '\\' => "backslash",
        '=' => "equals",
        '<' => "less",
        '>' => "greater",
        '!' => "bang",
        '?' => "question",
        '.' => "dot",
        ',' => "comma",
        ':' => "colon",
        ';' => "semicolon",
        '_' => "underscore",
        '~' => "tilde",
        '^' => "caret",
        '%' => "percent",
        '&' => "and",
        '|' => "pipe",
        '@' => "at",
        '#' => "hash",
        '$' => "dollar",
        '\'' => "quote",
        '"' => "double_quote",
        '`' => "backtick",
        '(' | ')' => "paren",
        '[' | ']' => "bracket",
        '{' | '}' => "brace",
        other => return format!("u{:x}", other as u32),
    };
    name.to_owned()
}

fn escape_keyword(mut name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// One scope of names (the fields of a struct, the types of a crate): hands out each name once.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    pub fn new() -> Namespace {
        Namespace::default()
    }

    /// A namespace in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Namespace {
        Namespace {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// `name` if it is free, else `name2`, `name3`, ... (`name_2` for snake case names).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if name.contains(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let base = name.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("some suffix is free")
    }

    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_names() {
        assert_eq!(snake("app_id", "x"), "app_id");
        assert_eq!(snake("appId", "x"), "app_id");
        assert_eq!(snake("foo-bar", "x"), "foo_bar");
        assert_eq!(snake("type", "x"), "type_");
        assert_eq!(snake("self", "x"), "self_");
        assert_eq!(snake("1_clicks", "x"), "_1_clicks");
        assert_eq!(snake("1", "field"), "field_1");
        assert_eq!(snake("2.0", "call"), "call_2_0");
        assert_eq!(snake("ratelimit-reset", "x"), "ratelimit_reset");
        assert_eq!(
            snake("apps_list_instanceSizes", "x"),
            "apps_list_instance_sizes"
        );
        assert_eq!(snake("", "field"), "field");
        assert_eq!(snake("日本", "field"), "u65e5_u672c");
        assert_eq!(snake("<=", "field"), "less_equals");
        assert_eq!(snake("$ref", "x"), "ref_");
        assert_eq!(snake("APIs", "x"), "apis");
        assert_eq!(snake("listVMsByIDs", "x"), "list_vms_by_ids");
        assert_eq!(
            snake("getURLsForHTTPServer", "x"),
            "get_urls_for_http_server"
        );
        assert_eq!(snake("As", "x"), "as_");
    }

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("app_spec", "X", "T"), "AppSpec");
        assert_eq!(camel("1.2", "X", "V"), "V1_2");
        assert_eq!(camel("IN_PROGRESS", "X", "V"), "InProgress");
        assert_eq!(camel("in-progress", "X", "V"), "InProgress");
        assert_eq!(camel("application/json", "X", "V"), "ApplicationJson");
        assert_eq!(camel("Self", "X", "T"), "Self_");
        assert_eq!(camel("user_IDs", "X", "T"), "UserIds");
        assert_eq!(camel("s-1vcpu-1gb", "X", "V"), "S1vcpu1gb");
        assert_eq!(camel("", "Empty", "V"), "Empty");
        assert_eq!(camel("+", "Empty", "V"), "Plus");
        assert_eq!(camel("*/*", "Empty", "V"), "StarSlashStar");
        assert_eq!(camel("ру", "Empty", "V"), "U440U443");
    }

    #[test]
    fn namespaces_hand_out_each_name_once() {
        let mut names = Namespace::with_reserved(&["Result"]);
        assert_eq!(names.claim("Result".into()), "Result2");
        assert_eq!(names.claim("FooBar".into()), "FooBar");
        assert_eq!(names.claim("FooBar".into()), "FooBar2");
        let mut fields = Namespace::new();
        assert_eq!(fields.claim("type_".into()), "type_");
        assert_eq!(fields.claim("type_".into()), "type_2");
        assert_eq!(fields.claim("foo_bar".into()), "foo_bar");
        assert_eq!(fields.claim("foo_bar".into()), "foo_bar_2");
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        fn is_identifier(name: &str) -> bool {
            name.is_ascii() && syn::parse_str::<syn::Ident>(name).is_ok()
        }

        proptest! {
            #[test]
            fn any_string_is_a_valid_snake_case_identifier(raw in any::<String>()) {
                let name = snake(&raw, "field");
                prop_assert!(is_identifier(&name), "{raw:?} gave {name:?}");
                prop_assert_eq!(&name, &snake(&raw, "field"), "the mapping is stable");
            }

            #[test]
            fn any_string_is_a_valid_camel_case_identifier(raw in any::<String>()) {
                let name = camel(&raw, "Type", "T");
                prop_assert!(is_identifier(&name), "{raw:?} gave {name:?}");
                prop_assert!(!name.starts_with(|c: char| c.is_ascii_lowercase()), "{name:?}");
                prop_assert_eq!(&name, &camel(&raw, "Type", "T"), "the mapping is stable");
            }

            #[test]
            fn names_claimed_in_one_scope_are_unique_and_reproducible(raws in proptest::collection::vec(any::<String>(), 0..40)) {
                let claim_all = || {
                    let mut scope = Namespace::with_reserved(RESERVED_TYPE_NAMES);
                    raws.iter().map(|raw| scope.claim(camel(raw, "Type", "T"))).collect::<Vec<_>>()
                };
                let names = claim_all();
                let unique: std::collections::BTreeSet<&String> = names.iter().collect();
                prop_assert_eq!(unique.len(), names.len(), "{:?}", names);
                prop_assert!(names.iter().all(|name| is_identifier(name) && !RESERVED_TYPE_NAMES.contains(&name.as_str())));
                prop_assert_eq!(names, claim_all());
            }

            #[test]
            fn field_names_are_unique_in_a_struct(raws in proptest::collection::vec("[a-zA-Z_ -]{0,6}", 0..40)) {
                let mut scope = Namespace::new();
                let names: Vec<String> = raws.iter().map(|raw| scope.claim(snake(raw, "field"))).collect();
                let unique: std::collections::BTreeSet<&String> = names.iter().collect();
                prop_assert_eq!(unique.len(), names.len());
                prop_assert!(names.iter().all(|name| is_identifier(name)));
            }
        }
    }
}
