//! What to emit: for each API, every operation of its 2026-03 spec (dated path, with every dated
//! version that has the same path shape) and every legacy operation without a dated twin
//! (legacy path), each either generated, declared by hand, or skipped with a reason.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::Value;

use crate::curated::{Curated, ObjectRow};
use crate::names::{self, ident, pascal, snake};
use crate::spec::{self, SpecFile, is_dated};
use crate::types::{Field, Models, Ty, Use, scalar};

/// The version whose paths the generated code is written in.
pub(crate) const DECLARED: &str = "2026-03";

/// One generated endpoint.
pub(crate) struct Endpoint {
    /// Modules below the API's own.
    pub(crate) module: Vec<String>,
    pub(crate) function: String,
    pub(crate) method: String,
    /// The macro's path template, with `<name>` placeholders.
    pub(crate) template: String,
    /// Dated versions with this operation, [`DECLARED`] first; empty for a legacy path.
    pub(crate) versions: Vec<String>,
    /// (Rust name, JSON name, type).
    pub(crate) path_params: PathParams,
    /// The query parameters' struct, by name, with its fields.
    pub(crate) query: Option<(String, Vec<Field>)>,
    pub(crate) body: Option<Ty>,
    pub(crate) body_kind: BodyKind,
    pub(crate) response: Option<Ty>,
    pub(crate) idempotent: Option<bool>,
    pub(crate) search: bool,
    pub(crate) scopes: Vec<String>,
    /// The spec authenticates it with a developer API key (`hapikey`).
    pub(crate) developer_key: bool,
}

/// How a request body is sent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json,
    /// `application/x-www-form-urlencoded`, without the bearer token (OAuth).
    Form,
    /// `multipart/form-data`: a `Multipart` the caller builds.
    Multipart,
    /// `text/plain`.
    Text,
}

/// An operation's path parameters: (Rust name, name in the path, type).
pub(crate) type PathParams = Vec<(String, String, PathParam)>;

/// What each API (by family and name) holds.
type ByApi<T> = BTreeMap<(String, String), Vec<T>>;

/// Path parameters that name a file or folder by its location (`templates/home.html`): the
/// CMS source-code and File Manager paths, whose folders must reach HubSpot as folders.
const LOCATIONS: &[&str] = &["path", "folderPath"];

/// How a path parameter is typed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathParam {
    Text,
    Integer,
    /// A file-system location ending the path (`<path..>`), whose `/` stay separators.
    Location,
    /// One of the crate's own types, by its path in `hubspot_models`.
    Typed(Typed),
}

/// The crate's types that a path parameter can be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Typed {
    /// `&ObjectType`, written as the type's name (`deals`).
    ObjectType,
    /// `&ObjectTypeId`, written as the type's id (`0-3`): `ObjectType::Deals.into()`.
    ObjectTypeId,
    PipelineId,
    StageId,
}

impl Typed {
    /// The crate's type for a text path parameter named `name`, where it has one.
    fn of(name: &str) -> Option<Self> {
        Some(match name {
            "objectType" | "fromObjectType" | "toObjectType" => Self::ObjectType,
            "objectTypeId" | "fromObjectTypeId" | "toObjectTypeId" => Self::ObjectTypeId,
            "pipelineId" => Self::PipelineId,
            "stageId" => Self::StageId,
            _ => return None,
        })
    }

    /// Its path in `hubspot_models`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::ObjectType => "ObjectType",
            Self::ObjectTypeId => "ObjectTypeId",
            Self::PipelineId => "PipelineId",
            Self::StageId => "StageId",
        }
    }
}

/// What happened to one operation of the spec.
pub(crate) enum Outcome {
    Generated,
    ByHand(String),
    Skipped(String),
    /// The rule names it as it names another operation of its API, and the overrides table
    /// names neither: generation stops, whichever came first (see [`names::OVERRIDES`]).
    Collides(String),
    /// Declared by hand without a version the collection has it in: generation stops, for
    /// that version would be unreachable.
    LacksVersions(String),
}

/// What happened to one operation: (method, path, version, outcome).
pub(crate) type Record = (String, String, String, Outcome);

/// One API's plan.
pub(crate) struct ApiPlan<'a> {
    pub(crate) api: String,
    pub(crate) family: String,
    /// The API's own module.
    pub(crate) module: String,
    /// Its family's module below the crate root (`cms`), where it is not the CRM's.
    pub(crate) family_module: Option<String>,
    pub(crate) endpoints: Vec<Endpoint>,
    pub(crate) models: Models<'a>,
    /// Every operation looked at: (method, path, version, outcome).
    pub(crate) outcomes: Vec<(String, String, String, Outcome)>,
    /// The operations some dated version authenticates with a developer API key.
    developer_ops: Rc<BTreeSet<(String, String)>>,
}

/// The families this generator writes into `hubspot-crm`.
pub(crate) const FAMILIES: [&str; 18] = [
    "Webhooks Journal",
    "CRM",
    "Auth",
    "Account",
    "Automation",
    "Business Units",
    "CMS",
    "Commerce",
    "Communication Preferences",
    "Conversations",
    "Data Studio",
    "Events",
    "Files",
    "Marketing",
    "Meta",
    "Scheduler",
    "Settings",
    "Webhooks",
];

