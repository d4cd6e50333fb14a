//! A request-shape test for every generated endpoint: built from the schema, each call goes to
//! a recording server on 127.0.0.1, which checks the method, the path in every version listed,
//! the query and the body, and answers with a body made of the response schema's required
//! fields, which must decode.

use std::fmt::Write as _;

use crate::names::{ident, merged_into};
use crate::plan::{ApiPlan, BodyKind, Endpoint, PathParam, Typed};
use crate::types::{Def, Ty, Use, positional, variants};

/// The time every sample date-time holds.
const DATE_TIME: &str = "2026-01-01T00:00:00Z";

/// How deep a sample goes into nested required fields before it stops (reference cycles).
const MAX_DEPTH: usize = 6;

/// `tests/tests/generated/main.rs`: one module per API.
pub(crate) fn root(plans: &[ApiPlan<'_>]) -> String {
    let mut out = String::new();
    out.push_str(
        "\n//! Request-shape tests of every generated endpoint, against a recording server on\n//! 127.0.0.1.\n\n#![allow(clippy::unwrap_used, clippy::panic)]\n// The legacy calls HubSpot is switching off are deprecated, and still tested.\n#![allow(deprecated)]\n\n// Written by hand: everything in this folder is generated.\n#[path = \"../support/recorder.rs\"]\nmod recorder;\n\n",
    );
    // The tests crate builds hubspot-crm with `all-apis`: every module is here.
    for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
        let _ = writeln!(out, "mod {};", plan.path().join("_"));
    }
    out
}

/// The public path of an API's generated module.
/// The developer API key of the recorder's client (tests/tests/support/recorder.rs).
const DEVELOPER_KEY: &str = "dev-key-generated-tests";

pub(crate) fn public_module(plan: &ApiPlan<'_>) -> String {
    match merged_into(&plan.module) {
        Some(target) => format!("hubspot_crm::{target}"),
        None => format!("hubspot_crm::{}", plan.path().join("::")),
    }
}

fn public_models(plan: &ApiPlan<'_>) -> String {
    match plan.module.as_str() {
        "associations_schema" => "hubspot_crm::associations::definition_models::".into(),
        _ => format!("{}::models::", public_module(plan)),
    }
}

/// One API's test file.
pub(crate) fn api(plan: &ApiPlan<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n//! The {} API's endpoints send what they declare and decode what the schema requires.\n\nuse crate::recorder::{{Expected, Recorder}};\n",
        plan.api
    );
    let _ = writeln!(
        out,
        "#[tokio::test]\nasync fn every_endpoint_sends_its_declared_request() {{\nlet recorder = Recorder::start().await;"
    );
    let module = public_module(plan);
    let models = public_models(plan);
    for endpoint in &plan.endpoints {
        check(&mut out, plan, endpoint, &module, &models);
    }
    out.push_str("}\n");
    round_trips(&mut out, plan, &models);
    out
}

/// A test that every struct HubSpot both sends and takes back encodes to exactly the JSON it
/// decoded from, every property filled near the top.
fn round_trips(out: &mut String, plan: &ApiPlan<'_>, models: &str) {
    let both: Vec<&String> = plan
        .models
        .defs
        .iter()
        .filter(|(_, (def, usage))| {
            usage.input && usage.output && matches!(def, Def::Struct(f) if !f.is_empty())
        })
        .map(|(name, _)| name)
        .collect();
    if both.is_empty() {
        return;
    }
    out.push_str("\n#[test]\nfn models_sent_and_received_write_back_what_they_read() {\n");
    for name in both {
        let json = response_json(plan, &Ty::Named(name.clone()), 0);
        let _ = writeln!(
            out,
            "crate::recorder::round_trip::<{models}{name}>({});",
            raw(&json)
        );
    }
    out.push_str("}\n");
}

