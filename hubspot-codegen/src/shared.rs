//! Value sets several APIs repeat: HubSpot's 891 content languages appear in a dozen schemas of
//! the CMS and marketing APIs under a dozen names, its 161 object types in three. Each set is
//! generated once, in `hubspot-models/src/values.rs`, compiled when any API that names it is, and every
//! such API re-exports it under its own name. Only text-kept sets ([`Def::Strings`]) are shared:
//! they refer to no other model, so moving one changes no other type.

use std::collections::{BTreeMap, BTreeSet};

use crate::names::feature;
use crate::plan::ApiPlan;
use crate::types::{Def, Use};

/// One set, generated once.
#[derive(Debug)]
pub(crate) struct SharedSet {
    /// Its values, sorted, so the constants' order does not depend on which API came first.
    pub(crate) values: Vec<String>,
    pub(crate) usage: Use,
    /// The features that compile an API naming it; `None` when one is always compiled.
    pub(crate) features: Option<BTreeSet<&'static str>>,
}

/// Every shared set, and which models re-export it.
#[derive(Debug, Default)]
pub(crate) struct SharedValues {
    /// (API path, model name) to the set's name.
    by_model: BTreeMap<(Vec<String>, String), String>,
    /// Each set by its name.
    pub(crate) sets: BTreeMap<String, SharedSet>,
}

/// A model naming a set: its API's path and top module's feature, its name, how it is used.
struct User<'p> {
    path: Vec<String>,
    feature: Option<&'static str>,
    name: &'p str,
    usage: Use,
}

impl SharedValues {
    /// The sets that two or more models name, over every API.
    pub(crate) fn of(plans: &[ApiPlan<'_>]) -> Self {
        let mut groups: BTreeMap<BTreeSet<&str>, Vec<User<'_>>> = BTreeMap::new();
        for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
            let path = plan.path_key();
            for (name, (def, usage)) in &plan.models.defs {
                if let Def::Strings(values) = def {
                    groups
                        .entry(values.iter().map(String::as_str).collect())
                        .or_default()
                        .push(User {
                            feature: feature(&path[0]),
                            path: path.clone(),
                            name,
                            usage: *usage,
                        });
                }
            }
        }
        let mut shared = Self::default();
        for (values, users) in groups.into_iter().filter(|(_, users)| users.len() > 1) {
            let name = shared.free_name(&users);
            let usage = users
                .iter()
                .fold(Use::default(), |all, user| all.union(user.usage));
            let features = users
                .iter()
                .map(|user| user.feature)
                .collect::<Option<BTreeSet<_>>>();
            for user in &users {
                shared
                    .by_model
                    .insert((user.path.clone(), user.name.to_owned()), name.clone());
            }
            shared.sets.insert(
                name,
                SharedSet {
                    values: values.into_iter().map(str::to_owned).collect(),
                    usage,
                    features,
                },
            );
        }
        shared
    }

    /// The name of the set `model` of `plan` re-exports, if it is shared.
    pub(crate) fn set_of(&self, plan: &ApiPlan<'_>, model: &str) -> Option<&str> {
        let path = plan.path_key();
        self.by_model
            .get(&(path, model.to_owned()))
            .map(String::as_str)
    }

    /// The words the users' names end with (`ObjectType` for `PublicImportErrorObjectType` and
    /// `AssociationDefinitionFromObjectType`), else the last word most of them end with
    /// (`Language`), else the shortest name; made unique among the sets.
    fn free_name(&self, users: &[User<'_>]) -> String {
        let words: Vec<Vec<&str>> = users.iter().map(|u| camel_words(u.name)).collect();
        let first = words.first().cloned().unwrap_or_default();
        let common = (1..=first.len())
            .take_while(|&n| {
                words
                    .iter()
                    .all(|w| w.len() >= n && w[w.len() - n..] == first[first.len() - n..])
            })
            .last()
            .map(|n| first[first.len() - n..].concat());
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for last in words.iter().filter_map(|w| w.last()) {
            *counts.entry(last).or_default() += 1;
        }
        let frequent = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .filter(|(_, n)| **n > 1)
            .map(|(word, _)| (*word).to_owned());
        let shortest = users
            .iter()
            .map(|u| u.name)
            .min_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)))
            .unwrap_or("Values")
            .to_owned();
        let base = [common, frequent, Some(shortest.clone())]
            .into_iter()
            .flatten()
            .find(|name| !self.sets.contains_key(name))
            .unwrap_or(shortest);
        let mut name = base.clone();
        let mut n = 2;
        while self.sets.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }
}

/// `PublicImportErrorObjectType` as `Public`, `Import`, `Error`, `Object`, `Type`.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str) -> User<'_> {
        User {
            path: vec![name.to_owned()],
            feature: None,
            name,
            usage: Use::OUTPUT,
        }
    }

    #[test]
    fn a_set_is_named_for_what_its_users_share() {
        let shared = SharedValues::default();
        let object_types = [
            user("AssociationDefinitionFromObjectType"),
            user("PublicImportErrorObjectType"),
        ];
        assert_eq!(shared.free_name(&object_types), "ObjectType");
        let languages = [
            user("BlogAuthorLanguage"),
            user("PageLanguage"),
            user("UpdateLanguagesRequestVNextLanguagesValue"),
        ];
        assert_eq!(shared.free_name(&languages), "Language");
        let same = [user("PropertyValueSource"), user("PropertyValueSource")];
        assert_eq!(shared.free_name(&same), "PropertyValueSource");
        let unrelated = [user("Alpha"), user("Beta")];
        assert_eq!(shared.free_name(&unrelated), "Beta", "the shortest");
    }

    #[test]
    fn a_name_already_taken_gets_the_next_choice() {
        let mut shared = SharedValues::default();
        let set = || SharedSet {
            values: Vec::new(),
            usage: Use::OUTPUT,
            features: None,
        };
        shared.sets.insert("Language".into(), set());
        let languages = [user("BlogLanguage"), user("PageLanguage")];
        assert_eq!(shared.free_name(&languages), "BlogLanguage");
        shared.sets.insert("BlogLanguage".into(), set());
        assert_eq!(shared.free_name(&languages), "BlogLanguage2");
    }
}
