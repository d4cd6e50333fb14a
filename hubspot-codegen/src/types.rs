//! From JSON schemas to Rust types: the shared shapes every API repeats (pages, batches,
//! records, errors) become the crate's own models; the rest become one struct or enum per named
//! schema, deriving only what their use needs (`Serialize` for inputs, `Deserialize` for
//! outputs).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::names::{ident, pascal, snake};

/// Enums with more values than this become a string newtype with constants: a 161-variant
/// enum costs more to build than it gives.
const MAX_ENUM: usize = 40;

/// The JSON properties `hubspot_crm::models::Property` holds.
const CURATED_PROPERTY: [&str; 30] = [
    "name",
    "label",
    "type",
    "fieldType",
    "groupName",
    "description",
    "options",
    "hasUniqueValue",
    "hidden",
    "archived",
    "calculated",
    "createdAt",
    "updatedAt",
    "archivedAt",
    "createdUserId",
    "updatedUserId",
    "calculationFormula",
    "currencyPropertyName",
    "dataSensitivity",
    "sensitiveDataCategories",
    "displayOrder",
    "dateDisplayHint",
    "numberDisplayHint",
    "textDisplayHint",
    "showCurrencySymbol",
    "externalOptions",
    "referencedObjectType",
    "formField",
    "hubspotDefined",
    "modificationMetadata",
];

/// The JSON properties `hubspot_crm::models::Pipeline` holds.
const CURATED_PIPELINE: [&str; 8] = [
    "id",
    "label",
    "displayOrder",
    "stages",
    "archived",
    "createdAt",
    "updatedAt",
    "archivedAt",
];

/// The JSON properties `hubspot_crm::models::Stage` holds.
const CURATED_STAGE: [&str; 9] = [
    "id",
    "label",
    "displayOrder",
    "metadata",
    "archived",
    "createdAt",
    "updatedAt",
    "archivedAt",
    "writePermissions",
];

/// The JSON properties `hubspot_crm::models::Schema` holds.
const CURATED_SCHEMA: [&str; 18] = [
    "id",
    "name",
    "labels",
    "objectTypeId",
    "fullyQualifiedName",
    "primaryDisplayProperty",
    "secondaryDisplayProperties",
    "requiredProperties",
    "searchableProperties",
    "properties",
    "associations",
    "archived",
    "createdAt",
    "updatedAt",
    "description",
    "allowsSensitiveProperties",
    "createdByUserId",
    "updatedByUserId",
];

/// Value sets HubSpot documents for fields its schemas leave as plain strings, by JSON name:
/// each such field becomes an enum (which still keeps a value not listed). Facts from HubSpot's
/// reference pages.
const VALUE_SETS: &[(&str, &[&str])] = &[
    // Lists: how membership is kept (the Lists guide, "List processing types").
    ("processingType", &["MANUAL", "DYNAMIC", "SNAPSHOT"]),
];

/// Fields whose type the versions of one operation disagree on, by model and JSON name, with
/// the type that takes both: one function serves every version, so its model must decode each.
/// Facts from the collection's own schemas (named in each row).
const WIDENED: &[(&str, &str, Widened)] = &[
    // Media Bridge's property batches: its own `Property` in 2026-03 (int64 epoch millis and
    // user ids), the CRM's property shape (`Property_1`: date-time text, string ids) in 2025-09
    // and 2026-09.
    ("Property", "createdAt", Widened::DateTime),
    ("Property", "updatedAt", Widened::DateTime),
    ("Property", "createdUserId", Widened::Text),
    // Data Studio: int64 in 2026-09, string in 2026-09-beta.
    ("DataSourceGetResponse", "datasourceId", Widened::Text),
    ("DataSourceUpdateResponse", "datasourceId", Widened::Text),
];

/// A type that takes what two versions send.
#[derive(Clone, Copy)]
enum Widened {
    /// `runtime::DateTime`: text, or epoch milliseconds kept as their digits.
    DateTime,
    /// A string that takes a number too (the field is an id).
    Text,
}

/// The schema `prop` of `model` is read as, where versions disagree on its type.
fn widened(model: &str, json: &str, prop: &Value) -> Option<Value> {
    let (_, _, widened) = WIDENED.iter().find(|(m, j, _)| *m == model && *j == json)?;
    (prop.get("type").and_then(Value::as_str) == Some("integer")).then(|| match widened {
        Widened::DateTime => serde_json::json!({"type": "string", "format": "date-time"}),
        Widened::Text => serde_json::json!({"type": "string"}),
    })
}