/// APIs the collection holds that are not HubSpot APIs, with why they are left out.
const NOT_APIS: [(&str, &str); 1] = [(
    "Bucket_Test111",
    "a test object type HubSpot's collection publishes, not an API",
)];

/// Operations whose spec declares no success answer although HubSpot's guide documents one:
/// the webhooks journal's single reads answer a `JournalFetchResponse` (the file's URL, its
/// expiry and the offset), as its batch reads declare.
const DOCUMENTED_ANSWERS: [(&str, &str, &str); 6] = [
    (
        "GET",
        "/webhooks-journal/journal/{v}/earliest",
        "JournalFetchResponse",
    ),
    (
        "GET",
        "/webhooks-journal/journal/{v}/latest",
        "JournalFetchResponse",
    ),
    (
        "GET",
        "/webhooks-journal/journal/{v}/offset/{}/next",
        "JournalFetchResponse",
    ),
    (
        "GET",
        "/webhooks-journal/journal-local/{v}/earliest",
        "JournalFetchResponse",
    ),
    (
        "GET",
        "/webhooks-journal/journal-local/{v}/latest",
        "JournalFetchResponse",
    ),
    (
        "GET",
        "/webhooks-journal/journal-local/{v}/offset/{}/next",
        "JournalFetchResponse",
    ),
];

/// Legacy paths HubSpot renamed in its dated versions, which the path rule cannot match.
const RENAMED: [(&str, &str); 2] = [
    (
        "/crm/objects/v3/deals/splits/batch/read",
        "/deal-splits/{v}/batch/read",
    ),
    (
        "/crm/objects/v3/deals/splits/batch/upsert",
        "/deal-splits/{v}/batch/upsert",
    ),
];

/// One operation to plan: where it came from, and in which API's module it goes.
struct Work<'a> {
    file: &'a SpecFile,
    method: String,
    path: &'a str,
    op: &'a Value,
}

/// The APIs that count their own operations before any spec that repeats them.
const HOMES: [(&str, &str); 4] = [
    ("CRM", "Objects"),
    ("CRM", "Associations"),
    ("CRM", "Associations Schema"),
    ("Webhooks Journal", "Webhooks Journal"),
];

/// The API whose module a generic operation goes in, whichever spec repeats it: every object
/// type's spec carries the generic object and association calls, and the webhooks spec the
/// journal's.
fn home(shape: &str) -> Option<(&'static str, &'static str)> {
    if shape.starts_with("/webhooks-journal/") {
        return Some(("Webhooks Journal", "Webhooks Journal"));
    }
    if shape.starts_with("/events/{v}/send") {
        return Some(("Events", "Send Event Completions"));
    }
    let generic = shape
        .strip_prefix("/crm/objects/{v}/{}")
        .or_else(|| shape.strip_prefix("/crm/objects/v3/{}"))?;
    Some(if generic.starts_with("/{}/associations") {
        ("CRM", "Associations")
    } else {
        ("CRM", "Objects")
    })
}

/// Plans every API of [`FAMILIES`]. An operation several specs repeat is counted once: in its
/// home API for the generic object and association paths, else in the first API that has it.
pub(crate) fn plan<'a>(specs: &'a [SpecFile], curated: &Curated) -> Vec<ApiPlan<'a>> {
    let index = Index::of(specs);
    // Keyed by (family, API): two families can hold an API of the same name (meetings).
    let mut apis: ByApi<&'a SpecFile> = BTreeMap::new();
    for spec in specs
        .iter()
        .filter(|s| FAMILIES.contains(&s.family.as_str()))
    {
        apis.entry((spec.family.clone(), spec.api.clone()))
            .or_default()
            .push(spec);
    }
    let (work, outcomes) = gather(&apis, &index);
    build(apis.into_keys(), work, outcomes, &index, curated)
}

/// What the whole collection says about each operation, which planning one API looks up.
struct Index {
    /// Every dated version of each (method, path shape).
    versions: BTreeMap<(String, String), Vec<String>>,
    /// The dated (method, shape)s, version left out.
    dated_shapes: BTreeSet<(String, String)>,
    /// The operations some dated version authenticates with a developer API key.
    developer_ops: Rc<BTreeSet<(String, String)>>,
    /// The generic legacy object paths (`/crm/objects/v3/{objectType}/…`), which a type's own
    /// legacy path (`/crm/v3/objects/partner_clients/…`) repeats.
    legacy_generic: BTreeSet<(String, String)>,
    /// The (method, shape)s of [`DECLARED`].
    declared_shapes: BTreeSet<(String, String)>,
    /// The legacy (method, shape)s of the families generated, version left out.
    legacy_shapes: BTreeSet<(String, String)>,
}

