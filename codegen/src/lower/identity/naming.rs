//! The names of the types that lowering met as inline schemas or hoisted files, once the ones
//! that are the same type are one.
//!
//! A type is named by the first of these that only it asks for:
//! 1. its schema's `title`, when that reads as a name (`An app deployment`, not `A step that is
//!    run as part of the deployment's lifecycle`);
//! 2. the name of the file it was written in (`models/app.yml` → `App`), with the nearest
//!    directory that tells two such files apart when two types ask for the same (`DropletsRegion`,
//!    `RegionsRegion`), numbered when a component has the name already;
//! 3. when it is used in several places, the name they all agree on: the words that every
//!    member holding it ends in (`region` → `Region`; `deployment`, `active_deployment` →
//!    `Deployment`; the items of `apps` and a member `app` → `App`), unless that is only a word
//!    such as `value` or `data`, which says nothing of what the value is;
//! 4. the shortest name of a place that holds it: the name of the type there, then the member
//!    (`AppSpec` + `ingress` → `AppSpecIngress`), with a warning when two of the same length tie.
//!
//! A type used in one place gets the name it had before any were merged: step 4, with the names
//! of the places as they were. What a type is called depends only on its own schema and places,
//! so that a change elsewhere in the spec renames nothing but the types that take part in it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Births, most_common};
use crate::lower::types::Place;
use crate::names::{Namespace, camel, snake};

/// A type of the model once its copies are merged: the types lowering made that it stands for.
pub(super) struct Target {
    /// Their names as lowering gave them, in the order lowering met them.
    pub(super) members: Vec<String>,
    /// Its name, once given; the name of a component of the spec's from the start.
    pub(super) name: Option<String>,
    /// Where its first member is, for the warnings about its name.
    pub(super) origin: String,
}

/// Words that places agree on without saying what the value is: a type is not named by one of
/// them alone (two unions of a string or a boolean, each a member `value`, are not a `Value`).
const SAYS_NOTHING: &[&str] = &[
    "body", "content", "data", "details", "info", "item", "object", "result", "value",
];

/// A warning about a name: the pointer it is about, and its message.
pub(super) type NameWarning = (String, String);

pub(super) const TIED_NAMES: &str =
    "give the schema a `title`, or make it a component, to choose its name";

/// Gives every target that has none its name. `target_of` maps each name lowering gave to the
/// target that stands for it; `namespace` holds the names taken already.
pub(super) fn name(
    targets: &mut [Target],
    target_of: &HashMap<String, usize>,
    births: &Births,
    namespace: &mut Namespace,
) -> Vec<NameWarning> {
    let naming = Naming { births, target_of };
    let unnamed: Vec<usize> = (0..targets.len())
        .filter(|&t| targets[t].name.is_none())
        .collect();
    let titles: Vec<(usize, String)> = unnamed
        .iter()
        .filter_map(|&t| Some((t, title_name(naming.title(&targets[t])?)?)))
        .collect();
    grant_unique(targets, titles, namespace);
    naming.name_after_files(targets, namespace);
    let agreed: Vec<(usize, String)> = (0..targets.len())
        .filter(|&t| targets[t].name.is_none())
        .filter_map(|t| Some((t, naming.agreed(t, &targets[t])?)))
        .collect();
    grant_unique(targets, agreed, namespace);
    naming.name_after_places(targets, namespace)
}

struct Naming<'a> {
    births: &'a Births,
    target_of: &'a HashMap<String, usize>,
}