/// The enum schema `prop` stands for, where it is a plain string the errata table gives a value
/// set.
fn value_set(json: &str, prop: &Value) -> Option<Value> {
    let (_, values) = VALUE_SETS.iter().find(|(name, _)| *name == json)?;
    let plain = prop.get("type").and_then(Value::as_str) == Some("string")
        && prop.get("enum").is_none()
        && prop.get("format").is_none();
    plain.then(|| serde_json::json!({"type": "string", "enum": values}))
}

/// What of a schema makes its type: without the prose and samples that versions reword.
fn interface(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "description" | "example" | "examples" | "title")
                        && !k.starts_with("x-")
                })
                .map(|(k, v)| (k.clone(), interface(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(interface).collect()),
        other => other.clone(),
    }
}

/// A Rust type, as the generated code names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ty {
    String,
    I32,
    I64,
    F64,
    Bool,
    Json,
    Vec(Box<Ty>),
    Map(Box<Ty>),
    /// A model generated into this API's `models` module.
    Named(String),
    /// One of the crate's own models, by path, with its type arguments.
    Shared(&'static str, Vec<Ty>),
    Boxed(Box<Ty>),
}

impl Ty {
    /// The type as written in the API's modules (`models::X` for generated ones, from `depth`
    /// modules below the API's own).
    pub(crate) fn render(&self, models: &str) -> String {
        match self {
            Self::String => "String".into(),
            Self::I32 => "i32".into(),
            Self::I64 => "i64".into(),
            Self::F64 => "f64".into(),
            Self::Bool => "bool".into(),
            Self::Json => "serde_json::Value".into(),
            Self::Vec(inner) => format!("Vec<{}>", inner.render(models)),
            Self::Map(inner) => format!(
                "std::collections::BTreeMap<String, {}>",
                inner.render(models)
            ),
            Self::Named(name) => format!("{models}{name}"),
            Self::Shared(path, args) if args.is_empty() => (*path).to_owned(),
            Self::Shared(path, args) => format!(
                "{path}<{}>",
                args.iter()
                    .map(|a| a.render(models))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::Boxed(inner) => format!("Box<{}>", inner.render(models)),
        }
    }

    pub(crate) fn named(&self, out: &mut Vec<String>) {
        match self {
            Self::Named(name) => out.push(name.clone()),
            Self::Vec(inner) | Self::Map(inner) | Self::Boxed(inner) => inner.named(out),
            Self::Shared(_, args) => args.iter().for_each(|a| a.named(out)),
            _ => {}
        }
    }
}

/// How a model is used: sent, received, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Use {
    pub(crate) input: bool,
    pub(crate) output: bool,
}

impl Use {
    pub(crate) const INPUT: Self = Self {
        input: true,
        output: false,
    };
    pub(crate) const OUTPUT: Self = Self {
        input: false,
        output: true,
    };

    fn covers(self, other: Self) -> bool {
        (self.input || !other.input) && (self.output || !other.output)
    }

    pub(crate) fn union(self, other: Self) -> Self {
        Self {
            input: self.input || other.input,
            output: self.output || other.output,
        }
    }
}

/// One field of a generated struct.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The JSON name.
    pub(crate) json: String,
    /// The Rust name (an identifier, raw where needed).
    pub(crate) rust: String,
    pub(crate) ty: Ty,
    pub(crate) required: bool,
    /// What the schema says of its type: `date-time`, `int64`, an enum's name.
    pub(crate) format: Option<String>,
    /// The schema marks it `readOnly`: HubSpot sets it, a caller never has to.
    pub(crate) read_only: bool,
}

/// The most fields a constructor takes by position; the rest are named setters.
pub(crate) const MAX_POSITIONAL: usize = 3;

impl Field {
    /// Set by HubSpot, never by a caller: `readOnly`, or, in a model that is also received, its
    /// id and its timestamps (HubSpot's schemas mark them required in both directions).
    pub(crate) fn server_set(&self, usage: Use) -> bool {
        let json = self.json.as_str();
        self.read_only
            || usage.input
                && usage.output
                && (json == "id"
                    || matches!(json, "created" | "updated" | "createdById" | "updatedById")
                    || json.ends_with("At") && self.format.as_deref() == Some("date-time"))
    }