impl Index {
    fn of(specs: &[SpecFile]) -> Self {
        let legacy = |generated_only: bool| -> BTreeSet<(String, String)> {
            specs
                .iter()
                .filter(|s| {
                    !is_dated(&s.version)
                        && (!generated_only || FAMILIES.contains(&s.family.as_str()))
                })
                .flat_map(|s| {
                    s.operations().into_iter().map(|(method, path, _)| {
                        (
                            method,
                            spec::shape(path, &s.version).replacen("/{v}", "", 1),
                        )
                    })
                })
                .collect()
        };
        Self {
            versions: with_typed_versions(spec::dated_versions(specs)),
            dated_shapes: dated_without_version(specs),
            developer_ops: Rc::new(developer_ops(specs)),
            legacy_generic: legacy(false)
                .into_iter()
                .filter(|(_, shape)| shape.starts_with("/crm/objects/{}"))
                .collect(),
            declared_shapes: specs
                .iter()
                .filter(|s| s.version == DECLARED)
                .flat_map(|s| {
                    s.operations()
                        .into_iter()
                        .map(|(method, path, _)| (method, spec::shape(path, DECLARED)))
                })
                .collect(),
            legacy_shapes: legacy(true),
        }
    }
}

/// Each API's own operations, and each generic one moved to its home; with what happened to
/// every operation not planned where it was found.
fn gather<'a>(apis: &ByApi<&'a SpecFile>, index: &Index) -> (ByApi<Work<'a>>, ByApi<Record>) {
    let mut work: ByApi<Work<'a>> = BTreeMap::new();
    let mut outcomes: ByApi<Record> = BTreeMap::new();
    let mut claimed: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
    let mut legacy_seen = BTreeSet::new();
    let mut newer_seen = BTreeSet::new();
    // The home APIs first, so that they count their own operations.
    let homes = HOMES.map(|(family, api)| (family.to_owned(), api.to_owned()));
    let ordered_apis = homes
        .iter()
        .filter_map(|h| apis.get_key_value(h))
        .chain(apis.iter().filter(|(key, _)| !homes.contains(key)));
    for (key, files) in ordered_apis {
        let api = &key.1;
        let skip = NOT_APIS
            .iter()
            .find(|(name, _)| name == api)
            .map(|(_, why)| *why);
        // 2026-03 first, then legacy operations without a 2026-03 twin, then what only later
        // (or earlier) dated versions have.
        let mut ordered: Vec<&&SpecFile> = files.iter().collect();
        ordered.sort_by_key(|f| (version_rank(&f.version), f.version.clone()));
        for file in ordered {
            for (method, path, op) in file.operations() {
                let legacy = !is_dated(&file.version);
                if legacy
                    && (legacy_twin(
                        &method,
                        path,
                        &file.version,
                        &index.dated_shapes,
                        &index.legacy_generic,
                    ) || !legacy_seen.insert((method.clone(), path.to_owned())))
                {
                    continue;
                }
                let shape = spec::shape(path, &file.version);
                if !legacy && file.version != DECLARED {
                    let bare = shape.replacen("/{v}", "", 1);
                    // Counted already: in 2026-03, under a legacy path, or in another version.
                    if index
                        .declared_shapes
                        .contains(&(method.clone(), shape.clone()))
                        || index
                            .declared_shapes
                            .contains(&(method.clone(), generic_object(&shape)))
                        || index.legacy_shapes.contains(&(method.clone(), bare))
                        || !newer_seen.insert((method.clone(), shape.clone()))
                    {
                        continue;
                    }
                }
                let record = |outcome| {
                    (
                        method.clone(),
                        path.to_owned(),
                        file.version.clone(),
                        outcome,
                    )
                };
                if let Some(why) = skip {
                    outcomes
                        .entry(key.clone())
                        .or_default()
                        .push(record(Outcome::Skipped(why.into())));
                    continue;
                }
                let owner = home(&shape).map_or_else(
                    || key.clone(),
                    |(family, api)| (family.to_owned(), api.to_owned()),
                );
                let operation = (method.clone(), shape);
                if let Some(first) = claimed.get(&operation) {
                    let why = format!("counted once, in {}", first.1);
                    outcomes
                        .entry(key.clone())
                        .or_default()
                        .push(record(Outcome::Skipped(why)));
                    continue;
                }
                claimed.insert(operation, owner.clone());
                if owner != *key {
                    let why = format!("counted once, in {}", owner.1);
                    outcomes
                        .entry(key.clone())
                        .or_default()
                        .push(record(Outcome::Skipped(why)));
                }
                work.entry(owner).or_default().push(Work {
                    file,
                    method: method.clone(),
                    path,
                    op,
                });
            }
        }
    }
    (work, outcomes)
}

/// Each API's endpoints and models, from the operations [`gather`] gave it.
fn build<'a>(
    keys: impl Iterator<Item = (String, String)>,
    mut work: ByApi<Work<'a>>,
    mut outcomes: ByApi<Record>,
    index: &Index,
    curated: &Curated,
) -> Vec<ApiPlan<'a>> {
    let mut plans = Vec::new();
    for key in keys {
        let (family, api) = key.clone();
        let mut plan = ApiPlan {
            module: names::api_module(&family, &api),
            family_module: names::family_module(&family).map(str::to_owned),
            api,
            family,
            endpoints: Vec::new(),
            models: Models::new(None),
            outcomes: outcomes.remove(&key).unwrap_or_default(),
            developer_ops: Rc::clone(&index.developer_ops),
        };
        for item in work.remove(&key).unwrap_or_default() {
            plan.models
                .use_schemas(item.file.schemas(), item.file.paths(), &item.file.version);
            let version = item.file.version.clone();
            let outcome = if version == DECLARED {
                let key = (item.method.clone(), spec::shape(item.path, DECLARED));
                let all = index.versions.get(&key).cloned().unwrap_or_default();
                plan.add(
                    &item.method,
                    item.path,
                    item.op,
                    declared_first(all),
                    curated,
                )
            } else if version.as_str() < DECLARED {
                Outcome::Skipped(format!(
                    "only in {version}: {DECLARED} and later versions no longer have it"
                ))
            } else if is_dated(&version) {
                let key = (item.method.clone(), spec::shape(item.path, &version));
                let all = index.versions.get(&key).cloned().unwrap_or_default();
                plan.add_newer(item.file, &item.method, item.path, item.op, all)
            } else {
                plan.add_legacy(item.file, &item.method, item.path, item.op, curated)
            };
            plan.outcomes
                .push((item.method, item.path.to_owned(), version, outcome));
        }
        plan.models.box_cycles();
        plans.push(plan);
    }
    plans
}

