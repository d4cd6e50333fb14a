//! Where HubSpot documents each API: a reference page per API and version, under
//! `developers.hubspot.com/docs/api-reference/<version>/…`. The addresses are facts we keep here
//! (a path per API, or the rule from its family and module), never text from the collection.

use crate::plan::ApiPlan;

/// The reference's address for the APIs the rule below would miss, by the collection's API name.
const PAGES: &[(&str, &str)] = &[
    ("Lists", "crm/lists"),
    ("Properties", "crm/properties"),
    ("Pipelines", "crm/pipelines"),
    ("Associations", "crm/associations"),
    ("Associations Schema", "crm/associations"),
    ("Schemas", "crm/objects/custom-objects"),
    ("Crm Owners", "crm/owners"),
    ("Imports", "crm/imports"),
    ("Exports", "crm/exports"),
    ("Webhooks Journal", "webhooks-journal"),
    ("Webhooks", "webhooks"),
    ("Files", "files"),
    ("Oauth", "authentication/manage-oauth-tokens"),
];

/// The version a reference page is read at: the one calls default to (2026-03) where the API has
/// it, else its oldest stable one, else its oldest beta; `latest` for legacy paths only.
fn version(plan: &ApiPlan<'_>) -> String {
    let mut dated: Vec<&String> = plan.endpoints.iter().flat_map(|e| &e.versions).collect();
    dated.sort_by_key(|v| (*v != "2026-03", v.contains("beta"), v.as_str()));
    dated
        .first()
        .map_or_else(|| "latest".to_owned(), |v| (*v).clone())
}

/// The reference page of `plan`'s API, at the version its calls default to.
pub(crate) fn reference(plan: &ApiPlan<'_>) -> String {
    let page = PAGES.iter().find(|(api, _)| *api == plan.api).map_or_else(
        || {
            let family = plan
                .family_module
                .as_deref()
                .unwrap_or("crm")
                .replace('_', "-");
            let module = plan.module.replace('_', "-");
            if family == module {
                family
            } else {
                format!("{family}/{module}")
            }
        },
        |(_, page)| (*page).to_owned(),
    );
    format!(
        "https://developers.hubspot.com/docs/api-reference/{}/{page}/guide",
        version(plan)
    )
}