    /// Required of a caller: the schema requires it and HubSpot does not set it.
    pub(crate) fn sent_required(&self, usage: Use) -> bool {
        self.required && !self.server_set(usage)
    }

    /// Whether the field names what it belongs to (an id, a name, a type), so that it reads well
    /// as a constructor's argument.
    fn identifying(&self) -> bool {
        let json = self.json.as_str();
        matches!(
            json,
            "id" | "name" | "label" | "email" | "key" | "type" | "path"
        ) || ["Id", "Ids", "Type", "Name", "Key"]
            .iter()
            .any(|end| json.ends_with(end))
    }
}

/// The fields a sent model's `new` takes, in order: its required ones that a caller sets, where
/// there are at most [`MAX_POSITIONAL`]; else the identifying ones among them, up to that many.
/// The others, required or not, are named setters. A model only received has no constructor:
/// its required fields are the schema's.
pub(crate) fn positional(fields: &[Field], usage: Use) -> Vec<&Field> {
    if !usage.input {
        return fields.iter().filter(|f| f.required).collect();
    }
    let required: Vec<&Field> = fields.iter().filter(|f| f.sent_required(usage)).collect();
    if required.len() <= MAX_POSITIONAL {
        return required;
    }
    required
        .into_iter()
        .filter(|f| f.identifying())
        .take(MAX_POSITIONAL)
        .collect()
}

/// A generated model.
#[derive(Debug, Clone)]
pub(crate) enum Def {
    Struct(Vec<Field>),
    /// A string enum: its JSON values.
    Enum(Vec<String>),
    /// A string enum too large for variants: a newtype with a constant per value.
    Strings(Vec<String>),
    /// `oneOf`: each alternative in order, tried in turn when decoding.
    OneOf(Vec<Ty>),
    /// `oneOf` whose alternatives each fix one property (`filterType: PROPERTY`): an internally
    /// tagged enum, (value, type) per variant; the alternatives' structs leave the tag out.
    Tagged(String, Vec<(String, Ty)>),
}

impl Def {
    /// The models it names.
    pub(crate) fn named(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self {
            Self::Struct(fields) => fields.iter().for_each(|f| f.ty.named(&mut out)),
            Self::OneOf(types) => types.iter().for_each(|t| t.named(&mut out)),
            Self::Tagged(_, variants) => variants.iter().for_each(|(_, t)| t.named(&mut out)),
            Self::Enum(_) | Self::Strings(_) => {}
        }
        out
    }
}

/// The models of one API: every schema its operations reach, by Rust name.
pub(crate) struct Models<'a> {
    schemas: Option<&'a Map<String, Value>>,
    pub(crate) defs: BTreeMap<String, (Def, Use)>,
    /// Inline schemas already named, by their JSON text: one type per distinct shape.
    inline: BTreeMap<String, String>,
    /// Named schemas already resolved (or being resolved), by schema name: each definition met
    /// under that name (versions may define one name differently) with its type.
    named: BTreeMap<String, Vec<(Value, Ty)>>,
    /// The version of the document `schemas` comes from, which names a type a later version
    /// defines differently.
    version: String,
    /// Schemas that are only ever alternatives of tagged `oneOf`s, with their tag property.
    tagged: BTreeMap<String, String>,
}

impl<'a> Models<'a> {
    pub(crate) fn new(schemas: Option<&'a Map<String, Value>>) -> Self {
        Self {
            schemas,
            defs: BTreeMap::new(),
            inline: BTreeMap::new(),
            named: BTreeMap::new(),
            version: String::new(),
            tagged: schemas.map(|s| tagged_members(s, None)).unwrap_or_default(),
        }
    }