/// The order in which an API's spec files are read: 2026-03, legacy, later dated versions
/// (general availability before betas), then earlier ones.
fn version_rank(version: &str) -> u8 {
    if version == DECLARED {
        0
    } else if !is_dated(version) {
        1
    } else if version > DECLARED && !version.contains("beta") {
        2
    } else if version > DECLARED {
        3
    } else {
        4
    }
}

fn declared_first(mut versions: Vec<String>) -> Vec<String> {
    versions.retain(|v| v != DECLARED);
    versions.insert(0, DECLARED.into());
    versions
}

/// Every 2026-03 (method, path) with the version segment removed and parameters blanked: a
/// legacy operation whose twin only a later version has is emitted under its legacy path, which
/// works whichever version a client chooses.
fn dated_without_version(specs: &[SpecFile]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for spec in specs.iter().filter(|s| s.version == DECLARED) {
        for (method, path, _) in spec.operations() {
            let shape = spec::shape(path, &spec.version).replacen("/{v}", "", 1);
            out.insert((method, shape));
        }
    }
    out
}

/// Whether a legacy operation has a dated twin: the same path without its version segment, the
/// generic objects API for a type's own path, or a known rename.
fn legacy_twin(
    method: &str,
    path: &str,
    version: &str,
    dated: &BTreeSet<(String, String)>,
    legacy_generic: &BTreeSet<(String, String)>,
) -> bool {
    if RENAMED.iter().any(|(legacy, _)| *legacy == path) {
        return true;
    }
    let shape = spec::shape(path, version).replacen("/{v}", "", 1);
    if dated.contains(&(method.to_owned(), shape.clone())) {
        return true;
    }
    // `/crm/objects/<type>/…` (after the version went) is the generic `/crm/objects/{}/…`.
    let parts: Vec<&str> = shape.split('/').collect();
    if let ["", "crm", "objects", segment, rest @ ..] = parts.as_slice()
        && *segment != "{}"
    {
        let generic = ["", "crm", "objects", "{}"]
            .into_iter()
            .chain(rest.iter().copied())
            .collect::<Vec<_>>()
            .join("/");
        return dated.contains(&(method.to_owned(), generic.clone()))
            || legacy_generic.contains(&(method.to_owned(), generic));
    }
    false
}

impl<'a> ApiPlan<'a> {
    /// The module's path below the crate root (and below `generated`): `["lists"]`,
    /// `["cms", "pages"]`, or `["files"]` for a family of one API.
    pub(crate) fn path(&self) -> Vec<&str> {
        match &self.family_module {
            Some(family) if *family != self.module => vec![family.as_str(), self.module.as_str()],
            _ => vec![self.module.as_str()],
        }
    }

    /// [`path`](Self::path), owned: the key under which passes over every API keep it.
    pub(crate) fn path_key(&self) -> Vec<String> {
        self.path().into_iter().map(str::to_owned).collect()
    }

    fn add(
        &mut self,
        method: &str,
        path: &str,
        op: &Value,
        versions: Vec<String>,
        curated: &Curated,
    ) -> Outcome {
        let shape = spec::shape(path, DECLARED);
        if let Some(by_hand) = curated.endpoint(method, &shape) {
            return by_hand_in(by_hand.name.clone(), &by_hand.versions, &versions);
        }
        if let Some(row) = curated.object_row(&shape) {
            return match object_row_outcome(row, method, &shape) {
                Outcome::ByHand(at) => by_hand_in(at, &row.versions, &versions),
                other => other,
            };
        }
        if let Some(segment) = typed_object_segment(&shape) {
            return Outcome::Skipped(format!(
                "object type `{segment}` has no row in the object table (HubSpot documents no type id for it): reachable through `objects::*` with `ObjectType::custom(\"{segment}\")`"
            ));
        }
        self.endpoint(method, path, &base_through(path, DECLARED), op, versions)
    }

    /// An operation that only a version after [`DECLARED`] has: declared in the first of its
    /// versions (general availability before a beta), so that a client on 2026-03 is told it
    /// must choose one of them.
    fn add_newer(
        &mut self,
        file: &'a SpecFile,
        method: &str,
        path: &str,
        op: &Value,
        mut versions: Vec<String>,
    ) -> Outcome {
        versions.sort_by_key(|v| (v.contains("beta"), v.clone()));
        if let Some(at) = versions.iter().position(|v| *v == file.version) {
            let own = versions.remove(at);
            versions.insert(0, own);
        }
        self.endpoint(
            method,
            path,
            &base_through(path, &file.version),
            op,
            versions,
        )
    }

