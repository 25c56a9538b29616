//! Reads the rendered API reference: plain text flattened from HTML, in two layouts.
//!
//! In the layout of most pages a field is a line with its name, a line with its flag (`required`,
//! `optional`, maybe with a range before it or `read-only` after it) and then its example and
//! description, where the example is glued to the front of the description and the next field's
//! name to the end of an example that has no description (`30memory_usage_percent`). In the other
//! layout (`1-clicks.txt`) a field is one line, `name type flag`. In both, a field whose children
//! are listed is followed by "Show child properties" and then by its children; nothing marks where
//! the children end, so this module gives the listing flat and [`crate::compare`] nests it.

use std::collections::BTreeSet;
use std::fmt;

/// An operation of the reference, with what its listings say.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub title: String,
    /// Where its section starts: `apps.txt:12470`.
    pub at: Place,
    pub parameters: Vec<Parameter>,
    /// The request body's fields, flat and in the order listed.
    pub body: Vec<Entry>,
    pub responses: Vec<Response>,
}

/// A parameter: where it goes, its name and whether it is required.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub location: ParameterIn,
    pub entry: Entry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParameterIn {
    Path,
    Query,
    Header,
}

impl ParameterIn {
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterIn::Path => "path",
            ParameterIn::Query => "query",
            ParameterIn::Header => "header",
        }
    }
}

/// A response: its status, the sentence under it and its fields, flat and in the order listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `200`, `404` or `default`.
    pub status: String,
    pub description: String,
    pub at: Place,
    pub fields: Vec<Entry>,
}

impl Response {
    /// The key that the response's sentence says wraps the body ("A JSON with key `app_health`",
    /// "with a `deployment` key", "with a key called `apps`"), if it names one.
    pub fn wrapper_key(&self) -> Option<String> {
        wrapper_key(&self.description)
    }
}

/// One listed field or parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub required: bool,
    /// Whether "Show child properties" follows it: the entries after it are its children.
    pub expands: bool,
    /// The type the listing writes (`string`, `array of object`). Only the one-line layout writes
    /// one; elsewhere the example payloads gave the spec its type.
    pub written_type: Option<String>,
    pub at: Place,
}

/// A line of a file of the reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

const SHOW_CHILDREN: &str = "Show child properties";

/// Reads the operations of one page of the reference. `names` are the field and parameter names
/// the spec knows: they tell where a name glued to the example before it starts. A name the spec
/// does not know is taken whole, so it is reported rather than lost.
pub fn parse(file: &str, text: &str, names: &BTreeSet<String>) -> Vec<Operation> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut starts = Vec::new();
    for index in 0..lines.len() {
        if let Some(header) = operation_header(&lines, index) {
            starts.push((index, header));
        }
    }
    let mut operations = Vec::new();
    for (position, (start, (method, title, path))) in starts.iter().enumerate() {
        let end = starts
            .get(position + 1)
            .map_or(lines.len(), |(next, _)| *next);
        let place = |index: usize| Place {
            file: file.to_owned(),
            line: index + 1,
        };
        let mut operation = Operation {
            method: method.clone(),
            path: path.clone(),
            title: title.clone(),
            at: place(*start),
            parameters: Vec::new(),
            body: Vec::new(),
            responses: Vec::new(),
        };
        for (block, entries) in blocks(&lines, *start + 1, end, names, &place) {
            match block {
                Block::Parameters(location) => operation.parameters.extend(
                    entries
                        .into_iter()
                        .map(|entry| Parameter { location, entry }),
                ),
                Block::Body => operation.body.extend(entries),
                Block::Response {
                    status,
                    description,
                    line,
                } => operation.responses.push(Response {
                    status,
                    description,
                    at: place(line),
                    fields: entries,
                }),
            }
        }
        operations.push(operation);
    }
    operations
}

/// `GET Retrieve App Health` (perhaps after the `}` that closes the previous section's last
/// example) followed by the path: the method, the title and the path.
fn operation_header(lines: &[&str], index: usize) -> Option<(String, String, String)> {
    let line = lines[index].trim_start_matches('}');
    let (method, title) = line.split_once(' ')?;
    if !matches!(method, "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD") || title.is_empty() {
        return None;
    }
    let path = lines[index + 1..]
        .iter()
        .find(|line| !line.trim().is_empty())?
        .trim();
    path.starts_with("/v")
        .then(|| (method.to_owned(), title.trim().to_owned(), path.to_owned()))
}

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Parameters(ParameterIn),
    Body,
    Response {
        status: String,
        description: String,
        line: usize,
    },
}