    /// The type of `schema` used as `usage`; `hint` names it when it is an inline object,
    /// enum or `oneOf`.
    pub(crate) fn resolve(&mut self, schema: &Value, usage: Use, hint: &str) -> Ty {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or(reference).to_owned();
            return self.named_schema(&name, usage);
        }
        if !defines(schema) {
            return match self.def_of(schema, usage, hint, None) {
                Ok(_) => Ty::Json,
                Err(ty) => ty,
            };
        }
        let key = structure(schema);
        if let Some(name) = self.inline.get(&key) {
            let name = name.clone();
            self.mark(&name, usage);
            return Ty::Named(name);
        }
        let name = self.free_name(hint);
        // Reserved before its fields are resolved, so that a field holding the same shape
        // names it rather than defining it again.
        self.defs
            .insert(name.clone(), (Def::Struct(Vec::new()), usage));
        self.inline.insert(key.clone(), name.clone());
        match self.def_of(schema, usage, &name, None) {
            Ok(def) => {
                self.defs.insert(name.clone(), (def, usage));
                Ty::Named(name)
            }
            Err(ty) => {
                self.defs.remove(&name);
                self.inline.remove(&key);
                ty
            }
        }
    }

    /// The definition `schema` needs, or the type it stands for when it needs none (a
    /// reference, an array, a map, a scalar).
    fn def_of(
        &mut self,
        schema: &Value,
        usage: Use,
        name: &str,
        skip: Option<&str>,
    ) -> Result<Def, Ty> {
        if schema.get("$ref").is_some() {
            return Err(self.resolve(schema, usage, name));
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array)
            && all.len() == 1
        {
            return self.def_of(&all[0], usage, name, skip);
        }
        if let Some(alternatives) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)
        {
            if let Some((tag, values)) = self.tagged_union(alternatives) {
                let variants = alternatives
                    .iter()
                    .zip(values)
                    .map(|(alt, value)| (value, self.resolve(alt, usage, name)))
                    .collect();
                return Ok(Def::Tagged(tag, variants));
            }
            let types: Vec<Ty> = alternatives
                .iter()
                .enumerate()
                .map(|(i, alt)| self.resolve(alt, usage, &format!("{name}Variant{i}")))
                .collect();
            return match types.as_slice() {
                [only] => Err(only.clone()),
                _ => Ok(Def::OneOf(types)),
            };
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let values: Vec<String> = values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if values.is_empty() || schema.get("type").and_then(Value::as_str) != Some("string") {
                return Err(scalar(schema));
            }
            return Ok(if values.len() > MAX_ENUM {
                Def::Strings(values)
            } else {
                Def::Enum(values)
            });
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("array") => {
                let items = schema.get("items").cloned().unwrap_or(Value::Null);
                Err(Ty::Vec(Box::new(self.resolve(
                    &items,
                    usage,
                    &format!("{name}Item"),
                ))))
            }
            Some("object") | None if has_properties(schema) => {
                Ok(self.struct_def(schema, usage, name, skip))
            }
            Some("object") => Err(match schema.get("additionalProperties") {
                Some(Value::Object(inner)) if !inner.is_empty() => Ty::Map(Box::new(self.resolve(
                    &Value::Object(inner.clone()),
                    usage,
                    &format!("{name}Value"),
                ))),
                _ => Ty::Json,
            }),
            _ => Err(scalar(schema)),
        }
    }

    fn named_schema(&mut self, name: &str, usage: Use) -> Ty {
        let Some(schema) = self.schemas.and_then(|s| s.get(name)) else {
            return Ty::Json;
        };
        if let Some(shared) = self.shared(name, schema, usage) {
            return shared;
        }
        let mut rust = pascal(name);
        if RESERVED.contains(&rust.as_str()) {
            rust.push_str("Value");
        }
        let shape = interface(schema);
        let met = self.named.get(name);
        if let Some((_, ty)) = met.and_then(|all| all.iter().find(|(s, _)| *s == shape)) {
            let ty = ty.clone();
            if let Ty::Named(model) = &ty {
                self.mark(model, usage);
            }
            return ty;
        }
        if met.is_some() {
            // Another version defines the name differently: an operation only that version has
            // gets that version's shape, under a name that says which.
            rust.push_str(&pascal(&self.version));
        }
        let schema = schema.clone();
        if self.defs.contains_key(&rust) {
            // An inline shape took the name first: the named schema takes another.
            let other = self.free_name(&rust);
            return self.define_named(name, &other, &schema, usage);
        }
        self.define_named(name, &rust, &schema, usage)
    }

    fn define_named(&mut self, name: &str, rust: &str, schema: &Value, usage: Use) -> Ty {
        self.named
            .entry(name.to_owned())
            .or_default()
            .push((interface(schema), Ty::Named(rust.to_owned())));
        self.defs
            .insert(rust.to_owned(), (Def::Struct(Vec::new()), usage));
        let skip = self.tagged.get(name).cloned();
        match self.def_of(schema, usage, rust, skip.as_deref()) {
            Ok(def) => {
                self.defs.insert(rust.to_owned(), (def, usage));
                Ty::Named(rust.to_owned())
            }
            Err(ty) => {
                self.defs.remove(rust);
                if let Some((_, last)) = self.named.get_mut(name).and_then(|all| all.last_mut()) {
                    *last = ty.clone();
                }
                ty
            }
        }
    }

    /// A schema of a shape every API repeats, as the crate's own model.
    fn shared(&mut self, name: &str, schema: &Value, usage: Use) -> Option<Ty> {
        let props = schema.get("properties").and_then(Value::as_object);
        let keys: BTreeSet<&str> = props
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let item = |models: &mut Self, field: &str| {
            let items = props?.get(field)?.get("items")?;
            Some(models.resolve(items, usage, &format!("{}Item", pascal(name))))
        };
        let subset = |allowed: &[&str]| keys.iter().all(|k| allowed.contains(k));
        match name {
            "StandardError" | "Error" => {
                return Some(Ty::Shared("hubspot_runtime::ApiErrorBody", vec![]));
            }
            // The curated models of the hand-declared modules, so that a generated operation
            // answers with the same types as its hand-declared neighbours; only where they hold
            // every property the schema declares (Media Bridge's `Property` is another shape).
            "Property" if !usage.input && subset(&CURATED_PROPERTY) => {
                return Some(Ty::Shared("hubspot_models::Property", vec![]));
            }
            "PropertyCreate" if !usage.output => {
                return Some(Ty::Shared("hubspot_models::PropertyCreate", vec![]));
            }
            "Pipeline" if !usage.input && subset(&CURATED_PIPELINE) => {
                return Some(Ty::Shared("hubspot_models::Pipeline", vec![]));
            }
            "PipelineStage" if !usage.input && subset(&CURATED_STAGE) => {
                return Some(Ty::Shared("hubspot_models::Stage", vec![]));
            }
            "ObjectSchema" if !usage.input && subset(&CURATED_SCHEMA) => {
                return Some(Ty::Shared("hubspot_models::Schema", vec![]));
            }
            "ErrorDetail" => return Some(Ty::Shared("hubspot_runtime::ErrorDetail", vec![])),
            "Paging" | "ForwardPaging" | "PreviousPage" | "NextPage"
                if !usage.input && subset(&["next", "prev", "after", "before", "link"]) =>
            {
                return Some(match name {
                    "NextPage" => Ty::Shared("hubspot_models::NextPage", vec![]),
                    "PreviousPage" => Ty::Shared("hubspot_models::PreviousPage", vec![]),
                    _ => Ty::Shared("hubspot_models::Paging", vec![]),
                });
            }
            _ => {}
        }
        let is_record = ["id", "properties", "createdAt", "updatedAt", "archived"]
            .iter()
            .all(|k| keys.contains(k))
            && subset(&[
                "id",
                "properties",
                "createdAt",
                "updatedAt",
                "archived",
                "archivedAt",
                "propertiesWithHistory",
                "associations",
                "objectWriteTraceId",
                "url",
            ]);
        if is_record {
            return Some(Ty::Shared("hubspot_models::Record", vec![]));
        }
        if keys == BTreeSet::from(["properties"]) && name.starts_with("SimplePublicObject") {
            return Some(Ty::Shared("hubspot_models::ObjectInput", vec![]));
        }
        if keys == BTreeSet::from(["associations", "properties"])
            && name.starts_with("SimplePublicObjectInputForCreate")
        {
            return Some(Ty::Shared("hubspot_models::CreateInput", vec![]));
        }
        if !usage.input
            && keys.contains("results")
            && required.contains("results")
            && subset(&["results", "paging", "total"])
        {
            let page = if required.contains("total") {
                "hubspot_models::SearchPage"
            } else {
                "hubspot_models::Page"
            };
            return Some(Ty::Shared(page, vec![item(self, "results")?]));
        }
        if !usage.input
            && ["status", "results", "startedAt", "completedAt"]
                .iter()
                .all(|k| keys.contains(k))
            && subset(&[
                "status",
                "results",
                "numErrors",
                "errors",
                "requestedAt",
                "startedAt",
                "completedAt",
                "links",
            ])
        {
            return Some(Ty::Shared(
                "hubspot_models::BatchResult",
                vec![item(self, "results")?],
            ));
        }
        if !usage.output && keys == BTreeSet::from(["inputs"]) {
            return Some(Ty::Shared(
                "hubspot_models::BatchInput",
                vec![item(self, "inputs")?],
            ));
        }
        None
    }

    fn struct_def(&mut self, schema: &Value, usage: Use, hint: &str, skip: Option<&str>) -> Def {
        let required: BTreeSet<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut fields = Vec::new();
        let mut taken = BTreeSet::new();
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (json, prop) in props {
                if Some(json.as_str()) == skip {
                    continue;
                }
                let mut rust = snake(json);
                if rust.is_empty() {
                    rust = "field".into();
                }
                while !taken.insert(rust.clone()) {
                    rust.push('_');
                }
                let errata = value_set(json, prop).or_else(|| widened(hint, json, prop));
                let ty = self.resolve(
                    errata.as_ref().unwrap_or(prop),
                    usage,
                    &format!("{hint}{}", pascal(json)),
                );
                let format = errata
                    .as_ref()
                    .unwrap_or(prop)
                    .get("format")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                fields.push(Field {
                    json: json.clone(),
                    rust: ident(&rust),
                    ty,
                    required: required.contains(json),
                    format,
                    read_only: prop.get("readOnly").and_then(Value::as_bool) == Some(true),
                });
            }
        }
        Def::Struct(fields)
    }

    fn free_name(&self, hint: &str) -> String {
        let mut base = pascal(hint);
        if RESERVED.contains(&base.as_str()) {
            base.push_str("Value");
        }
        let mut name = base.clone();
        let mut n = 2;
        while self.defs.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// Adds `usage` to a model and to every model it holds.
    fn mark(&mut self, name: &str, usage: Use) {
        let Some((def, seen)) = self.defs.get_mut(name) else {
            return;
        };
        if seen.covers(usage) {
            return;
        }
        *seen = seen.union(usage);
        for name in def.named() {
            self.mark(&name, usage);
        }
    }

    /// The tag property and each alternative's value, when `alternatives` is a tagged union
    /// whose members appear nowhere else.
    fn tagged_union(&self, alternatives: &[Value]) -> Option<(String, Vec<String>)> {
        let schemas = self.schemas?;
        let mut tag = None;
        let mut values = Vec::new();
        for alt in alternatives {
            let name = alt.get("$ref")?.as_str()?.rsplit('/').next()?;
            let this = self.tagged.get(name)?;
            if tag.get_or_insert(this) != &this {
                return None;
            }
            values.push(constant(schemas.get(name)?, this)?);
        }
        Some((tag?.clone(), values))
    }

    /// Resolves references against `schemas` from now on: each operation's own document's. A
    /// schema name already resolved keeps its first definition.
    /// Resolves names against `schemas` from here on: the components of a document of
    /// `version`, whose `paths` say which schemas operations use on their own.
    pub(crate) fn use_schemas(
        &mut self,
        schemas: Option<&'a Map<String, Value>>,
        paths: Option<&Value>,
        version: &str,
    ) {
        version.clone_into(&mut self.version);
        if !std::ptr::eq(
            self.schemas.map_or(std::ptr::null(), |s| s as *const _),
            schemas.map_or(std::ptr::null(), |s| s as *const _),
        ) {
            self.tagged = schemas
                .map(|s| tagged_members(s, paths))
                .unwrap_or_default();
        }
        self.schemas = schemas;
    }

    /// Whether `ty` names a struct with no fields: a tagged union's member whose one property
    /// is the tag, written as a unit variant rather than an empty struct.
    pub(crate) fn is_empty_struct(&self, ty: &Ty) -> bool {
        matches!(ty, Ty::Named(name) if matches!(self.defs.get(name), Some((Def::Struct(f), _)) if f.is_empty()))
    }

    /// Boxes the fields through which a struct holds itself without a collection between.
    pub(crate) fn box_cycles(&mut self) {
        let names: Vec<String> = self.defs.keys().cloned().collect();
        for name in names {
            let Some((Def::Struct(fields), _)) = self.defs.get(&name).cloned() else {
                continue;
            };
            let boxed: Vec<Field> = fields
                .into_iter()
                .map(|mut f| {
                    if let Ty::Named(inner) = &f.ty
                        && self.reaches(inner, &name, &mut BTreeSet::new())
                    {
                        f.ty = Ty::Boxed(Box::new(f.ty.clone()));
                    }
                    f
                })
                .collect();
            if let Some((def, _)) = self.defs.get_mut(&name) {
                *def = Def::Struct(boxed);
            }
        }
    }

    /// Whether `from` holds `target` inline (not through a `Vec`, map or box).
    fn reaches(&self, from: &str, target: &str, seen: &mut BTreeSet<String>) -> bool {
        if from == target {
            return true;
        }
        if !seen.insert(from.to_owned()) {
            return false;
        }
        let inline = |ty: &Ty| match ty {
            Ty::Named(n) => Some(n.clone()),
            _ => None,
        };
        let direct: Vec<String> = match self.defs.get(from) {
            Some((Def::Struct(fields), _)) => fields.iter().filter_map(|f| inline(&f.ty)).collect(),
            Some((Def::OneOf(types), _)) => types.iter().filter_map(inline).collect(),
            Some((Def::Tagged(_, variants), _)) => {
                variants.iter().filter_map(|(_, t)| inline(t)).collect()
            }
            _ => Vec::new(),
        };
        direct.iter().any(|d| self.reaches(d, target, seen))
    }
}