    fn add_legacy(
        &mut self,
        file: &'a SpecFile,
        method: &str,
        path: &str,
        op: &Value,
        curated: &Curated,
    ) -> Outcome {
        let shape = spec::shape(path, &file.version);
        if let Some(by_hand) = curated.endpoint(method, &shape) {
            return Outcome::ByHand(by_hand.name.clone());
        }
        self.endpoint(
            method,
            path,
            &base_through(path, &file.version),
            op,
            Vec::new(),
        )
    }

    /// Plans one operation: its answer, its body, its name, its parameters and its path
    /// template, in that order (models take their names in the order they are met).
    fn endpoint(
        &mut self,
        method: &str,
        path: &str,
        base: &str,
        op: &Value,
        versions: Vec<String>,
    ) -> Outcome {
        let response = self.response(method, path, base, op);
        let collection = response.as_ref().is_some_and(|r| {
            matches!(
                r,
                Ty::Vec(_) | Ty::Shared("hubspot_models::Page" | "hubspot_models::SearchPage", _)
            )
        });
        let ruled = self.name_for(method, path, base, collection);
        let body_hint = format!("{}Body", hint_of(ruled.clone()));
        let (body, body_kind) = match self.request_body(op, &body_hint) {
            Ok(body) => body,
            Err(skipped) => return skipped,
        };
        let (module, function) = match self.claim_name(ruled, method, path, base, &versions) {
            Ok(name) => name,
            Err(outcome) => return outcome,
        };
        let (path_params, query_fields) = self.parameters(op, &function);
        let (template, path_params) = match template(path, &path_params) {
            Ok(template) => template,
            Err(skipped) => return skipped,
        };
        let query = (!query_fields.is_empty()).then(|| {
            let name = format!(
                "{}{}Query",
                module.iter().map(|m| pascal(m)).collect::<String>(),
                pascal(&function)
            );
            (name, query_fields)
        });
        let (idempotent, search) = retry_class(method, path);
        let own = spec::shape(path, versions.first().map_or("", String::as_str));
        let developer_key = developer_key(op)
            || self
                .developer_ops
                .contains(&(method.to_owned(), developer_shape(&own)));
        self.endpoints.push(Endpoint {
            module,
            function,
            method: method.to_owned(),
            template,
            versions,
            path_params,
            query,
            body,
            body_kind,
            response,
            idempotent,
            search,
            scopes: scopes(op),
            developer_key,
        });
        Outcome::Generated
    }

    /// What a success answers: its JSON model, bytes, a model HubSpot documents where the spec
    /// declares none, or `Raw` where the spec declares no success at all.
    fn response(&mut self, method: &str, path: &str, base: &str, op: &Value) -> Option<Ty> {
        let response = success_body(op).map(|success| match success {
            Success::Json(schema) => {
                let hint = format!(
                    "{}Response",
                    hint_of(self.name_for(method, path, base, false))
                );
                self.models.resolve(&schema, Use::OUTPUT, &hint)
            }
            Success::Bytes => Ty::Shared("hubspot_runtime::Raw", Vec::new()),
        });
        let shape = spec::shape(path, base.rsplit('/').next().unwrap_or_default());
        let documented = DOCUMENTED_ANSWERS
            .iter()
            .find(|(m, s, _)| *m == method && *s == shape)
            .map(|(_, _, schema)| {
                let reference =
                    serde_json::json!({ "$ref": format!("#/components/schemas/{schema}") });
                self.models.resolve(&reference, Use::OUTPUT, schema)
            });
        // An operation that declares no success answer at all still answers something (HubDB's
        // exports CSV or XLS bytes, a file's download or a theme file its content, a create its
        // record): it comes back as `Raw`, so nothing HubSpot sent is thrown away.
        let declares_success = op
            .get("responses")
            .and_then(Value::as_object)
            .is_some_and(|codes| codes.keys().any(|code| code.starts_with('2')));
        response
            .or(documented)
            .or_else(|| (!declares_success).then(|| Ty::Shared("hubspot_runtime::Raw", Vec::new())))
    }

    /// The request body's type and encoding; a media type the runtime cannot send skips the
    /// operation.
    fn request_body(&mut self, op: &Value, hint: &str) -> Result<(Option<Ty>, BodyKind), Outcome> {
        let Some(content) = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
        else {
            return Ok((None, BodyKind::Json));
        };
        let found = [
            ("application/json", BodyKind::Json),
            ("*/*", BodyKind::Json),
            ("application/x-www-form-urlencoded", BodyKind::Form),
            ("multipart/form-data", BodyKind::Multipart),
            ("text/plain", BodyKind::Text),
        ]
        .into_iter()
        .find_map(|(kind, role)| content.get(kind).map(|media| (role, media)));
        let Some((kind, media)) = found else {
            let kinds: Vec<&String> = content.keys().collect();
            return Err(Outcome::Skipped(format!(
                "request body of type {kinds:?}: not generated"
            )));
        };
        let body = match kind {
            // Parts and text are the caller's: their shape is not a model.
            BodyKind::Multipart => Ty::Shared("hubspot_runtime::Multipart", Vec::new()),
            BodyKind::Text => Ty::String,
            BodyKind::Json | BodyKind::Form => {
                let schema = media.get("schema").cloned().unwrap_or(Value::Null);
                self.models.resolve(&schema, Use::INPUT, hint)
            }
        };
        Ok((Some(body), kind))
    }