fn check(out: &mut String, plan: &ApiPlan<'_>, endpoint: &Endpoint, module: &str, models: &str) {
    let mut path: Vec<&str> = vec![module];
    let submodules: Vec<String> = endpoint.module.iter().map(|m| ident(m)).collect();
    path.extend(submodules.iter().map(String::as_str));
    let function = ident(&endpoint.function);
    path.push(&function);
    let mut args = Vec::new();
    let mut filled = endpoint.template.clone();
    for (i, (name, _, kind)) in endpoint.path_params.iter().enumerate() {
        let (arg, text) = match kind {
            PathParam::Text => (format!("\"p{i}\""), format!("p{i}")),
            PathParam::Integer => (format!("{}", 70 + i), format!("{}", 70 + i)),
            PathParam::Location => (format!("\"a b/p{i}.html\""), format!("a%20b/p{i}.html")),
            PathParam::Typed(Typed::ObjectType) => (
                "&hubspot_crm::models::ObjectType::Contacts".to_owned(),
                "contacts".to_owned(),
            ),
            PathParam::Typed(Typed::ObjectTypeId) => (
                "&hubspot_crm::models::ObjectType::Contacts.into()".to_owned(),
                "0-1".to_owned(),
            ),
            PathParam::Typed(Typed::PipelineId | Typed::StageId) => {
                (format!("&\"p{i}\".into()"), format!("p{i}"))
            }
        };
        let name = name.trim_start_matches("r#");
        filled = filled
            .replace(&format!("<{name}>"), &text)
            .replace(&format!("<{name}..>"), &text);
        args.push(arg);
    }
    let mut query = String::new();
    if let Some((name, fields)) = &endpoint.query {
        let positional = positional(fields, Use::INPUT);
        let required: Vec<String> = positional
            .iter()
            .map(|f| sample(plan, &f.ty, models, 0))
            .collect();
        let mut built = if required.is_empty() {
            format!("{models}{name}::default()")
        } else {
            format!("{models}{name}::new({})", required.join(", "))
        };
        for f in fields
            .iter()
            .filter(|f| !positional.iter().any(|p| p.rust == f.rust))
        {
            let _ = write!(built, ".{}({})", f.rust, sample(plan, &f.ty, models, 0));
        }
        args.push(format!("&{built}"));
        // The runtime sends query parameters in name order.
        let mut pairs: Vec<String> = fields
            .iter()
            .filter_map(|f| query_text(plan, &f.ty).map(|v| format!("{}={v}", f.json)))
            .collect();
        pairs.sort();
        query = pairs.join("&");
    }
    if endpoint.developer_key {
        // The recorder's client has a developer key: it goes last, in place of the token.
        let sep = if query.is_empty() { "" } else { "&" };
        query = format!("{query}{sep}hapikey={DEVELOPER_KEY}");
    }
    let mut body = "Expected::None".to_owned();
    if let Some(ty) = &endpoint.body {
        body = match endpoint.body_kind {
            BodyKind::Form => {
                args.push(format!("&{}", sample(plan, ty, models, 0)));
                format!("Expected::Form({:?})", form_text(plan, ty))
            }
            BodyKind::Json => {
                args.push(format!("&{}", sample(plan, ty, models, 0)));
                match sent_keys(plan, ty) {
                    Some(keys) => format!("Expected::Object(&{keys:?})"),
                    None => "Expected::Json".to_owned(),
                }
            }
            BodyKind::Multipart => {
                args.push("hubspot_crm::Multipart::new().text(\"name\", \"value\")".to_owned());
                "Expected::Part(\"name\", \"value\")".to_owned()
            }
            BodyKind::Text => {
                args.push("\"source\"".to_owned());
                "Expected::Text(\"source\")".to_owned()
            }
        };
    }
    let response = endpoint.response.as_ref().map_or_else(
        || "None".to_owned(),
        |ty| format!("Some({})", raw(&response_json(plan, ty, 0))),
    );
    let versions: Vec<String> = endpoint.versions.iter().map(|v| format!("{v:?}")).collect();
    let make = if args.is_empty() {
        path.join("::")
    } else {
        format!("|| {}({})", path.join("::"), args.join(", "))
    };
    // The JSON goes in bindings of its own: rustfmt leaves a statement holding a long macro
    // call on one line.
    let _ = writeln!(
        out,
        "{{\nlet body = {body};\nlet answer = {response};\nrecorder.check({make}, {:?}, {:?}, &[{}], {:?}, body, answer).await;\n}}",
        endpoint.method,
        filled,
        versions.join(", "),
        query,
    );
}