/// Splits an operation's section into its listings and reads the entries of each.
fn blocks(
    lines: &[&str],
    start: usize,
    end: usize,
    names: &BTreeSet<String>,
    place: &dyn Fn(usize) -> Place,
) -> Vec<(Block, Vec<Entry>)> {
    let mut blocks: Vec<(Block, usize, usize)> = Vec::new();
    let mut current: Option<(Block, usize)> = None;
    let mut in_responses = false;
    let mut close = |current: &mut Option<(Block, usize)>, at: usize| {
        if let Some((block, from)) = current.take() {
            blocks.push((block, from, at));
        }
    };
    for index in start..end {
        let line = lines[index].trim();
        let opens = match line {
            "Path Parameters" => Some(Block::Parameters(ParameterIn::Path)),
            "Query Parameters" => Some(Block::Parameters(ParameterIn::Query)),
            "Header Parameters" => Some(Block::Parameters(ParameterIn::Header)),
            _ if line.starts_with("Request Body") => Some(Block::Body),
            _ if in_responses && is_status(line) => {
                let description = lines[index + 1..end]
                    .iter()
                    .map(|line| line.trim())
                    .find(|line| !line.is_empty())
                    .unwrap_or_default();
                Some(Block::Response {
                    status: line.to_owned(),
                    description: description.to_owned(),
                    line: index,
                })
            }
            _ => None,
        };
        if let Some(block) = opens {
            close(&mut current, index);
            current = Some((block, index + 1));
        } else if line.ends_with("Responses") {
            close(&mut current, index);
            in_responses = true;
        } else if line.starts_with("Request: ")
            || line.starts_with("Content type ")
            || (in_responses && (line == "Response" || line == "{"))
        {
            close(&mut current, index);
            in_responses = in_responses && line != "Response" && line != "{";
        }
    }
    close(&mut current, end);
    blocks
        .into_iter()
        .map(|(block, from, to)| (block, entries(lines, from, to, names, place)))
        .collect()
}

fn is_status(line: &str) -> bool {
    line == "default" || (line.len() == 3 && line.bytes().all(|byte| byte.is_ascii_digit()))
}

/// The entries of the lines `from..to`, in either layout.
fn entries(
    lines: &[&str],
    from: usize,
    to: usize,
    names: &BTreeSet<String>,
    place: &dyn Fn(usize) -> Place,
) -> Vec<Entry> {
    // Each entry as (the line that starts it, the line its value starts at, name, required, the
    // type written).
    let mut found: Vec<(usize, usize, String, bool, Option<String>)> = Vec::new();
    for index in from..to {
        let line = lines[index].trim();
        if let Some(required) = flag(line) {
            if index == from {
                continue;
            }
            let raw = lines[index - 1].trim();
            // After a flag line comes the previous entry's value, and the name may be glued to
            // its end; only an opening line puts the name on a line of its own for sure.
            let clean = index - 1 == from
                || matches!(lines[index - 2].trim(), SHOW_CHILDREN | "application/json");
            let name = if clean {
                raw.to_owned()
            } else {
                unglue(raw, names)
            };
            if !name.is_empty() {
                found.push((index - 1, index + 1, name, required, None));
            }
        } else if let Some((name, written_type, required)) = inline_entry(line) {
            found.push((index, index + 1, name, required, Some(written_type)));
        }
    }
    found
        .iter()
        .enumerate()
        .map(|(position, (line, value, name, required, written_type))| {
            let value_end = found
                .get(position + 1)
                .map_or(to, |(next_line, ..)| *next_line);
            Entry {
                name: name.clone(),
                required: *required,
                expands: lines[*value..value_end.max(*value)]
                    .iter()
                    .any(|line| line.trim() == SHOW_CHILDREN),
                written_type: written_type.clone(),
                at: place(*line),
            }
        })
        .collect()
}