impl Naming<'_> {
    /// The title its members' schemas give most often.
    fn title<'t>(&'t self, target: &Target) -> Option<&'t str> {
        most_common(
            target
                .members
                .iter()
                .filter_map(|member| self.births.titles.get(member).map(String::as_str)),
        )
    }

    /// Step 2: the types written in files of their own.
    fn name_after_files(&self, targets: &mut [Target], namespace: &mut Namespace) {
        // The hoisted member that names each target, and the name it gives.
        let mut asked: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
        for (t, target) in targets.iter().enumerate() {
            if target.name.is_some() {
                continue;
            }
            let files = target
                .members
                .iter()
                .filter_map(|member| self.births.hoisted.get(member))
                .filter_map(|hoisted| Some((hoisted.name.as_deref()?, hoisted)));
            let mut named: Vec<(&str, &crate::load::HoistedSchema)> = files.collect();
            named.sort_by(|a, b| a.1.file.cmp(&b.1.file));
            let Some(stem) = most_common(named.iter().map(|(name, _)| *name)) else {
                continue;
            };
            let file = named
                .iter()
                .find(|(name, _)| *name == stem)
                .map(|(_, hoisted)| hoisted.file.as_str())
                .unwrap_or_default();
            asked
                .entry(camel(stem, "Type", "T"))
                .or_default()
                .push((t, file));
        }
        for (name, askers) in asked {
            if let [(t, _)] = askers.as_slice() {
                targets[*t].name = Some(namespace.claim(name));
                continue;
            }
            for (t, qualified) in qualified_by_directory(&name, &askers) {
                targets[t].name = Some(namespace.claim(qualified));
            }
        }
    }

    /// Step 3: the words that every place holding a type used in several places ends in.
    fn agreed(&self, t: usize, target: &Target) -> Option<String> {
        let places = self.places(t, target);
        let distinct: BTreeSet<(Option<usize>, &str)> = places
            .iter()
            .map(|place| (self.parent_target(place), place.suffix.as_str()))
            .collect();
        if distinct.len() < 2 {
            return None;
        }
        let mut common: Option<Vec<String>> = None;
        for place in &places {
            let called = place.called.as_ref()?;
            let mut words: Vec<String> = snake(&called.name, "value")
                .split('_')
                .filter(|word| !word.is_empty())
                .map(str::to_owned)
                .collect();
            if called.item
                && let Some(last) = words.last_mut()
            {
                *last = pluralizer::pluralize(last, 1, false);
            }
            common = Some(match common {
                None => words,
                Some(common) => common_suffix(&common, &words),
            });
        }
        let words = common.filter(|words| match words.as_slice() {
            [] => false,
            [word] => !SAYS_NOTHING.contains(&word.as_str()),
            _ => true,
        })?;
        Some(camel(&words.join("_"), "Type", "T"))
    }

    /// Step 4, in the order lowering met the types, so that the type holding a place is named
    /// before the types it holds and the numbers of names that collide stay as they were.
    fn name_after_places(
        &self,
        targets: &mut [Target],
        namespace: &mut Namespace,
    ) -> Vec<NameWarning> {
        let born: HashMap<&str, usize> = self
            .births
            .born
            .iter()
            .enumerate()
            .map(|(index, name)| (name.as_str(), index))
            .collect();
        let mut waiting: Vec<usize> = (0..targets.len())
            .filter(|&t| targets[t].name.is_none())
            .collect();
        waiting.sort_by_key(|&t| {
            let first = targets[t].members.first().map(String::as_str);
            first.and_then(|name| born.get(name).copied())
        });
        let mut warnings = Vec::new();
        while !waiting.is_empty() {
            let before = waiting.len();
            let mut still = Vec::new();
            for t in waiting {
                match self.place_names(t, targets) {
                    Some(candidates) => {
                        let (name, warning) = shortest(&candidates, &targets[t]);
                        warnings.extend(warning);
                        targets[t].name = Some(namespace.claim(name));
                    }
                    None => still.push(t),
                }
            }
            // Types that only hold each other: named as lowering named them.
            if still.len() == before {
                for t in still.drain(..) {
                    let first = targets[t].members[0].clone();
                    targets[t].name = Some(namespace.claim(first));
                }
            }
            waiting = still;
        }
        warnings
    }

    /// The names of the places that hold the target, once the types holding them are named;
    /// `None` while one is not. With no place, the name its first member had.
    fn place_names(&self, t: usize, targets: &[Target]) -> Option<Vec<String>> {
        let places = self.places(t, &targets[t]);
        if places.is_empty() {
            return Some(vec![targets[t].members[0].clone()]);
        }
        let mut names = Vec::new();
        for place in places {
            let name = match &place.parent {
                None => place.suffix.clone(),
                Some(parent) => match self.parent_target(place) {
                    Some(p) => place.name_within(targets[p].name.as_deref()?),
                    // A type no longer in the model (an alias that was inlined) is named as
                    // lowering named it.
                    None => place.name_within(parent),
                },
            };
            names.push(camel(&name, "Type", "T"));
        }
        Some(names)
    }

    /// The places that hold the target's members, but for those inside the target itself.
    fn places(&self, t: usize, target: &Target) -> Vec<&Place> {
        target
            .members
            .iter()
            .filter_map(|member| self.births.places.get(member))
            .flatten()
            .filter(|place| self.parent_target(place) != Some(t))
            .collect()
    }

    fn parent_target(&self, place: &Place) -> Option<usize> {
        self.target_of.get(place.parent.as_deref()?).copied()
    }
}

/// The name a title gives, when it reads as a name rather than as a sentence: at most
/// [`TITLE_WORDS`] words once an article in front is left out (`An app deployment` →
/// `AppDeployment`), with no full stop.
fn title_name(title: &str) -> Option<String> {
    let title = title.trim();
    if title.ends_with('.') {
        return None;
    }
    let mut words: Vec<&str> = title.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0].to_ascii_lowercase().as_str(), "a" | "an" | "the") {
        words.remove(0);
    }
    if words.is_empty() || words.len() > TITLE_WORDS {
        return None;
    }
    Some(camel(&words.join(" "), "Type", "T"))
}

/// A title of more words is a description, written where a name would be.
const TITLE_WORDS: usize = 3;