/// A Rust expression of type `ty`, with every required field set.
fn sample(plan: &ApiPlan<'_>, ty: &Ty, models: &str, depth: usize) -> String {
    if depth > MAX_DEPTH * 4 {
        return "Default::default()".into();
    }
    match ty {
        Ty::String => "\"s\".to_owned()".into(),
        Ty::I32 | Ty::I64 => "1".into(),
        Ty::F64 => "1.5".into(),
        Ty::Bool => "true".into(),
        Ty::Json => "serde_json::Value::Null".into(),
        // One element where it is a value, none where it is a record: a sample stays finite.
        Ty::Vec(inner) if is_value(plan, inner) => {
            format!("vec![{}]", sample(plan, inner, models, depth + 1))
        }
        // Typed: a constructor or setter takes what converts into the field's type.
        Ty::Vec(inner) => format!("Vec::<{}>::new()", inner.render(models)),
        Ty::Map(inner) => format!(
            "std::collections::BTreeMap::<String, {}>::new()",
            inner.render(models)
        ),
        Ty::Boxed(inner) => format!("Box::new({})", sample(plan, inner, models, depth)),
        Ty::Shared(path, args) => match *path {
            "hubspot_runtime::DateTime" => {
                format!("hubspot_crm::runtime::DateTime::from({DATE_TIME:?})")
            }
            "hubspot_models::ObjectInput" => "hubspot_crm::models::ObjectInput::new()".into(),
            "hubspot_models::CreateInput" => "hubspot_crm::models::CreateInput::new()".into(),
            "hubspot_models::PropertyCreate" => {
                "hubspot_crm::models::PropertyCreate::text(\"n\", \"l\", \"g\")".into()
            }
            "hubspot_models::BatchInput" => format!(
                "hubspot_crm::models::BatchInput::new([{}])",
                args.first()
                    .map(|a| sample(plan, a, models, depth + 1))
                    .unwrap_or_default()
            ),
            other => format!("{other}::default()"),
        },
        Ty::Named(name) => match plan.models.defs.get(name) {
            Some((Def::Struct(fields), usage)) => {
                let positional = positional(fields, *usage);
                let args: Vec<String> = positional
                    .iter()
                    .map(|f| sample(plan, &f.ty, models, depth + 1))
                    .collect();
                let mut built = if args.is_empty() {
                    format!("{models}{name}::default()")
                } else {
                    format!("{models}{name}::new({})", args.join(", "))
                };
                for f in fields.iter().filter(|f| {
                    f.sent_required(*usage) && !positional.iter().any(|p| p.rust == f.rust)
                }) {
                    let _ = write!(
                        built,
                        ".{}({})",
                        f.rust,
                        sample(plan, &f.ty, models, depth + 1)
                    );
                }
                built
            }
            Some((Def::Enum(values), _)) => {
                format!(
                    "{models}{name}::{}",
                    variants(values).first().cloned().unwrap_or_default()
                )
            }
            Some((Def::Strings(values), _)) => format!(
                "{models}{name}(std::borrow::Cow::Borrowed({:?}))",
                values.first().cloned().unwrap_or_default()
            ),
            Some((Def::OneOf(types), _)) => {
                let first = types.first().cloned().unwrap_or(Ty::Json);
                let variant = crate::emit::variant_name(&first);
                format!(
                    "{models}{name}::{variant}({})",
                    sample(plan, &first, models, depth + 1)
                )
            }
            Some((Def::Tagged(_, variants_of), _)) => {
                let (value, ty) = variants_of
                    .first()
                    .cloned()
                    .unwrap_or((String::new(), Ty::Json));
                let variant = variants(&[value]).remove(0);
                if plan.models.is_empty_struct(&ty) {
                    format!("{models}{name}::{variant}")
                } else {
                    format!(
                        "{models}{name}::{variant}({})",
                        sample(plan, &ty, models, depth + 1)
                    )
                }
            }
            None => "Default::default()".into(),
        },
    }
}

