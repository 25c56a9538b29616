//! Where a schema is used: what names the type an inline schema becomes there, and what the
//! naming of a type used in several places reads.

use crate::names::camel;

/// A place that holds a value of some schema: a member of a type, the items of an array there,
/// an operation's body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Place {
    /// The type that holds the value, by the name it had when the value was met; `None` at an
    /// operation's parameter, body, response or header.
    pub(crate) parent: Option<String>,
    /// What the place adds to the name of the type that holds it (`Ingress` in
    /// `AppSpecIngress`), or, at an operation, the whole name (`AppsGetResponse`).
    pub(crate) suffix: String,
    /// What the place calls the value, when it calls it something: a member's name (`region`),
    /// one of a member's items (`regions`), `error` for the body of an error response.
    pub(crate) called: Option<Called>,
}

/// A name that a place gives the value it holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Called {
    /// As the spec writes it (`active_deployment`, `regions`).
    pub(crate) name: String,
    /// The value is one item of what `name` names (`regions`), so it is named in the singular.
    pub(crate) item: bool,
}

impl Place {
    /// A value of an operation (a parameter, a body, a response), named `name`.
    pub(crate) fn operation(name: String) -> Place {
        Place {
            parent: None,
            suffix: name,
            called: None,
        }
    }

    /// The body of an operation's error response, named `name`: every error response calls
    /// its body an error.
    pub(crate) fn error(name: String) -> Place {
        Place {
            called: Some(Called {
                name: "error".to_owned(),
                item: false,
            }),
            ..Place::operation(name)
        }
    }

    /// The value of the type `name` itself (what an alias stands for, the items of an array
    /// type).
    pub(crate) fn of_type(name: &str) -> Place {
        Place {
            parent: Some(name.to_owned()),
            suffix: String::new(),
            called: None,
        }
    }

    /// The member `property` of the type `owner`.
    pub(crate) fn member(owner: &str, property: &str) -> Place {
        Place {
            parent: Some(owner.to_owned()),
            suffix: camel(property, "Field", "F"),
            called: Some(Called {
                name: property.to_owned(),
                item: false,
            }),
        }
    }

    /// The variant `index` of the union `owner`.
    pub(crate) fn variant(owner: &str, index: usize) -> Place {
        Place {
            parent: Some(owner.to_owned()),
            suffix: format!("Variant{index}"),
            called: None,
        }
    }

    /// A header of the response this place is the body of.
    pub(crate) fn header(&self, name: &str) -> Place {
        Place {
            parent: self.parent.clone(),
            suffix: format!("{}{}", self.suffix, camel(name, "Header", "H")),
            called: None,
        }
    }

    /// An item of the array held here.
    pub(crate) fn item(&self) -> Place {
        Place {
            parent: self.parent.clone(),
            suffix: format!("{}Item", self.suffix),
            called: self.called.as_ref().map(|called| Called {
                name: called.name.clone(),
                item: true,
            }),
        }
    }

    /// A value of the map held here.
    pub(crate) fn value(&self) -> Place {
        Place {
            parent: self.parent.clone(),
            suffix: format!("{}Value", self.suffix),
            called: None,
        }
    }

    /// The name an inline schema here gets when it is used nowhere else: the name of the type
    /// that holds it, then the suffix.
    pub(crate) fn name_within(&self, parent: &str) -> String {
        format!("{parent}{}", self.suffix)
    }

    /// [`Place::name_within`] the parent as it was named when the place was met.
    pub(crate) fn provisional_name(&self) -> String {
        self.name_within(self.parent.as_deref().unwrap_or(""))
    }
}