/// `required`, `optional`, `optional read-only`, `optional Deprecated`, `>= 1 optional`,
/// `1 – 200 optional`: whether the field is required, for a flag line.
fn flag(line: &str) -> Option<bool> {
    let mut rest = line;
    for suffix in [" Deprecated", " read-only"] {
        rest = rest.strip_suffix(suffix).unwrap_or(rest);
    }
    let (range, required) = if let Some(range) = rest.strip_suffix("required") {
        (range, true)
    } else {
        (rest.strip_suffix("optional")?, false)
    };
    (range.is_empty() || (range.ends_with(' ') && !range.chars().any(char::is_alphabetic)))
        .then_some(required)
}

/// `slug string required`, `1_clicks array of object optional`, `type string, one of: droplet,
/// kubernetes optional`: the one-line layout, as the name, the type written (`string`, `array of
/// object`) and whether it is required.
fn inline_entry(line: &str) -> Option<(String, String, bool)> {
    let (name, rest) = line.split_once(' ')?;
    const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "object", "array"];
    if !is_name(name) || !TYPES.iter().any(|kind| rest.starts_with(kind)) {
        return None;
    }
    let (written, flag) = rest.rsplit_once(' ')?;
    let written_type = written
        .split(',')
        .next()
        .unwrap_or(written)
        .trim()
        .to_owned();
    match flag {
        "required" => Some((name.to_owned(), written_type, true)),
        "optional" => Some((name.to_owned(), written_type, false)),
        _ => None,
    }
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The name at the end of a line that may start with the previous field's example:
/// the whole line when it is a known name, else the longest known ending that does not start
/// right after a `_` (no example ends in one; `time_window` is not `window`), else the longest
/// ending shaped like a name, without the digits of a numeric example before it.
pub fn unglue(line: &str, names: &BTreeSet<String>) -> String {
    if names.contains(line) {
        return line.to_owned();
    }
    let shaped = line
        .char_indices()
        .map(|(index, _)| &line[index..])
        .find(|ending| is_name(ending))
        .unwrap_or_default();
    let known = shaped
        .char_indices()
        .filter(|(index, _)| !shaped[..*index].ends_with('_'))
        .map(|(index, _)| &shaped[index..])
        .find(|ending| names.contains(*ending));
    let unknown = || {
        let rest = shaped.trim_start_matches(|c: char| c.is_ascii_digit());
        if rest.starts_with(|c: char| c.is_ascii_lowercase()) {
            rest
        } else {
            shaped
        }
    };
    known.unwrap_or_else(unknown).to_owned()
}

/// The keys of the example payloads of a page, each with the key its object sits under (`""` for
/// a payload's top level; an array's items sit under the array's key): `("steps", "ended_at")`.
///
/// The payloads are JSON, curl bodies and Python dicts (with `True`, trailing commas and the odd
/// missing comma), so this reads brackets and `"key":` pairs rather than parsing JSON.
pub fn example_keys(text: &str) -> BTreeSet<(String, String)> {
    struct Open {
        parent: String,
        is_array: bool,
    }
    let mut keys = BTreeSet::new();
    let mut open: Vec<Open> = Vec::new();
    let mut pending: Option<String> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => {
                let mut end = text.len();
                let mut escaped = false;
                for (at, c) in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => {
                            end = at;
                            break;
                        }
                        '\n' => break,
                        _ => {}
                    }
                }
                let rest = text[end.min(text.len())..]
                    .trim_start_matches('"')
                    .trim_start();
                let in_object = open.last().is_some_and(|open| !open.is_array);
                if in_object && rest.starts_with(':') && end < text.len() {
                    let key = text[index + 1..end].to_owned();
                    let parent = open
                        .last()
                        .map(|open| open.parent.clone())
                        .unwrap_or_default();
                    keys.insert((parent, key.clone()));
                    pending = Some(key);
                } else {
                    pending = None;
                }
            }
            '{' | '[' => {
                let parent = pending.take().unwrap_or_else(|| match open.last() {
                    Some(enclosing) if enclosing.is_array => enclosing.parent.clone(),
                    _ => String::new(),
                });
                open.push(Open {
                    parent,
                    is_array: c == '[',
                });
            }
            '}' | ']' => {
                open.pop();
                pending = None;
            }
            ':' | ' ' | '\n' | '\t' => {}
            _ => pending = None,
        }
    }
    keys
}

