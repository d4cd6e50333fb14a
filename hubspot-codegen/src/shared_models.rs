//! Models several APIs define alike: the same name and the same Rust text (fields, types,
//! derives), naming only models that are shared alike too. Each is generated once (in the API
//! crate all its APIs are in, else in `hubspot-models`), compiled when any API that names it
//! is, and those APIs re-export it: a filter built for `lists` is the one `object_tags` takes, and it is compiled
//! once. A name defined differently by some APIs is shared by each group that agrees: the
//! largest at the top of its crate's `shared.rs`, the others in a module of their own
//! (`list_query_2`), re-exported under the name by their APIs all the same.

use std::collections::{BTreeMap, BTreeSet};

use crate::layout::crate_of;
use crate::names::{feature, snake};
use crate::plan::{ApiPlan, Endpoint};
use crate::shared::SharedValues;
use crate::types::{Def, Field, Models, Use};

/// One model, generated once.
#[derive(Debug)]
pub(crate) struct SharedModel {
    pub(crate) name: String,
    /// Its Rust text, as any of its APIs would write it.
    pub(crate) text: String,
    /// The models it names.
    pub(crate) refs: Vec<String>,
    /// The features that compile an API naming it; `None` when one is always compiled.
    pub(crate) features: Option<BTreeSet<&'static str>>,
    /// The API crate all its APIs are in (`hubspot-cms`); `None`: `hubspot-models`, for
    /// models of APIs in several crates or in `hubspot-crm`.
    pub(crate) home: Option<String>,
    /// The paths of the APIs that re-export it.
    apis: BTreeSet<Vec<String>>,
    /// Its module in `shared.rs` when another shared type of its crate has its name
    /// (`list_query_2`); `None`: at the top.
    pub(crate) module: Option<String>,
}

/// Every shared model: a name is shared at most once per crate.
#[derive(Debug, Default)]
pub(crate) struct SharedModels {
    models: Vec<SharedModel>,
}

/// What an API defines under a name, as the pass compares it.
struct Local<'p> {
    /// Equal for two definitions of the same structure, whatever their use.
    key: String,
    item: Item<'p>,
    refs: Vec<String>,
}

