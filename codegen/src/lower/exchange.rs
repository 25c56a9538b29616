//! What travels on the wire for each operation: how the body is sent, and how the answer is asked
//! for and read. Decided once here, so that
//! the client, its mocks and its command line send and read the same thing.

use crate::ir::{Answer, BodyWire, Content, Encoding, Format, Operation, Status};

/// The format of a document among `encodings`, with a choice when both JSON and YAML are there.
pub(crate) fn document_format(encodings: &[Encoding]) -> Format {
    let json = encodings.contains(&Encoding::Json);
    let yaml = encodings.contains(&Encoding::Yaml);
    match (json, yaml, encodings.first()) {
        (true, true, _) => Format::Chosen,
        (false, true, _) | (_, _, Some(Encoding::Yaml)) => Format::Yaml,
        _ => Format::Json,
    }
}

/// How a body with these encodings (the default first) and default media type is sent.
pub(crate) fn body_wire(encodings: &[Encoding], media_type: &str) -> BodyWire {
    match encodings.first() {
        Some(Encoding::Form) => BodyWire::Form,
        Some(Encoding::Multipart) => BodyWire::Multipart,
        Some(Encoding::Text) => BodyWire::Text(text_media_type(media_type)),
        Some(Encoding::Binary) => BodyWire::Binary(concrete_media_type(media_type)),
        _ => BodyWire::Document(document_format(encodings)),
    }
}

/// A text media type with its character set: the client sends UTF-8.
fn text_media_type(media_type: &str) -> String {
    if media_type.to_ascii_lowercase().contains("charset=") {
        media_type.to_owned()
    } else {
        format!("{media_type}; charset=utf-8")
    }
}

/// A range (`image/*`) names no type, so the bytes go as `application/octet-stream`.
fn concrete_media_type(media_type: &str) -> String {
    if media_type.contains('*') {
        "application/octet-stream".to_owned()
    } else {
        media_type.to_owned()
    }
}

/// How an operation whose responses are final asks for its answer and reads it.
pub(crate) fn answer(operation: &Operation) -> Answer {
    Answer {
        format: document_format(&operation.accept),
        accept: raw_accept(operation),
        encoding: operation
            .responses
            .iter()
            .filter(|r| r.status.is_success() || r.status == Status::Default)
            .find_map(|r| r.content.first())
            .map(|c| c.encoding),
    }
}

/// The media types an operation reads as text or bytes (`application/pdf, image/png`), and JSON
/// when another success is JSON; `None` when every success body is a document.
fn raw_accept(operation: &Operation) -> Option<String> {
    let raw = |c: &Content| matches!(c.encoding, Encoding::Text | Encoding::Binary);
    let firsts: Vec<&Content> = operation
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .filter_map(|r| r.content.first())
        .collect();
    if !firsts.iter().any(|c| raw(c)) {
        return None;
    }
    let mut media_types: Vec<&str> = operation
        .responses
        .iter()
        .filter(|r| r.status.is_success() && r.content.first().is_some_and(raw))
        .flat_map(|r| r.content.iter().filter(|c| raw(c)))
        .map(|c| c.media_type.as_str())
        .collect();
    if firsts.iter().any(|c| !raw(c)) {
        media_types.push("application/json");
    }
    media_types.sort_unstable();
    media_types.dedup();
    Some(media_types.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_chosen_only_when_both_formats_are_offered() {
        use Encoding::*;
        assert_eq!(document_format(&[Json, Yaml]), Format::Chosen);
        assert_eq!(document_format(&[Yaml, Json]), Format::Chosen);
        assert_eq!(document_format(&[Yaml]), Format::Yaml);
        assert_eq!(document_format(&[Json]), Format::Json);
        assert_eq!(document_format(&[]), Format::Json);
    }

    #[test]
    fn text_names_its_charset_and_a_range_sends_octets() {
        assert_eq!(text_media_type("text/plain"), "text/plain; charset=utf-8");
        assert_eq!(
            text_media_type("text/csv; Charset=latin1"),
            "text/csv; Charset=latin1"
        );
        assert_eq!(concrete_media_type("image/*"), "application/octet-stream");
        assert_eq!(concrete_media_type("image/png"), "image/png");
    }
}