    /// `ruled` (the rule's name, or the overrides table's), if no other operation of the API
    /// has it: never the next free name, so that a new HubSpot operation the rule names like a
    /// released one renames neither. A later version's twin of an operation declared at its
    /// 2026-03 path is left to that declaration.
    fn claim_name(
        &self,
        ruled: (Vec<String>, String),
        method: &str,
        path: &str,
        base: &str,
        versions: &[String],
    ) -> Result<(Vec<String>, String), Outcome> {
        let taken = |(module, function): &(Vec<String>, String)| {
            self.endpoints
                .iter()
                .find(|e| e.module == *module && e.function == *function)
        };
        let Some(other) = taken(&ruled) else {
            return Ok(ruled);
        };
        if versions.first().is_some_and(|v| v != DECLARED)
            && other.versions.first().is_some_and(|v| v == DECLARED)
        {
            return Err(Outcome::Skipped(format!(
                "moved to a new path in {}: `{}` declares it under its {DECLARED} path",
                versions[0],
                shown(&ruled)
            )));
        }
        let free: Vec<String> = alternatives(ruled.clone(), method, path, base, &self.module)
            .iter()
            .filter(|name| taken(name).is_none())
            .map(shown)
            .collect();
        Err(Outcome::Collides(format!(
            "its name `{}` is the rule's for `{} {}` too: name one of them in the overrides \
             table (free: {})",
            shown(&ruled),
            other.method,
            other.template,
            free.join(", ")
        )))
    }

    /// The path parameters, typed, and the query parameters as the fields of the call's query
    /// struct.
    fn parameters(&mut self, op: &Value, function: &str) -> (PathParams, Vec<Field>) {
        let mut path_params = Vec::new();
        let mut query_fields = Vec::new();
        let parameters = op
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for param in &parameters {
            let (Some(name), Some(place)) = (
                param.get("name").and_then(Value::as_str),
                param.get("in").and_then(Value::as_str),
            ) else {
                continue;
            };
            let schema = param.get("schema").cloned().unwrap_or(Value::Null);
            match place {
                "path" => {
                    let kind = if schema.get("type").and_then(Value::as_str) == Some("integer") {
                        PathParam::Integer
                    } else if LOCATIONS.contains(&name) {
                        PathParam::Location
                    } else if let Some(typed) = Typed::of(name) {
                        PathParam::Typed(typed)
                    } else {
                        PathParam::Text
                    };
                    path_params.push((ident(&snake(name)), name.to_owned(), kind));
                }
                "query" => {
                    let hint = format!("{}{}", pascal(function), pascal(name));
                    let ty = match scalar(&schema) {
                        Ty::Json => self.models.resolve(&schema, Use::INPUT, &hint),
                        ty => ty,
                    };
                    query_fields.push(Field {
                        json: name.to_owned(),
                        rust: ident(&snake(name)),
                        ty,
                        required: param.get("required").and_then(Value::as_bool) == Some(true),
                        format: schema
                            .get("format")
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                        read_only: false,
                    });
                }
                _ => {}
            }
        }
        (path_params, query_fields)
    }

    fn name_for(
        &self,
        method: &str,
        path: &str,
        base: &str,
        collection: bool,
    ) -> (Vec<String>, String) {
        let shape = |path: &str| {
            path.split('/')
                .map(|s| if s.starts_with('{') { "{}" } else { s })
                .collect::<Vec<_>>()
                .join("/")
        };
        let rest = shape(path.strip_prefix(base).unwrap_or(path));
        let (mut module, function) = names::operation(
            &self.family,
            &self.api,
            method,
            (&shape(path), &rest),
            collection,
        );
        // The journal's bases are its resources (`journal`, `journal-local`, `subscriptions`,
        // `snapshots`): each call says which it reads, whatever else the API holds.
        if names::BASE_IS_RESOURCE.contains(&self.api.as_str())
            && let Some(own) = base.rsplit('/').nth(1).filter(|s| !s.is_empty())
        {
            module.insert(0, names::snake(own));
        }
        (module, function)
    }
}

/// `module::function` as a caller writes it.
fn shown((module, function): &(Vec<String>, String)) -> String {
    module
        .iter()
        .chain([function])
        .cloned()
        .collect::<Vec<_>>()
        .join("::")
}

/// A name's words as a type-name prefix: `memberships::add` is `MembershipsAdd`.
fn hint_of((module, function): (Vec<String>, String)) -> String {
    module
        .iter()
        .chain([&function])
        .map(|m| pascal(m))
        .collect()
}

