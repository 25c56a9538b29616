//! How structs travel: one line per member in a call of the runtime's `object_codec!`, which
//! writes their `Deserialize` and `Serialize`.
//!
//! The call is written as text, one member a line, because prettyplease fills a macro's tokens
//! into paragraphs: a member added to the spec is then one added line of the diff.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::quote;

use super::rust::TypeTable;
use crate::ir::{Field, Rest, StructDef, TypeDef, TypeRef};

/// The call of `object_codec!` for a struct, behind `cfg` (empty for none).
pub(crate) fn object_codec(
    def: &TypeDef,
    s: &StructDef,
    table: &TypeTable<'_>,
    cfg: &TokenStream,
) -> String {
    let mut text = String::new();
    if !cfg.is_empty() {
        text.push_str(&tokens_text(cfg));
        text.push('\n');
    }
    text.push_str("crate::runtime::object_codec! {\n");
    text.push_str(&format!("    {} {{\n", def.name));
    for field in &s.fields {
        text.push_str(&format!("        {:?} => {}", field.name, field.rust_name));
        if !field.is_optional() {
            text.push_str(": required");
        } else if field.required {
            text.push_str(": nullable");
        }
        if let Some(adapter) = table.adapter(&field.ty) {
            text.push_str(" as ");
            text.push_str(&tokens_text(&wrapped(field, adapter)));
        }
        text.push_str(",\n");
    }
    match &s.rest {
        Rest::Unknown { field } => text.push_str(&format!("        ..{field}\n")),
        Rest::Typed { field, .. } => text.push_str(&format!("        ..{field}: map\n")),
    }
    text.push_str("    }\n}\n");
    text
}

/// The field's Rust type, as the struct declares it.
pub(crate) fn field_type(field: &Field, spell: &dyn Fn(&TypeRef) -> TokenStream) -> TokenStream {
    wrapped(field, spell(&field.ty))
}

/// `inner` in the field's box and option, so that its type and its adapter wrap alike.
fn wrapped(field: &Field, mut inner: TokenStream) -> TokenStream {
    if field.boxed {
        inner = quote!(Box<#inner>);
    }
    if field.is_optional() {
        inner = quote!(Option<#inner>);
    }
    inner
}

/// Tokens of a type or an attribute as rustfmt would write them on one line: no space around
/// `::`, `<` and `>`, one after a comma and around `=`.
fn tokens_text(tokens: &TokenStream) -> String {
    let mut text = String::new();
    let mut word_before = false;
    for token in tokens.clone() {
        match token {
            TokenTree::Ident(ident) => {
                if word_before {
                    text.push(' ');
                }
                text.push_str(&ident.to_string());
                word_before = true;
            }
            TokenTree::Literal(literal) => {
                if word_before {
                    text.push(' ');
                }
                text.push_str(&literal.to_string());
                word_before = true;
            }
            TokenTree::Punct(punct) => {
                match (punct.as_char(), punct.spacing()) {
                    (',', _) => text.push_str(", "),
                    ('=', Spacing::Alone) => text.push_str(" = "),
                    (other, _) => text.push(other),
                }
                word_before = false;
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                text.push_str(open);
                text.push_str(&tokens_text(&group.stream()));
                text.push_str(close);
                word_before = false;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_attributes_read_as_rustfmt_writes_them() {
        let adapter = quote!(
            Option<Vec<serde_with::PickFirst<(serde_with::DisplayFromStr, serde_with::Same)>>>
        );
        assert_eq!(
            tokens_text(&adapter),
            "Option<Vec<serde_with::PickFirst<(serde_with::DisplayFromStr, serde_with::Same)>>>"
        );
        let cfg = quote!(#[cfg(any(feature = "apps", feature = "droplets"))]);
        assert_eq!(
            tokens_text(&cfg),
            "#[cfg(any(feature = \"apps\", feature = \"droplets\"))]"
        );
    }
}