/// What makes two inline schemas the same type: their JSON without the prose (descriptions,
/// titles, examples, defaults), so that the same `oneOf` written twice is one enum.
fn structure(schema: &Value) -> String {
    fn strip(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| {
                        !matches!(k.as_str(), "description" | "title" | "example" | "default")
                            && !k.starts_with("x-")
                    })
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    serde_json::to_string(&strip(schema)).unwrap_or_default()
}

/// The one value a required string-enum property of `schema` may take.
fn constant(schema: &Value, property: &str) -> Option<String> {
    let required = schema.get("required")?.as_array()?;
    if !required.iter().any(|r| r.as_str() == Some(property)) {
        return None;
    }
    match schema
        .pointer(&format!("/properties/{property}/enum"))?
        .as_array()?
        .as_slice()
    {
        [Value::String(only)] => Some(only.clone()),
        _ => None,
    }
}

/// The schemas that are only ever alternatives of a `oneOf` whose alternatives all fix one
/// property to distinct values: those unions become internally tagged enums, and their
/// members leave the tag out. A member referenced anywhere else, in another schema or by an
/// operation of `paths` (a body that is one member), keeps the plain union: sent on its own, it
/// must carry its tag.
fn tagged_members(schemas: &Map<String, Value>, paths: Option<&Value>) -> BTreeMap<String, String> {
    fn unions<'v>(value: &'v Value, out: &mut Vec<&'v Vec<Value>>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    if let ("oneOf" | "anyOf", Value::Array(alts)) = (key.as_str(), inner) {
                        out.push(alts);
                    }
                    unions(inner, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| unions(i, out)),
            _ => {}
        }
    }
    fn refs(value: &Value, skip: &[&Vec<Value>], out: &mut BTreeMap<String, usize>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    *out.entry(r.rsplit('/').next().unwrap_or(r).to_owned())
                        .or_default() += 1;
                }
                for (key, inner) in map {
                    if let ("oneOf" | "anyOf", Value::Array(alts)) = (key.as_str(), inner)
                        && skip.iter().any(|s| std::ptr::eq(*s, alts))
                    {
                        // The union's own references: walk each alternative's other keys only.
                        continue;
                    }
                    refs(inner, skip, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| refs(i, skip, out)),
            _ => {}
        }
    }
    let root = Value::Object(schemas.clone());
    let mut all = Vec::new();
    unions(&root, &mut all);
    let mut candidates: Vec<(&Vec<Value>, String, Vec<String>)> = Vec::new();
    for alts in all {
        let names: Option<Vec<String>> = alts
            .iter()
            .map(|a| Some(a.get("$ref")?.as_str()?.rsplit('/').next()?.to_owned()))
            .collect();
        let Some(names) = names else { continue };
        let Some(first) = names.first().and_then(|n| schemas.get(n)) else {
            continue;
        };
        let props = first.get("properties").and_then(Value::as_object);
        let tag = props.into_iter().flat_map(|p| p.keys()).find(|key| {
            let values: Option<BTreeSet<String>> = names
                .iter()
                .map(|n| constant(schemas.get(n)?, key))
                .collect();
            values.is_some_and(|v| v.len() == names.len())
        });
        if let Some(tag) = tag {
            candidates.push((alts, tag.clone(), names));
        }
    }
    let skip: Vec<&Vec<Value>> = candidates.iter().map(|(a, _, _)| *a).collect();
    let mut elsewhere = BTreeMap::new();
    refs(&root, &skip, &mut elsewhere);
    if let Some(paths) = paths {
        refs(paths, &skip, &mut elsewhere);
    }
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut conflicting = BTreeSet::new();
    for (_, tag, names) in &candidates {
        for name in names {
            if out.get(name).is_some_and(|t| t != tag) {
                conflicting.insert(name.clone());
            }
            out.insert(name.clone(), tag.clone());
        }
    }
    // A union is tagged only if none of its members is used on its own.
    for (_, _, names) in &candidates {
        if names
            .iter()
            .any(|n| elsewhere.contains_key(n) || conflicting.contains(n))
        {
            for n in names {
                out.remove(n);
            }
        }
    }
    out
}