/// A definition the pass can share.
#[derive(Clone, Copy)]
pub(crate) enum Item<'p> {
    /// A model, and how the API uses it.
    Model(&'p Def, Use),
    /// An operation's query parameters: the operation, and the fields.
    Query(&'p Endpoint, &'p [Field]),
    /// A re-export of a shared value set, by the set's name.
    Values(&'p str),
}

impl SharedModels {
    /// The models two or more APIs define alike. `render` writes one as its API would; a model
    /// used one way by one API and another way by another is shared used both ways.
    pub(crate) fn of<'p>(
        plans: &'p [ApiPlan<'_>],
        values: &'p SharedValues,
        render: impl Fn(&str, Item<'_>, &Models<'_>) -> String,
    ) -> Self {
        let mut locals: BTreeMap<&'p str, BTreeMap<Vec<String>, Local<'p>>> = BTreeMap::new();
        let mut by_path: BTreeMap<Vec<String>, &'p ApiPlan<'_>> = BTreeMap::new();
        for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
            let path = plan.path_key();
            by_path.insert(path.clone(), plan);
            let empty = |name: &String| matches!(plan.models.defs.get(name), Some((Def::Struct(f), _)) if f.is_empty());
            let mut add = |name: &'p str, local: Local<'p>| {
                locals.entry(name).or_default().insert(path.clone(), local);
            };
            for (name, (def, usage)) in &plan.models.defs {
                if empty(name) {
                    continue;
                }
                let local = match values.set_of(plan, name) {
                    Some(set) => Local {
                        key: format!("values {set}"),
                        item: Item::Values(set),
                        refs: Vec::new(),
                    },
                    None => Local {
                        key: format!("{def:?}"),
                        item: Item::Model(def, *usage),
                        refs: def.named().into_iter().filter(|r| !empty(r)).collect(),
                    },
                };
                add(name, local);
            }
            for endpoint in &plan.endpoints {
                if let Some((name, fields)) = &endpoint.query {
                    let item = Item::Query(endpoint, fields);
                    let mut refs = Vec::new();
                    fields.iter().for_each(|f| f.ty.named(&mut refs));
                    let key = render(name, item, &plan.models);
                    add(name, Local { key, item, refs });
                }
            }
        }
        let home_of = |apis: &BTreeSet<Vec<String>>| {
            let homes: BTreeSet<Option<String>> =
                apis.iter().map(|path| crate_of(by_path[path])).collect();
            match homes.into_iter().collect::<Vec<_>>().as_slice() {
                [Some(one)] => Some(one.clone()),
                _ => None,
            }
        };
        // Every set of two or more APIs that define a name alike, largest first.
        let mut groups: Vec<(&str, BTreeSet<Vec<String>>)> = Vec::new();
        for (name, by_api) in &locals {
            let mut alike: BTreeMap<&str, BTreeSet<Vec<String>>> = BTreeMap::new();
            for (path, local) in by_api {
                alike
                    .entry(local.key.as_str())
                    .or_default()
                    .insert(path.clone());
            }
            let mut alike: Vec<BTreeSet<Vec<String>>> = alike.into_values().collect();
            alike.sort_by_key(|apis| std::cmp::Reverse(apis.len()));
            groups.extend(alike.into_iter().map(|apis| (*name, apis)));
        }
        // An API shares a model only where it shares every model that one names: dropping an
        // API from one group can drop it from those naming that one, so repeat until nothing
        // moves. A crate holds one shared type of a name at the top (the largest group's); a
        // later group of the name goes in a module of its own where every model it names is
        // one at the top, else its APIs keep their own.
        let mut modules: Vec<Option<String>>;
        loop {
            groups.retain(|(_, apis)| apis.len() > 1);
            let mut taken: BTreeMap<(&str, Option<String>), usize> = BTreeMap::new();
            let mut drops = Vec::new();
            modules = vec![None; groups.len()];
            for (index, (name, apis)) in groups.iter().enumerate() {
                let home = home_of(apis);
                let count = taken.entry((name, home.clone())).or_insert(0);
                *count += 1;
                if *count > 1 {
                    let first = &apis.first().map(|path| &locals[name][path].refs);
                    let at_top =
                        |r: &String| groups.iter().filter(|(other, _)| other == r).count() == 1;
                    if first.is_some_and(|refs| refs.iter().all(at_top)) {
                        modules[index] = Some(format!("{}_{count}", snake(name)));
                    } else {
                        drops.extend(apis.iter().map(|path| (index, path.clone())));
                        continue;
                    }
                }
                for path in apis {
                    let refs = &locals[name][path].refs;
                    let shared = |r: &String| {
                        groups
                            .iter()
                            .any(|(other, apis)| other == r && apis.contains(path))
                    };
                    if !refs.iter().all(shared) {
                        drops.push((index, path.clone()));
                    }
                }
            }
            if drops.is_empty() {
                break;
            }
            for (index, path) in drops {
                groups[index].1.remove(&path);
            }
        }
        let models = groups
            .into_iter()
            .zip(modules)
            .filter_map(|((name, apis), module)| {
                let first = apis.first()?;
                let usage =
                    apis.iter()
                        .fold(Use::default(), |all, path| match locals[name][path].item {
                            Item::Model(_, usage) => all.union(usage),
                            _ => all,
                        });
                let item = match locals[name][first].item {
                    Item::Model(def, _) => Item::Model(def, usage),
                    other => other,
                };
                let features = apis
                    .iter()
                    .map(|path| feature(&path[0]))
                    .collect::<Option<BTreeSet<_>>>();
                Some(SharedModel {
                    name: name.to_owned(),
                    text: render(name, item, &by_path[first].models),
                    refs: locals[name][first].refs.clone(),
                    home: home_of(&apis),
                    features,
                    apis,
                    module,
                })
            })
            .collect();
        Self { models }
    }

    /// Where `plan` re-exports its model `name` from, if it is shared: `hubspot_models::shared`
    /// or `crate::shared`, and the model's module there if it has one.
    pub(crate) fn home_of(&self, plan: &ApiPlan<'_>, name: &str) -> Option<String> {
        let path = plan.path_key();
        let model = self
            .models
            .iter()
            .find(|model| model.name == name && model.apis.contains(&path))?;
        let krate = match model.home {
            Some(_) => "crate",
            None => "hubspot_models",
        };
        Some(match &model.module {
            Some(module) => format!("{krate}::shared::{module}"),
            None => format!("{krate}::shared"),
        })
    }

    /// The models generated once in `home` (`None`: `hubspot-models`), by name.
    pub(crate) fn in_home<'s>(
        &'s self,
        home: Option<&'s str>,
    ) -> impl Iterator<Item = &'s SharedModel> {
        let mut models: Vec<&SharedModel> = self
            .models
            .iter()
            .filter(|model| model.home.as_deref() == home)
            .collect();
        models.sort_by(|a, b| a.name.cmp(&b.name));
        models.into_iter()
    }
}