/// Gives each target the name it asks for when no other target asks for it and it is free.
fn grant_unique(targets: &mut [Target], asked: Vec<(usize, String)>, namespace: &mut Namespace) {
    let mut askers: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (t, name) in asked {
        askers.entry(name).or_default().push(t);
    }
    for (name, askers) in askers {
        if let [t] = askers.as_slice()
            && !namespace.contains(&name)
        {
            targets[*t].name = Some(namespace.claim(name));
        }
    }
}

/// The names of types whose files share a name: each with the name of the nearest directory
/// that tells its file apart from the others (`droplets/models/region.yml`,
/// `regions/models/region.yml` → `DropletsRegion`, `RegionsRegion`); the plain name when
/// nothing does.
fn qualified_by_directory(name: &str, askers: &[(usize, &str)]) -> Vec<(usize, String)> {
    let directories: Vec<Vec<&str>> = askers
        .iter()
        .map(|(_, file)| {
            let mut parts: Vec<&str> = file.split('/').collect();
            parts.pop();
            parts.reverse();
            parts
        })
        .collect();
    let depth = (0..directories.iter().map(Vec::len).max().unwrap_or(0)).find(|&depth| {
        let at: BTreeSet<Option<&&str>> = directories.iter().map(|d| d.get(depth)).collect();
        at.len() == askers.len()
    });
    askers
        .iter()
        .zip(&directories)
        .map(|((t, _), directories)| {
            let qualified = depth
                .and_then(|depth| directories.get(depth))
                .map(|directory| camel(&format!("{directory}_{name}"), "Type", "T"))
                .unwrap_or_else(|| name.to_owned());
            (*t, qualified)
        })
        .collect()
}

/// The shortest of `candidates` (the first in order of those as short), and a warning when
/// another as short differs from it.
fn shortest(candidates: &[String], target: &Target) -> (String, Option<NameWarning>) {
    let mut sorted: Vec<&String> = candidates.iter().collect();
    sorted.sort_by(|a, b| (a.len(), *a).cmp(&(b.len(), *b)));
    sorted.dedup();
    let chosen = sorted[0].clone();
    let tied: Vec<&String> = sorted
        .iter()
        .skip(1)
        .take_while(|name| name.len() == chosen.len())
        .copied()
        .collect();
    let warning = (!tied.is_empty()).then(|| {
        let others = tied
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        (
            target.origin.clone(),
            format!(
                "this schema is used in {} places whose names are as short as each other; it is named `{chosen}`, not {others}",
                candidates.len()
            ),
        )
    });
    (chosen, warning)
}

/// The words both lists end in.
fn common_suffix(a: &[String], b: &[String]) -> Vec<String> {
    let shared = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a[a.len() - shared..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_share_a_name_are_told_apart_by_the_nearest_directory_that_differs() {
        let askers = [
            (0, "resources/droplets/models/region.yml"),
            (1, "resources/regions/models/region.yml"),
        ];
        assert_eq!(
            qualified_by_directory("Region", &askers),
            vec![
                (0, "DropletsRegion".to_owned()),
                (1, "RegionsRegion".to_owned())
            ]
        );
        let same = [(0, "a/region.yml"), (1, "a/region.yml")];
        assert_eq!(
            qualified_by_directory("Region", &same),
            vec![(0, "Region".to_owned()), (1, "Region".to_owned())]
        );
    }

    #[test]
    fn the_shortest_place_name_wins_and_a_tie_is_said() {
        let target = Target {
            members: vec!["A".into()],
            name: None,
            origin: "#/x".into(),
        };
        let (name, warning) = shortest(&["AppsGetResponse".into(), "AppsListX".into()], &target);
        assert_eq!(name, "AppsListX");
        assert!(warning.is_none());
        let (name, warning) = shortest(&["BetaBody".into(), "AlfaBody".into()], &target);
        assert_eq!(name, "AlfaBody");
        let (_, message) = warning.unwrap();
        assert!(message.contains("`BetaBody`"), "{message}");
    }

    #[test]
    fn a_title_names_a_type_when_it_reads_as_a_name() {
        assert_eq!(
            title_name("An app deployment").as_deref(),
            Some("AppDeployment")
        );
        assert_eq!(title_name("AppSpec").as_deref(), Some("AppSpec"));
        assert_eq!(
            title_name("Collection of user").as_deref(),
            Some("CollectionOfUser")
        );
        assert_eq!(title_name("Configurations for external logging."), None);
        assert_eq!(
            title_name("A step that is run as part of the lifecycle"),
            None
        );
        assert_eq!(title_name("  "), None);
    }

    #[test]
    fn common_suffixes_are_whole_words() {
        let words = |text: &str| text.split('_').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            common_suffix(&words("active_deployment"), &words("deployment")),
            words("deployment")
        );
        assert!(common_suffix(&words("phase"), &words("status")).is_empty());
    }
}