/// `json` as a raw string literal.
fn raw(json: &str) -> String {
    format!("r#\"{json}\"#")
}

/// The properties a body built from its constructor alone sends, as the spec names them: those
/// it requires (with a tagged union's tag). Checked as names only: what each holds is the
/// model's business, tested where it is decoded and written back.
fn sent_keys(plan: &ApiPlan<'_>, ty: &Ty) -> Option<Vec<String>> {
    let Ty::Named(name) = ty else {
        return None;
    };
    match plan.models.defs.get(name)? {
        (Def::Struct(fields), usage) => Some(
            fields
                .iter()
                .filter(|f| f.sent_required(*usage))
                .map(|f| f.json.clone())
                .collect(),
        ),
        (Def::Tagged(tag, variants_of), _) => {
            let (_, ty) = variants_of.first()?;
            let mut keys = sent_keys(plan, ty)?;
            if !keys.contains(tag) {
                keys.insert(0, tag.clone());
            }
            Some(keys)
        }
        _ => None,
    }
}

/// `object` (as `json!` source) with `tag: value` first.
fn tag_into(object: &str, tag: &str, value: &str) -> String {
    let inner = object
        .strip_prefix('{')
        .and_then(|o| o.strip_suffix('}'))
        .unwrap_or(object)
        .trim();
    if inner.is_empty() {
        format!("{{{tag:?}: {value:?}}}")
    } else {
        format!("{{{tag:?}: {value:?}, {inner}}}")
    }
}

/// Whether `ty` is a plain value (a scalar or a string enum), not a record.
fn is_value(plan: &ApiPlan<'_>, ty: &Ty) -> bool {
    match ty {
        Ty::String | Ty::I32 | Ty::I64 | Ty::F64 | Ty::Bool => true,
        Ty::Named(name) => matches!(
            plan.models.defs.get(name),
            Some((Def::Enum(_) | Def::Strings(_), _))
        ),
        _ => false,
    }
}

/// A query value as the runtime encodes it; `None` for a value it leaves out.
fn query_text(plan: &ApiPlan<'_>, ty: &Ty) -> Option<String> {
    match ty {
        Ty::String => Some("s".into()),
        Ty::I32 | Ty::I64 => Some("1".into()),
        Ty::F64 => Some("1.5".into()),
        Ty::Bool => Some("true".into()),
        Ty::Vec(inner) => query_text(plan, inner),
        Ty::Shared("hubspot_runtime::DateTime", _) => Some(DATE_TIME.replace(':', "%3A")),
        Ty::Named(name) => match plan.models.defs.get(name)? {
            (Def::Enum(values) | Def::Strings(values), _) => values.first().cloned(),
            _ => None,
        },
        _ => None,
    }
}

/// A form body's text: its required fields, in order.
fn form_text(plan: &ApiPlan<'_>, ty: &Ty) -> String {
    let Ty::Named(name) = ty else {
        return String::new();
    };
    let Some((Def::Struct(fields), usage)) = plan.models.defs.get(name) else {
        return String::new();
    };
    fields
        .iter()
        .filter(|f| f.sent_required(*usage))
        .filter_map(|f| query_text(plan, &f.ty).map(|v| format!("{}={v}", f.json)))
        .collect::<Vec<_>>()
        .join("&")
}

/// How deep an answer fills every property (and a list's one item); below, only the required
/// ones: a sample stays small.
const FILLED_DEPTH: usize = 2;