/// Names the prelude uses, which a model may not take.
const RESERVED: [&str; 9] = [
    "Option", "Result", "Box", "Vec", "String", "Some", "None", "Ok", "Err",
];

/// Whether `schema` needs a definition of its own: an object with fields, a string enum, or a
/// `oneOf` (an array, a map or a scalar is written in place).
fn defines(schema: &Value) -> bool {
    if let Some(all) = schema.get("allOf").and_then(Value::as_array)
        && all.len() == 1
    {
        return defines(&all[0]);
    }
    if schema.get("$ref").is_some() {
        return false;
    }
    if let Some(alternatives) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        return alternatives.len() > 1;
    }
    if schema.get("enum").is_some() {
        return schema.get("type").and_then(Value::as_str) == Some("string");
    }
    has_properties(schema)
        && matches!(
            schema.get("type").and_then(Value::as_str),
            Some("object") | None
        )
}

/// Whether `schema` declares at least one property. An object schema with none says nothing of
/// its shape (HubSpot writes `{"type": "object", "properties": {}}` for values that are text,
/// numbers or objects): it is kept as JSON, or as a map where it types its values, never as an
/// empty struct that would drop what it holds.
fn has_properties(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// A scalar schema's type.
pub(crate) fn scalar(schema: &Value) -> Ty {
    let format = schema.get("format").and_then(Value::as_str);
    match schema.get("type").and_then(Value::as_str) {
        // Kept as sent, readable as a time; it takes epoch milliseconds too, with no wrapper.
        Some("string") if format == Some("date-time") => {
            Ty::Shared("hubspot_runtime::DateTime", Vec::new())
        }
        Some("string") => Ty::String,
        Some("integer") if format == Some("int32") => Ty::I32,
        Some("integer") => Ty::I64,
        Some("number") => Ty::F64,
        Some("boolean") => Ty::Bool,
        _ => Ty::Json,
    }
}

/// The variant names of a string enum, unique.
pub(crate) fn variants(values: &[String]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    values
        .iter()
        .map(|value| {
            let mut name = pascal(value);
            while !taken.insert(name.clone()) {
                name.push('_');
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shared_shapes_become_the_crates_models() {
        let schemas = json!({
            "CollectionResponseX": {"required": ["results"], "properties": {
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/X"}},
                "paging": {"$ref": "#/components/schemas/Paging"}}},
            "X": {"required": ["name"], "properties": {"name": {"type": "string"},
                "kind": {"type": "string", "enum": ["A", "B"]}}},
            "Paging": {"properties": {"next": {"type": "object"}}},
        });
        let schemas = schemas.as_object().cloned().unwrap_or_default();
        let mut models = Models::new(Some(&schemas));
        let ty = models.resolve(
            &json!({"$ref": "#/components/schemas/CollectionResponseX"}),
            Use::OUTPUT,
            "Answer",
        );
        assert_eq!(ty.render("models::"), "hubspot_models::Page<models::X>");
        let (Def::Struct(fields), usage) = &models.defs["X"] else {
            panic!("{:?}", models.defs);
        };
        assert_eq!(*usage, Use::OUTPUT);
        assert_eq!(fields[0].ty, Ty::Named("XKind".into()));
        assert!(matches!(&models.defs["XKind"].0, Def::Enum(v) if v.len() == 2));
    }
}