/// The key named by a response's sentence.
pub fn wrapper_key(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let clean = |word: &str| {
        let key = word.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        is_name(key).then(|| key.to_owned())
    };
    for (index, pair) in words.windows(2).enumerate() {
        match pair {
            // "with key X", "keyed on X"
            ["with", "key"] | ["keyed", "on"] => {
                return words.get(index + 2).and_then(|w| clean(w));
            }
            // "with a key called X", "with a key of X"
            ["key", "called" | "of"] if index > 0 && words[index - 1] == "a" => {
                return words.get(index + 2).and_then(|w| clean(w));
            }
            // "with a X key", "with an X key"
            ["with", "a" | "an"] if words.get(index + 3).is_some_and(|w| w.starts_with("key")) => {
                return words.get(index + 2).and_then(|w| clean(w));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entry's name, whether it is required and whether it opens its children.
    fn summary(entries: &[Entry]) -> Vec<(&str, bool, bool)> {
        entries
            .iter()
            .map(|e| (e.name.as_str(), e.required, e.expands))
            .collect()
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_name_glued_to_an_example_is_split_where_the_spec_knows_the_name() {
        let known = names(&["memory_usage_percent", "replicas_desired", "name", "value"]);
        assert_eq!(
            unglue("30memory_usage_percent", &known),
            "memory_usage_percent"
        );
        assert_eq!(
            unglue("sample_appreplicas_desired", &known),
            "replicas_desired"
        );
        assert_eq!(unglue("1hname", &known), "name");
        assert_eq!(
            unglue(
                "ACTIVEphase_last_updated_at",
                &names(&["phase_last_updated_at", "updated_at"])
            ),
            "phase_last_updated_at",
            "the longest name the spec knows wins"
        );
        assert_eq!(
            unglue(
                "commit 9a4df0b pushed to github/digitalocean/sample-golangcloned_from",
                &known
            ),
            "sample-golangcloned_from",
            "a name the spec does not know is taken whole, to be reported"
        );
        assert_eq!(unglue("name", &known), "name");
        assert_eq!(
            unglue("100time_window", &names(&["window"])),
            "time_window",
            "a known name that starts after a `_` is the end of another name"
        );
    }

    #[test]
    fn flags_with_ranges_and_markers_are_flags_and_sentences_are_not() {
        assert_eq!(flag("required"), Some(true));
        assert_eq!(flag("optional read-only"), Some(false));
        assert_eq!(flag("optional Deprecated"), Some(false));
        assert_eq!(flag(">= 1 optional"), Some(false));
        assert_eq!(flag("1 – 200 optional"), Some(false));
        assert_eq!(flag("bin/apiAn optional"), None);
        assert_eq!(flag("this field is optional"), None);
    }

    #[test]
    fn the_wrapper_key_is_read_from_each_way_the_reference_words_it() {
        let sentences = [
            ("A JSON with key app_health", Some("app_health")),
            ("A JSON object with a deployment key.", Some("deployment")),
            (
                "A JSON object with an alert key. This is an object of type alert.",
                Some("alert"),
            ),
            (
                "The response will be a JSON object with a key called apps. apps will be an array.",
                Some("apps"),
            ),
            (
                "The response will be a JSON object with a key called resource, representing it.",
                Some("resource"),
            ),
            ("A JSON object with a key of 1_clicks.", Some("1_clicks")),
            ("A JSON object with key regions", Some("regions")),
            (
                "A JSON object keyed on account with an excerpt",
                Some("account"),
            ),
            ("A JSON object with urls that point to archived logs", None),
            (
                "A JSON object with a websocket URL that allows sending/receiving input.",
                None,
            ),
            ("A JSON object of the updated app", None),
        ];
        for (sentence, key) in sentences {
            assert_eq!(wrapper_key(sentence).as_deref(), key, "{sentence}");
        }
    }

    #[test]
    fn example_payloads_give_their_keys_under_their_parents() {
        let text = r#"Response
{
"steps": [{"ended_at": "x"}],
"meta": {"total": 1}
}{"id": "e"}curl -d '{"spec":{"name":"a"}}' "/v2/apps/{app_id}"
req = {"cors": {"allow_origins": [{"exact": "https://www.example.com"},], "max_age": "5h"
"allow_credentials": False,}}
"#;
        let keys = example_keys(text);
        let pairs: Vec<(&str, &str)> = keys.iter().map(|(p, k)| (p.as_str(), k.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("", "cors"),
                ("", "id"),
                ("", "meta"),
                ("", "spec"),
                ("", "steps"),
                ("allow_origins", "exact"),
                ("cors", "allow_credentials"),
                ("cors", "allow_origins"),
                ("cors", "max_age"),
                ("meta", "total"),
                ("spec", "name"),
                ("steps", "ended_at")
            ]
        );
    }

    const PAGE: &str = "\
Intro
}GET Retrieve App Health
/v2/apps/{app_id}/health
Authorizations:
Some prose that is optional
Path Parameters
app_id
required
4f6c71e2The app ID
Query Parameters
page
>= 1 optional
1Which page.
Default:1per_page
1 – 200 optional
2Number of items
Request: /v2/apps/{app_id}/health
curl -X GET
get_resp = client.apps.get_health(app_id=\"4f6c71e2\")Responses
200
A JSON with key app_health
app_healthratelimit-limit
The default limit
application/json
app_health
optional
Show child properties
components
optional
Show child properties
cpu_usage_percent
optional
30memory_usage_percent
optional
25name
optional
sample_appfunctions_components
optional
401
Authentication failed due to invalid credentials.
application/json
id
required
not_foundA short identifier.
Response
{
\"components\": []
}GET Something else
/v2/other
";

    #[test]
    fn a_page_gives_its_operations_parameters_and_flat_listings() {
        let known = names(&[
            "memory_usage_percent",
            "name",
            "functions_components",
            "per_page",
        ]);
        let operations = parse("apps.txt", PAGE, &known);
        assert_eq!(operations.len(), 2);
        let health = &operations[0];
        assert_eq!(
            (health.method.as_str(), health.path.as_str(), health.at.line),
            ("GET", "/v2/apps/{app_id}/health", 2)
        );
        let parameters: Vec<(ParameterIn, &str, bool)> = health
            .parameters
            .iter()
            .map(|p| (p.location, p.entry.name.as_str(), p.entry.required))
            .collect();
        assert_eq!(
            parameters,
            [
                (ParameterIn::Path, "app_id", true),
                (ParameterIn::Query, "page", false),
                (ParameterIn::Query, "per_page", false)
            ]
        );
        assert!(health.body.is_empty());
        let statuses: Vec<&str> = health.responses.iter().map(|r| r.status.as_str()).collect();
        assert_eq!(statuses, ["200", "401"]);
        let ok = &health.responses[0];
        assert_eq!(ok.wrapper_key().as_deref(), Some("app_health"));
        assert_eq!(
            summary(&ok.fields),
            [
                ("app_health", false, true),
                ("components", false, true),
                ("cpu_usage_percent", false, false),
                ("memory_usage_percent", false, false),
                ("name", false, false),
                ("functions_components", false, false),
            ]
        );
        assert_eq!(ok.fields[3].at.line, 33);
        assert!(
            ok.fields.iter().all(|entry| entry.written_type.is_none()),
            "this layout writes no types"
        );
        assert_eq!(summary(&health.responses[1].fields), [("id", true, false)]);
        assert!(operations[1].responses.is_empty());
    }

    #[test]
    fn the_one_line_layout_gives_the_same_listings() {
        let page = "\
GET List 1-Click Applications

/v2/1-clicks
Query Parameters

type string, one of: droplet, kubernetes optional
Example: kubernetes

Restrict results.

curl -X GET
Responses

200

A JSON object with a key of 1_clicks.

ratelimit-limit integer

The default limit.

1_clicks array of object optional
Show child properties
slug string required
Example: monitoring

type string required
Example: kubernetes

{
  \"1_clicks\": []
}
";
        let operations = parse("1-clicks.txt", page, &BTreeSet::new());
        let list = &operations[0];
        assert_eq!(list.path, "/v2/1-clicks");
        assert_eq!(list.parameters[0].entry.name, "type");
        assert!(!list.parameters[0].entry.required);
        let ok = &list.responses[0];
        assert_eq!(ok.wrapper_key().as_deref(), Some("1_clicks"));
        assert_eq!(
            summary(&ok.fields),
            [
                ("1_clicks", false, true),
                ("slug", true, false),
                ("type", true, false)
            ]
        );
        let written: Vec<Option<&str>> = ok
            .fields
            .iter()
            .chain([&list.parameters[0].entry])
            .map(|entry| entry.written_type.as_deref())
            .collect();
        assert_eq!(
            written,
            [
                Some("array of object"),
                Some("string"),
                Some("string"),
                Some("string")
            ],
            "the type without its values or flag"
        );
    }
}
