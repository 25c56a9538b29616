//! The spec's descriptions as rustdoc: Markdown that rustdoc and clippy read without complaint.
//!
//! Descriptions are written for a web page, so some of their Markdown means something else in
//! rustdoc: an indented block or a bare code fence would be compiled as a doctest, `<resource>`
//! would be an HTML tag, `[x]` or `[x](Name)` an intra-doc link to an item that does not exist,
//! a bare URL a warning, and a list followed by a line of text a "lazy continuation".

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for `text` (nothing for `None` or blank text).
pub(crate) fn attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    lines_to_attrs(&rustdoc(text))
}

/// The spec's text, unless it says nothing once it is rustdoc (blank, or only spaces): callers
/// fall back to words of their own, so that every public item is documented.
pub(crate) fn said(text: Option<&str>) -> Option<&str> {
    text.filter(|text| !rustdoc(text).is_empty())
}

/// `#[doc]` attributes for text that is already rustdoc.
pub(crate) fn lines_to_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// The lines of a doc comment, each after the space that follows `///` or `//!`. A carriage
/// return alone ends a line too: rustc refuses a bare one in a doc comment.
fn doc_lines(text: &str) -> Vec<String> {
    line_breaks(text)
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `text` with every line break a `\n`: Windows' `\r\n` and the old Mac's lone `\r` (vtex.local's
/// descriptions have them).
fn line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// `#![doc]` attributes for text that is already rustdoc: the documentation of the module it
/// starts.
pub(crate) fn module_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Joins paragraphs with blank lines, skipping empty ones.
pub(crate) fn paragraphs<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    parts
        .into_iter()
        .map(|part| part.as_ref().trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A text of one line from the spec (a summary, a title) as rustdoc inline text.
pub(crate) fn inline(text: &str) -> String {
    escape_inline(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` as a code span, whatever backticks it holds.
pub(crate) fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space between it and the fence.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A value from the spec (a default) as the docs show it: strings without their quotes.
pub(crate) fn value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Rewrites a spec description into rustdoc Markdown.
pub(crate) fn rustdoc(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut in_list = false;
    // A tab in a doc comment trips clippy's `tabs_in_doc_comments`.
    for raw in line_breaks(text).replace('\t', "    ").lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            out.push(line.to_owned());
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            let language = trimmed[marker.len()..].trim();
            // Only Rust code is compiled as a doctest: any other fence is text.
            let language = if language.is_empty() || language == "rust" {
                "text"
            } else {
                language
            };
            out.push(format!("{marker}{language}"));
            fence = Some(marker);
            in_list = false;
            continue;
        }
        if trimmed.is_empty() {
            in_list = false;
            out.push(String::new());
            continue;
        }
        // The markers CommonMark knows: `-`, `*`, `+`, and `1.` or `1)`.
        let is_item = ["- ", "* ", "+ "].iter().any(|m| trimmed.starts_with(m))
            || [". ", ") "].iter().any(|m| {
                trimmed
                    .split_once(m)
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            });
        if in_list && !is_item {
            // End the list instead of continuing its last item lazily.
            out.push(String::new());
        }
        in_list = is_item;
        // Leading indentation would make an indented code block.
        out.push(escape_inline(trimmed));
    }
    if fence.is_some() {
        out.push("```".into());
    }
    let mut text = out.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_owned()
}

/// Escapes what rustdoc would misread in one line, leaving code spans and links alone.
fn escape_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                // A code span runs to the next run of as many backticks.
                let ticks = chars[i..].iter().take_while(|&&t| t == '`').count();
                let close = (i + ticks..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&t| t == '`').count() == ticks
                        && (j == 0 || chars[j - 1] != '`')
                });
                match close {
                    Some(j) => {
                        out.extend(&chars[i..j + ticks]);
                        i = j + ticks;
                    }
                    None => {
                        out.push_str("\\`");
                        i += 1;
                    }
                }
            }
            '[' => match link(&chars[i..]) {
                // A link to a web address stays; any other target (a name, a path of the
                // site the spec comes from) would be a broken link, so only its text is kept.
                Some((text, target, length)) => {
                    if is_address(&target) {
                        out.push_str(&format!("[{}]({target})", escape_inline(&text)));
                    } else {
                        out.push_str(&escape_inline(&text));
                    }
                    i += length;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '<' => {
                let rest: String = chars[i + 1..].iter().collect();
                match rest.find('>') {
                    Some(end) if rest.starts_with("http://") || rest.starts_with("https://") => {
                        out.push('<');
                        out.push_str(&rest[..=end]);
                        i += 1 + rest[..=end].chars().count();
                    }
                    _ => {
                        out.push_str("\\<");
                        i += 1;
                    }
                }
            }
            '>' => {
                out.push_str("\\>");
                i += 1;
            }
            'h' if starts_url(&chars[i..])
                && (i == 0 || !matches!(chars[i - 1], '(' | '"' | '\'' | '/')) =>
            {
                let mut end = i;
                while end < chars.len()
                    && !chars[end].is_whitespace()
                    && !matches!(chars[end], '<' | '>' | '"' | '`' | ')')
                {
                    end += 1;
                }
                while end > i
                    && matches!(
                        chars[end - 1],
                        '.' | ',' | ';' | ':' | '!' | '?' | '\'' | ']'
                    )
                {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The text and target of the Markdown link `[text](target)` that `chars` starts with, and its
/// length. Brackets in the text and parentheses in the target may nest.
fn link(chars: &[char]) -> Option<(String, String, usize)> {
    let close = matching(chars, '[', ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + matching(&chars[close + 1..], '(', ')')?;
    let text: String = chars[1..close].iter().collect();
    let target: String = chars[close + 2..end].iter().collect();
    let target = target.trim();
    // A link has no line break in its target, and its title (`"..."`) is dropped.
    let target = target
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    Some((text, target, end + 1))
}

/// Where the bracket `open` that `chars` starts with is closed.
fn matching(chars: &[char], open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (index, &c) in chars.iter().enumerate() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(index);
            }
        }
    }
    None
}

/// Whether a link target is a web or mail address, which rustdoc links as it is.
fn is_address(target: &str) -> bool {
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| target.starts_with(scheme))
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("http://") || head.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_like_words_and_brackets_are_escaped() {
        assert_eq!(
            rustdoc("needs <resource>:read"),
            "needs \\<resource\\>:read"
        );
        assert_eq!(rustdoc("a [list] of"), "a \\[list\\] of");
        assert_eq!(
            rustdoc("see [docs](https://x.example/a)"),
            "see [docs](https://x.example/a)"
        );
        assert_eq!(rustdoc("code `<a>[b]` stays"), "code `<a>[b]` stays");
    }

    #[test]
    fn links_stay_only_when_they_lead_to_an_address() {
        // Anything else would be read as a path to a Rust item, or lead nowhere from the docs.
        assert_eq!(
            rustdoc("see [the app spec](AppSpec), [apps](apps) and [x](y::z)"),
            "see the app spec, apps and x"
        );
        assert_eq!(
            rustdoc("the [reference](/reference/api/) and [a section](#auth)"),
            "the reference and a section"
        );
        assert_eq!(
            rustdoc("[`Thing`](Thing) or [<b>bold</b>](https://a.example)"),
            "`Thing` or [\\<b\\>bold\\</b\\>](https://a.example)"
        );
        assert_eq!(
            rustdoc(
                "[Rust](https://en.example.org/wiki/Rust_(language)) and [mail](mailto:a@b.example)"
            ),
            "[Rust](https://en.example.org/wiki/Rust_(language)) and [mail](mailto:a@b.example)"
        );
        assert_eq!(
            rustdoc("[titled](https://a.example \"The title\")"),
            "[titled](https://a.example)"
        );
        assert_eq!(
            rustdoc("[text][ref] and [unclosed"),
            "\\[text\\]\\[ref\\] and \\[unclosed"
        );
    }

    #[test]
    fn one_line_texts_and_code_spans() {
        assert_eq!(
            inline("List <things>\n  [all]"),
            "List \\<things\\> \\[all\\]"
        );
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            rustdoc("See https://docs.example/x#rate-limit for more."),
            "See <https://docs.example/x#rate-limit> for more."
        );
        assert_eq!(rustdoc("at <https://a.example>"), "at <https://a.example>");
        assert_eq!(rustdoc("(https://a.example)"), "(https://a.example)");
    }

    #[test]
    fn nothing_becomes_a_doctest() {
        assert_eq!(
            rustdoc("text\n\n    indented code"),
            "text\n\nindented code"
        );
        assert_eq!(rustdoc("```\nx = 1\n```"), "```text\nx = 1\n```");
        assert_eq!(rustdoc("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(rustdoc("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn lists_end_before_the_next_paragraph() {
        assert_eq!(
            rustdoc("Kinds:\n- A: first\n- B: second\nThen text."),
            "Kinds:\n- A: first\n- B: second\n\nThen text."
        );
        assert_eq!(
            rustdoc("Rules.\n+ One.\n+ Two.\nMore.\n1) Three.\nEnd."),
            "Rules.\n+ One.\n+ Two.\n\nMore.\n1) Three.\n\nEnd."
        );
    }

    #[test]
    fn tabs_become_spaces() {
        assert_eq!(rustdoc("a\tb"), "a    b");
        assert_eq!(rustdoc("```\n\tcode\n```"), "```text\n    code\n```");
    }

    #[test]
    fn every_carriage_return_breaks_a_line() {
        assert_eq!(rustdoc("a\r\nb\r```\r{\r```"), "a\nb\n```text\n{\n```");
        let attrs = lines_to_attrs("a\rb").to_string();
        assert!(!attrs.contains("\\r"), "{attrs}");
        assert_eq!(doc_lines("a\r\nb\rc"), [" a", " b", " c"]);
    }

    #[test]
    fn blank_text_says_nothing() {
        assert_eq!(said(Some("  \n ")), None);
        assert_eq!(said(None), None);
        assert_eq!(said(Some("Words.")), Some("Words."));
    }

    #[test]
    fn attributes_carry_one_line_each() {
        let tokens = attrs(Some("One.\n\nTwo.")).to_string();
        assert_eq!(
            tokens,
            "# [doc = \" One.\"] # [doc = \"\"] # [doc = \" Two.\"]"
        );
        assert!(attrs(None).is_empty());
    }
}
