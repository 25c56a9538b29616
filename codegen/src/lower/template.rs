//! Path templates that carry more than a path: a query string (`/search?q={q}&v=2`) or a fragment
//! (`/#Action=AssumeRole`, `/files/{id}#add_link`), which some specs use to tell apart operations
//! that share a path.
//!
//! A fragment is never sent, so it is dropped. A query string becomes query parameters: a
//! `{name}` names one (declared, or a required string when it is not), and a fixed pair
//! (`v=2`) is sent with every call.

/// A path template split into what goes where.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Template<'p> {
    /// The path itself, without query or fragment.
    pub route: &'p str,
    /// The pairs of the query string, in order.
    pub query: Vec<(&'p str, QueryValue<'p>)>,
    /// Whether a fragment was dropped.
    pub had_fragment: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum QueryValue<'p> {
    /// `{name}`: the value of a parameter.
    Parameter(&'p str),
    /// A value the template fixes.
    Fixed(&'p str),
}

impl<'p> Template<'p> {
    pub(crate) fn split(path: &'p str) -> Template<'p> {
        let (path, had_fragment) = match path.split_once('#') {
            Some((path, _)) => (path, true),
            None => (path, false),
        };
        let (route, query) = path.split_once('?').unwrap_or((path, ""));
        let query = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let value = match value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
                    Some(name) => QueryValue::Parameter(name),
                    None => QueryValue::Fixed(value),
                };
                (key, value)
            })
            .collect();
        // `/#Action=X` is the root path.
        let route = if route.is_empty() { "/" } else { route };
        Template {
            route,
            query,
            had_fragment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_is_all_route() {
        let template = Template::split("/v2/apps/{id}");
        assert_eq!(template.route, "/v2/apps/{id}");
        assert!(template.query.is_empty());
        assert!(!template.had_fragment);
    }

    #[test]
    fn query_strings_give_parameters_and_fixed_pairs() {
        let template = Template::split("/rest?method=photos.get&page={page}&flag");
        assert_eq!(template.route, "/rest");
        assert_eq!(
            template.query,
            [
                ("method", QueryValue::Fixed("photos.get")),
                ("page", QueryValue::Parameter("page")),
                ("flag", QueryValue::Fixed("")),
            ]
        );
    }

    #[test]
    fn fragments_are_dropped() {
        let template = Template::split("/#Action=AssumeRole");
        assert_eq!(template.route, "/");
        assert!(template.query.is_empty());
        assert!(template.had_fragment);
        let template = Template::split("/files/{id}?v={v}#add_link");
        assert_eq!(template.route, "/files/{id}");
        assert_eq!(template.query, [("v", QueryValue::Parameter("v"))]);
    }
}
