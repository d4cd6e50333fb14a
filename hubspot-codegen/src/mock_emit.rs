//! `hubspot-mock/src/answers.rs`: an answer for every operation the SDK can send, from the same
//! plan the SDK is generated from. The mock serves its stateful routes first; any other
//! operation gets a body shaped as its schema says (every property near the top, required ones
//! below), after the checks HubSpot makes of a JSON body: an object, with each required
//! property there and of its type.

use std::fmt::Write as _;

use crate::plan::{ApiPlan, BodyKind};
use crate::tests_emit::response_json;
use crate::types::{Def, Ty};

/// The table, one row per operation, in the plans' order.
pub(crate) fn answers(plans: &[ApiPlan<'_>]) -> String {
    let mut out = String::from(
        "\n//! An answer for every operation the SDK can send, written by `hubspot-codegen` from the\n//! plan the SDK is generated from (structure only): the method, the path template (any version\n//! matches it), whether it takes a developer API key, the JSON body's required properties with\n//! their kinds, and the answer's status and body.\n\nuse crate::schema_answers::{Answer, Kind};\n\n/// Every operation's answer.\npub(crate) const ANSWERS: &[Answer] = &[\n",
    );
    for plan in plans {
        for endpoint in &plan.endpoints {
            let required = match (&endpoint.body, endpoint.body_kind) {
                (Some(ty), BodyKind::Json) => required(plan, ty),
                _ => Vec::new(),
            };
            let (status, body) = match &endpoint.response {
                Some(ty) => (200, format!("Some(r#\"{}\"#)", response_json(plan, ty, 0))),
                None => (204, "None".to_owned()),
            };
            let _ = writeln!(
                out,
                "Answer {{ method: {:?}, path: {:?}, developer_key: {}, required: &[{}], status: {status}, body: {body} }},",
                endpoint.method,
                endpoint.template,
                endpoint.developer_key,
                required
                    .iter()
                    .map(|(name, kind)| format!("({name:?}, Kind::{kind})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    out.push_str("];\n");
    out
}

/// The properties a JSON body must have, with the kind of each.
fn required(plan: &ApiPlan<'_>, ty: &Ty) -> Vec<(String, &'static str)> {
    let Ty::Named(name) = ty else {
        return Vec::new();
    };
    match plan.models.defs.get(name) {
        Some((Def::Struct(fields), usage)) => fields
            .iter()
            .filter(|f| f.sent_required(*usage))
            .map(|f| (f.json.clone(), kind(plan, &f.ty)))
            .collect(),
        _ => Vec::new(),
    }
}

/// What JSON a value of `ty` is.
fn kind(plan: &ApiPlan<'_>, ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "Text",
        Ty::I32 | Ty::I64 | Ty::F64 => "Number",
        Ty::Bool => "Flag",
        Ty::Vec(_) => "List",
        Ty::Map(_) => "Object",
        Ty::Boxed(inner) => kind(plan, inner),
        Ty::Named(name) => match plan.models.defs.get(name) {
            Some((Def::Struct(_) | Def::Tagged(..), _)) => "Object",
            Some((Def::Enum(_) | Def::Strings(_), _)) => "Text",
            _ => "Any",
        },
        _ => "Any",
    }
}