/// A response body with every property of the schema near the top and its required ones below,
/// as `json!` source: each field's type is checked against a value, not only its absence.
pub(crate) fn response_json(plan: &ApiPlan<'_>, ty: &Ty, depth: usize) -> String {
    // Deep down, records stop (reference cycles); a value is still one of its type.
    if depth > MAX_DEPTH && !is_value(plan, ty) {
        return match ty {
            Ty::Vec(_) => "[]".into(),
            Ty::Shared("hubspot_runtime::DateTime", _) => format!("{DATE_TIME:?}"),
            _ => "{}".into(),
        };
    }
    let filled = depth <= FILLED_DEPTH;
    match ty {
        Ty::String => "\"s\"".into(),
        Ty::I32 | Ty::I64 => "1".into(),
        Ty::F64 => "1.5".into(),
        Ty::Bool => "false".into(),
        Ty::Json | Ty::Map(_) => "{}".into(),
        Ty::Vec(inner) if filled => format!("[{}]", response_json(plan, inner, depth + 1)),
        Ty::Vec(_) => "[]".into(),
        Ty::Boxed(inner) => response_json(plan, inner, depth),
        Ty::Shared(path, args) => match *path {
            "hubspot_runtime::DateTime" => format!("{DATE_TIME:?}"),
            "hubspot_models::Page" | "hubspot_models::SearchPage" => {
                let items = match args.first() {
                    Some(item) if filled => response_json(plan, item, depth + 1),
                    _ => String::new(),
                };
                let total = if *path == "hubspot_models::SearchPage" {
                    "\"total\": 1, "
                } else {
                    ""
                };
                format!("{{{total}\"results\": [{items}]}}")
            }
            "hubspot_models::BatchResult" => "{\"status\": \"COMPLETE\", \"results\": [], \"startedAt\": \"s\", \"completedAt\": \"s\"}".into(),
            "hubspot_models::Record" => "{\"id\": \"1\", \"properties\": {}, \"createdAt\": \"s\", \"updatedAt\": \"s\", \"archived\": false}".into(),
            "hubspot_models::NextPage" => "{\"after\": \"a\"}".into(),
            "hubspot_models::Property" => "{\"name\": \"n\", \"label\": \"l\", \"type\": \"string\", \"fieldType\": \"text\", \"groupName\": \"g\"}".into(),
            "hubspot_models::Pipeline" => "{\"id\": \"p\", \"label\": \"l\", \"displayOrder\": 0, \"stages\": [], \"archived\": false, \"createdAt\": \"2026-01-01T00:00:00Z\", \"updatedAt\": \"2026-01-01T00:00:00Z\"}".into(),
            "hubspot_models::Stage" => "{\"id\": \"s\", \"label\": \"l\", \"displayOrder\": 0, \"archived\": false, \"metadata\": {}, \"createdAt\": \"2026-01-01T00:00:00Z\", \"updatedAt\": \"2026-01-01T00:00:00Z\"}".into(),
            "hubspot_models::Schema" => "{\"id\": \"s\", \"name\": \"n\", \"labels\": {\"singular\": \"s\", \"plural\": \"p\"}, \"objectTypeId\": \"2-1\"}".into(),
            _ => "{}".into(),
        },
        Ty::Named(name) => match plan.models.defs.get(name) {
            Some((Def::Struct(fields), _)) => {
                let parts: Vec<String> = fields
                    .iter()
                    .filter(|f| f.required || filled)
                    .map(|f| {
                        let value = response_json(plan, &f.ty, depth + 1);
                        format!("{:?}: {value}", f.json)
                    })
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Some((Def::Enum(values) | Def::Strings(values), _)) => {
                format!("{:?}", values.first().cloned().unwrap_or_default())
            }
            Some((Def::OneOf(types), _)) => types
                .first()
                .map_or_else(|| "{}".into(), |t| response_json(plan, t, depth + 1)),
            Some((Def::Tagged(tag, variants_of), _)) => match variants_of.first() {
                Some((value, ty)) => tag_into(&response_json(plan, ty, depth + 1), tag, value),
                None => "{}".into(),
            },
            None => "{}".into(),
        },
    }
}