/// The declared path template (`/crm/lists/2026-03/<list_id>`) and the path parameters in its
/// order, which the signature follows; a placeholder the operation does not declare skips it.
fn template(
    path: &str,
    path_params: &[(String, String, PathParam)],
) -> Result<(String, PathParams), Outcome> {
    let mut template = String::new();
    let mut ordered = Vec::new();
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            template.push('/');
        }
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let Some(found) = path_params.iter().find(|(_, json, _)| json == name) else {
                return Err(Outcome::Skipped(format!(
                    "path parameter `{name}` is not declared"
                )));
            };
            let name = found.0.trim_start_matches("r#");
            match found.2 {
                PathParam::Location if path.ends_with(&format!("{{{}}}", found.1)) => {
                    template.push_str(&format!("<{name}..>"));
                }
                PathParam::Location => {
                    return Err(Outcome::Skipped(format!(
                        "location parameter `{}` does not end the path",
                        found.1
                    )));
                }
                _ => template.push_str(&format!("<{name}>")),
            }
            ordered.push(found.clone());
        } else {
            template.push_str(segment);
        }
    }
    Ok((template, ordered))
}

/// Whether a `POST` is safe to repeat (`Some(true)`: a search or a batch read, update, upsert
/// or archive), and whether it goes in the search lane.
fn retry_class(method: &str, path: &str) -> (Option<bool>, bool) {
    let last = path.rsplit('/').next().unwrap_or_default();
    let search = method == "POST" && last == "search";
    let batch_safe = method == "POST"
        && path.contains("/batch/")
        && matches!(last, "read" | "update" | "upsert" | "archive");
    ((search || batch_safe).then_some(true), search)
}

/// Names to suggest, best first, for an operation whose rule's name another operation of the
/// API has: the resource the rule dropped as the API's own (`events::get` beside
/// the API's `get`), the last parameter (`functions::get_by_function_id` beside
/// `functions::get`), or the part of the base that tells two bases apart (`journal_local::…`).
fn alternatives(
    (module, function): (Vec<String>, String),
    method: &str,
    path: &str,
    base: &str,
    api_module: &str,
) -> Vec<(Vec<String>, String)> {
    let rest = path.strip_prefix(base).unwrap_or(path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = vec![(module.clone(), function.clone())];
    if let Some(first) = segments.first().filter(|s| !s.starts_with('{')) {
        let first = snake(first);
        if module.first() != Some(&first) && first != api_module {
            let mut kept = vec![first];
            kept.extend(module.iter().cloned());
            out.push((kept, function.clone()));
        }
    }
    if let Some(last) = segments
        .iter()
        .rev()
        .find_map(|s| s.strip_prefix('{'))
        .and_then(|s| s.strip_suffix('}'))
    {
        out.push((module.clone(), format!("{function}_by_{}", snake(last))));
    }
    if method == "GET" && function == "get" && !segments.last().is_some_and(|s| s.starts_with('{'))
    {
        // A collection whose answer is not a page the rule recognizes.
        out.insert(1, (module.clone(), "list".to_owned()));
    }
    if let Some(own) = base
        .split('/')
        .rev()
        .nth(1)
        .filter(|s| !s.is_empty() && !s.starts_with('{') && snake(s) != api_module)
    {
        let mut prefixed = vec![snake(own)];
        prefixed.extend(module.iter().cloned());
        out.push((prefixed, function));
    }
    out
}

/// The API's base: `path` up to and including its `version` segment; names come from the rest.
fn base_through(path: &str, version: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    segments
        .iter()
        .position(|s| *s == version)
        .map(|i| segments[..=i].join("/"))
        .unwrap_or_default()
}

/// What the first success response with a body holds: a JSON schema, or bytes of another type
/// (CSV, XLS, text).
enum Success {
    Json(Value),
    Bytes,
}

fn success_body(op: &Value) -> Option<Success> {
    let responses = op.get("responses")?.as_object()?;
    for code in ["200", "201", "202", "207"] {
        if let Some(content) = responses
            .get(code)
            .and_then(|r| r.get("content"))
            .and_then(Value::as_object)
            .filter(|c| !c.is_empty())
        {
            return Some(
                match content
                    .get("application/json")
                    .or_else(|| content.get("*/*"))
                {
                    Some(media) => Success::Json(media.get("schema").cloned().unwrap_or_default()),
                    None => Success::Bytes,
                },
            );
        }
    }
    None
}

/// The operations (method, shape) that a dated version authenticates with a developer API key.
/// 2025-09 and 2026-09 name `developer_hapikey` for the app-level APIs (webhooks settings, CRM
/// cards, calling and video-conferencing settings, media bridge, …) where 2026-03 names only
/// the developer OAuth scopes: HubSpot takes either, so the key is sent when the client has one.
/// The webhooks API moved from `/webhooks/` to `/app-webhooks/` in 2025-09 and back.
fn developer_ops(specs: &[SpecFile]) -> BTreeSet<(String, String)> {
    specs
        .iter()
        .filter(|s| is_dated(&s.version))
        .flat_map(|s| {
            s.operations()
                .into_iter()
                .filter(|(_, _, op)| developer_key(op))
                .map(|(method, path, _)| (method, developer_shape(&spec::shape(path, &s.version))))
        })
        .collect()
}

/// A dated shape, with the webhooks API under one prefix.
fn developer_shape(shape: &str) -> String {
    match shape.strip_prefix("/app-webhooks/") {
        Some(rest) => format!("/webhooks/{rest}"),
        None => shape.to_owned(),
    }
}

/// Whether an operation's own spec authenticates it with a developer API key.
fn developer_key(op: &Value) -> bool {
    op.get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .any(|requirement| requirement.contains_key("developer_hapikey"))
}

/// The OAuth scopes an operation names, sorted.
fn scopes(op: &Value) -> Vec<String> {
    let mut out = BTreeSet::new();
    for requirement in op
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for scopes in requirement.as_object().into_iter().flat_map(|o| o.values()) {
            for scope in scopes
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                out.insert(scope.to_owned());
            }
        }
    }
    out.into_iter().collect()
}

/// A typed object path's generic form: `/crm/objects/{v}/contacts/merge` is
/// `/crm/objects/{v}/{}/merge`.
fn generic_object(shape: &str) -> String {
    match typed_object_segment(shape) {
        Some(segment) => shape.replacen(&format!("/{segment}"), "/{}", 1),
        None => shape.to_owned(),
    }
}

/// Each generic object operation's versions, with those in which only a type's own path has it
/// (goal targets' `merge` in 2027-03-beta): the generic function is how those are sent.
fn with_typed_versions(
    mut versions: BTreeMap<(String, String), Vec<String>>,
) -> BTreeMap<(String, String), Vec<String>> {
    let typed: Vec<((String, String), Vec<String>)> = versions
        .iter()
        .filter(|((_, shape), _)| typed_object_segment(shape).is_some())
        .map(|((method, shape), v)| ((method.clone(), generic_object(shape)), v.clone()))
        .collect();
    for (key, more) in typed {
        if let Some(generic) = versions.get_mut(&key) {
            generic.extend(more);
            generic.sort();
            generic.dedup();
        }
    }
    versions
}

/// `/crm/objects/{v}/<segment>/…` where the segment is a type, not the generic `{}`.
fn typed_object_segment(shape: &str) -> Option<&str> {
    let rest = shape.strip_prefix("/crm/objects/{v}/")?;
    let segment = rest.split('/').next()?;
    (segment != "{}").then_some(segment)
}

/// Sent by hand at `at`, if its declaration lists every version the collection has the
/// operation in.
fn by_hand_in(at: String, declared: &[String], collection: &[String]) -> Outcome {
    let missing: Vec<&str> = collection
        .iter()
        .filter(|v| !declared.contains(v))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        Outcome::ByHand(at)
    } else {
        Outcome::LacksVersions(format!(
            "{at} does not list {}: add it to the declaration's `versions`",
            missing.join(", ")
        ))
    }
}

/// What the object table does with a typed operation: emitted by its row's group, or a
/// mismatch to fix in the table.
fn object_row_outcome(row: &ObjectRow, method: &str, shape: &str) -> Outcome {
    let rest = shape
        .strip_prefix("/crm/objects/{v}/")
        .and_then(|r| {
            r.split_once('/')
                .map(|(_, rest)| format!("/{rest}"))
                .or(Some(String::new()))
        })
        .unwrap_or_default();
    let group = match (method, rest.as_str()) {
        ("GET", "" | "/{}") | ("POST", "/batch/read") => "read",
        ("POST", "/search") => "search",
        ("POST", "" | "/batch/create" | "/batch/update" | "/batch/upsert" | "/batch/archive")
        | ("PATCH", "/{}")
        | ("DELETE", "/{}") => "write",
        ("POST", "/merge") => "merge",
        ("POST", "/gdpr-delete") => "gdpr_delete",
        _ => {
            return Outcome::Skipped(format!(
                "no object-table group has `{method} {rest}`: declare it for `{}`",
                row.module
            ));
        }
    };
    if row.groups.iter().any(|g| g == group) {
        Outcome::ByHand(format!(
            "object table row `{}`, group `{group}`",
            row.module
        ))
    } else {
        Outcome::Skipped(format!(
            "MISMATCH: the spec of `{}` has group `{group}`, its object-table row does not",
            row.module
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn a_hand_declaration_without_a_version_of_the_collection_stops_generation() {
        let declared = strings(&["2026-03", "2026-09"]);
        let covered = by_hand_in("objects::get".into(), &declared, &strings(&["2026-03"]));
        assert!(matches!(covered, Outcome::ByHand(at) if at == "objects::get"));
        let lacking = by_hand_in(
            "objects::get".into(),
            &declared,
            &strings(&["2026-03", "2026-09", "2027-03-beta"]),
        );
        assert!(
            matches!(&lacking, Outcome::LacksVersions(why) if why.contains("objects::get does not list 2027-03-beta")),
        );
    }

    #[test]
    fn a_types_own_versions_count_for_the_generic_operation() {
        let mut versions = BTreeMap::new();
        let key = |shape: &str| ("POST".to_owned(), shape.to_owned());
        versions.insert(key("/crm/objects/{v}/{}/merge"), strings(&["2026-03"]));
        versions.insert(
            key("/crm/objects/{v}/goal_targets/merge"),
            strings(&["2027-03-beta"]),
        );
        versions.insert(
            key("/crm/objects/{v}/notes/gdpr-delete"),
            strings(&["2026-03"]),
        );
        let folded = with_typed_versions(versions);
        assert_eq!(
            folded[&key("/crm/objects/{v}/{}/merge")],
            strings(&["2026-03", "2027-03-beta"])
        );
        assert!(!folded.contains_key(&key("/crm/objects/{v}/{}/gdpr-delete")));
    }
}
