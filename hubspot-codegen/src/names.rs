//! Names a person would write: `lists::memberships::add`, not `put_crm_lists_2026_03_…`.
//!
//! A function's module is the path's resource segments after the API's base, and its name the
//! method's verb (`get`, `list`, `create`, `update`, `replace`, `archive`) or, for a path that
//! ends in an action (`/cancel`, `/batch/read`, `/memberships/add`), the action. Where that rule
//! cannot get there, or names two operations of an API alike, [`OVERRIDES`] names the operation.
//! Nothing else goes in: a name never depends on which other operations exist.

/// Rust's keywords, which a generated name escapes as a raw identifier.
const KEYWORDS: [&str; 39] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "yield",
];

/// Last path segments that name an action rather than a resource.
const ACTIONS: [&str; 27] = [
    "pause",
    "write",
    "unpause",
    "add",
    "remove",
    "cancel",
    "restore",
    "search",
    "read",
    "create",
    "update",
    "upsert",
    "delete",
    "gdpr_delete",
    "archive",
    "purge",
    "merge",
    "rename",
    "move",
    "start",
    "introspect",
    "revoke",
    "me",
    "between",
    "status",
    "reset",
    "register",
];

/// First words of a last path segment that make it an action, phrased as a verb
/// (`/push-live`, `/detach-from-lang-group`): its name is the function's, never a module's.
const VERBS: [&str; 28] = [
    "accept",
    "activate",
    "add",
    "attach",
    "book",
    "clone",
    "complete",
    "create",
    "deactivate",
    "detach",
    "end",
    "export",
    "generate",
    "import",
    "migrate",
    "publish",
    "push",
    "replace",
    "rerun",
    "resubscribe",
    "restore",
    "schedule",
    "send",
    "subscribe",
    "terminate",
    "test",
    "unpublish",
    "validate",
];

/// Last path segments that end in their verb (`/email-upsert`, `/data-push`): actions too.
const VERB_PHRASES: [&str; 5] = [
    "email_upsert",
    "email_create",
    "data_push",
    "password_reset",
    "unsubscribe_all",
];

/// Whether a last path segment (snake case) of a call that changes something names an action.
fn is_action(segment: &str) -> bool {
    let first = segment.split('_').next().unwrap_or(segment);
    ACTIONS.contains(&segment)
        || VERB_PHRASES.contains(&segment)
        || (segment.contains('_') || !ACTIONS.contains(&first)) && VERBS.contains(&first)
        || segment.starts_with("update_")
        || segment.starts_with("unsubscribe")
}

/// APIs whose base path ends in a resource of its own, different per operation
/// (`/webhooks-journal/journal-local/2026-03`): the resource leads each name.
pub(crate) const BASE_IS_RESOURCE: [&str; 1] = ["Webhooks Journal"];

/// Operations the rule names badly, by (API, method, path shape after the base, or the whole
/// path's shape where two bases of an API share the rest): each with why, and its module and
/// function.
pub(crate) const OVERRIDES: &[(&str, &str, &str, &str)] = &[
    // The rule would make `object_type_id::name::get`: it reads a list by its name.
    ("Lists", "GET", "/object-type-id/{}/name/{}", "get_by_name"),
    // The rule would say `memberships::archive`: it empties the list.
    (
        "Lists",
        "DELETE",
        "/{}/memberships",
        "memberships::remove_all",
    ),
    (
        "Lists",
        "GET",
        "/{}/memberships/join-order",
        "memberships::list_by_join_order",
    ),
    (
        "Lists",
        "PUT",
        "/{}/memberships/add-from/{}",
        "memberships::add_from",
    ),
    (
        "Lists",
        "PUT",
        "/{}/memberships/add-and-remove",
        "memberships::add_and_remove",
    ),
    (
        "Lists",
        "GET",
        "/{}/size-and-edits-history/between",
        "size_history",
    ),
    ("Lists", "PUT", "/{}/update-list-filters", "update_filters"),
    ("Lists", "PUT", "/{}/update-list-name", "rename"),
    (
        "Lists",
        "GET",
        "/records/{}/{}/memberships",
        "memberships::of_record",
    ),
    (
        "Lists",
        "POST",
        "/records/memberships/batch/read",
        "memberships::batch_read_of_records",
    ),
    ("Lists", "PUT", "/folders/move-list", "folders::move_list"),
    ("Lists", "PUT", "/folders/{}/move/{}", "folders::move_to"),
    ("Lists", "GET", "/idmapping", "id_mapping::get"),
    ("Lists", "POST", "/idmapping", "id_mapping::batch_get"),
    ("Lists", "GET", "/{}/schedule-conversion", "conversion::get"),
    (
        "Lists",
        "PUT",
        "/{}/schedule-conversion",
        "conversion::schedule",
    ),
    (
        "Lists",
        "DELETE",
        "/{}/schedule-conversion",
        "conversion::cancel",
    ),
    // The collection's root reads lists by id, not a page of them.
    ("Lists", "GET", "", "get_many"),
    // Both paths read: one the whole enablement map, one a type's.
    (
        "Object Library",
        "GET",
        "/enablement",
        "enablement::get_all",
    ),
    ("Property Validations", "GET", "/{}/{}", "list_for_property"),
    (
        "Public App Feature Flags V3",
        "GET",
        "/{}/flags/all",
        "flags::list",
    ),
    (
        "Public App Feature Flags V3",
        "GET",
        "/{}/flags/{}/portals",
        "flags::portals::list",
    ),
    // The v3 calls that associate with one association type: kept under `legacy`.
    (
        "Associations",
        "PUT",
        "/{}/{}/associations/{}/{}/{}",
        "legacy::create",
    ),
    (
        "Associations",
        "DELETE",
        "/{}/{}/associations/{}/{}/{}",
        "legacy::archive",
    ),
    // `all` is not a resource: it lists every configuration.
    (
        "Associations Schema",
        "GET",
        "/definitions/configurations/all",
        "definitions::configurations::list_all",
    ),
    // A report is requested: the path's noun says which.
    (
        "Associations",
        "POST",
        "/usage/high-usage-report/{}",
        "usage::request_high_usage_report",
    ),
    // Exports: the async export is the only way in; its status is a task's.
    ("Exports", "POST", "/export/async", "start"),
    ("Exports", "GET", "/export/async/tasks/{}/status", "status"),
    ("Exports", "GET", "/export/{}", "get"),
    // Sending is the resource's only verb: one occurrence, or a batch of them.
    ("Send Event Completions", "POST", "/send", "single"),
    ("Send Event Completions", "POST", "/send/batch", "batch"),
    // Files: an upload is a create with parts; the signed URL is read, not listed.
    ("Files", "POST", "/files", "upload"),
    ("Files", "PUT", "/files/{}", "replace"),
    // A verb's call and a resource below the verb's segment: a function and a module of one
    // name, which the function's readers would not find; the resource's calls say what they read.
    ("Files", "GET", "/files/{}/download", "read_content"),
    (
        "Files",
        "POST",
        "/folders/update/async",
        "folders::start_update",
    ),
    (
        "Files",
        "GET",
        "/folders/update/async/tasks/{}/status",
        "folders::update_status",
    ),
    (
        "Subscriptions",
        "GET",
        "/statuses/{}/unsubscribe-all",
        "statuses::get_unsubscribe_all",
    ),
    (
        "Subscriptions",
        "POST",
        "/statuses/batch/unsubscribe-all/read",
        "statuses::batch_read_unsubscribe_all",
    ),
    (
        "Manage Event Definitions",
        "POST",
        "/send/batch",
        "batch_send",
    ),
    // Verbs the rule cannot see: one before a parameter, one spelled as a noun.
    ("Source Code", "POST", "/{}/validate/{}", "validate"),
    ("Single-send", "POST", "/single-send", "send"),
    ("Single-send", "POST", "/email/single-send", "email::send"),
    (
        "Campaigns Public Api",
        "GET",
        "/clone/{}/status",
        "clone_status",
    ),
    (
        "Campaigns Public Api",
        "GET",
        "/clone/asset-types",
        "clone_asset_types",
    ),
    (
        "Meetings",
        "GET",
        "/meetings/meeting-links/book/{}",
        "meetings::meeting_links::get_booking_page",
    ),
    (
        "Meetings",
        "GET",
        "/meetings/meeting-links/book/availability-page/{}",
        "meetings::meeting_links::get_availability_page",
    ), // Two operations the rule names alike: the one HubSpot published later says what tells it
    // apart (its last parameter, or `list` for a collection read). Released names, kept.
    (
        "Actions V4",
        "GET",
        "/{}/{}/functions/{}/{}",
        "functions::get_by_function_id",
    ),
    (
        "Actions V4",
        "PUT",
        "/{}/{}/functions/{}/{}",
        "functions::replace_by_function_id",
    ),
    (
        "Actions V4",
        "DELETE",
        "/{}/{}/functions/{}/{}",
        "functions::archive_by_function_id",
    ),
    (
        "Actions V4",
        "POST",
        "/{}/complete",
        "complete_by_callback_id",
    ),
    (
        "Business Units",
        "GET",
        "/business-units/v3/business-units/user/{}",
        "user::list_by_user_id",
    ),
    (
        "Hubdb",
        "GET",
        "/tables/{}/rows/{}",
        "tables::rows::get_by_row_id",
    ),
    (
        "Hubdb",
        "GET",
        "/tables/{}/rows/{}/draft",
        "tables::rows::draft::list",
    ),
    (
        "Media Bridge",
        "GET",
        "/{}/settings/oembed-domains/{}",
        "settings::oembed_domains::get_by_o_embed_domain_id",
    ),
    (
        "Forecast Types",
        "GET",
        "/forecast-types/{}",
        "get_by_forecast_type_id",
    ),
    ("Contracts", "GET", "/contracts/{}/changes", "changes::list"),
    (
        "Contracts",
        "POST",
        "/contracts/{}/changes",
        "changes::create_by_contract_id",
    ),
    (
        "Marketing Events",
        "GET",
        "/associations/{}/lists",
        "associations::lists::list_by_marketing_event_id",
    ),
    (
        "Marketing Events",
        "PUT",
        "/associations/{}/lists/{}",
        "associations::lists::replace_by_list_id",
    ),
    (
        "Marketing Events",
        "DELETE",
        "/associations/{}/lists/{}",
        "associations::lists::archive_by_list_id",
    ),
    (
        "Marketing Events",
        "POST",
        "/events/{}/{}/upsert",
        "upsert_by_subscriber_state",
    ),
    (
        "Marketing Events",
        "GET",
        "/participations/{}",
        "participations::get_by_marketing_event_id",
    ),
    (
        "Marketing Events",
        "GET",
        "/participations/{}/breakdown",
        "participations::breakdown::list_by_marketing_event_id",
    ),
    ("Marketing Events", "GET", "/{}", "get_by_object_id"),
    ("Marketing Events", "PATCH", "/{}", "update_by_object_id"),
    ("Marketing Events", "DELETE", "/{}", "archive_by_object_id"),
    (
        "Marketing Events",
        "POST",
        "/{}/attendance/{}/create",
        "attendance::create_by_subscriber_state",
    ),
    (
        "Marketing Events",
        "POST",
        "/{}/attendance/{}/email-create",
        "attendance::email_create_by_subscriber_state",
    ),
];

/// The module an API's operations go in, below its family's: its folder's name in snake case
/// without the family's words, or what reads better. A family of one API (files, scheduler) is
/// that API's module.
pub(crate) fn api_module(family: &str, api: &str) -> String {
    match (family, api) {
        (_, "Crm Owners") => "owners".into(),
        (_, "Public App Crm Cards") => "cards".into(),
        (_, "Public App Feature Flags V3") => "feature_flags".into(),
        (_, "Calling Extensions") => "calling".into(),
        (_, "Video Conferencing Extension") => "video_conferencing".into(),
        (_, "Limits Tracking") => "limits".into(),
        // Its object operations are the object table's; these are its payment actions.
        ("CRM", "Commerce Subscriptions") => "payments_subscriptions".into(),
        ("Files", "Files") => "files".into(),
        ("Webhooks", "Webhooks") => "webhooks".into(),
        ("Webhooks Journal", "Webhooks Journal") => "webhooks_journal".into(),
        ("Communication Preferences", "Subscriptions") => "communication_preferences".into(),
        ("Meta", "Origins") => "meta".into(),
        ("Scheduler", "Meetings") => "scheduler".into(),
        ("Data Studio", "Datasource Ingestion") => "data_studio".into(),
        ("Account", "Account Info") => "info".into(),
        ("Automation", "Actions V4") => "actions".into(),
        ("Automation", "Automation V4") => "flows".into(),
        ("CMS", "Cms Content Audit") => "content_audit".into(),
        ("Marketing", "Campaigns Public Api") => "campaigns".into(),
        ("Marketing", "Marketing Emails V3") => "emails_v3".into(),
        ("Marketing", "Transactional Single Send") => "transactional".into(),
        ("Settings", "Multicurrency") => "currencies".into(),
        ("Settings", "User Provisioning") => "users".into(),
        ("Conversations", "Conversations Inbox & Messages") => "inbox".into(),
        ("Conversations", "Conversations") => "threads".into(),
        ("Events", "Events") => "occurrences".into(),
        ("Events", "Manage Event Definitions") => "definitions".into(),
        ("Events", "Send Event Completions") => "send".into(),
        _ => {
            let family = snake(family);
            let own = snake(api);
            own.strip_prefix(&format!("{family}_"))
                .map_or(own.clone(), str::to_owned)
        }
    }
}

/// The module below the crate root that a family's APIs go in; `None` for the CRM and OAuth,
/// whose APIs sit at the root. Business units are settings.
pub(crate) fn family_module(family: &str) -> Option<&'static str> {
    Some(match family {
        "CRM" | "Auth" => return None,
        "Account" => "account",
        "Automation" => "automation",
        "Business Units" | "Settings" => "settings",
        "CMS" => "cms",
        "Commerce" => "commerce",
        "Communication Preferences" => "communication_preferences",
        "Conversations" => "conversations",
        "Data Studio" => "data_studio",
        "Events" => "events",
        "Files" => "files",
        "Marketing" => "marketing",
        "Meta" => "meta",
        "Scheduler" => "scheduler",
        "Webhooks" => "webhooks",
        "Webhooks Journal" => "webhooks_journal",
        _ => return None,
    })
}

/// The cargo feature a top-level generated module needs: every family beyond the CRM, and the
/// CRM APIs only some apps use (app extensions, limits tracking). The default build compiles
/// the rest; `all-apis` turns every one on.
pub(crate) fn feature(module: &str) -> Option<&'static str> {
    Some(match module {
        "app_uninstalls" => "app-uninstalls",
        "calling" => "calling",
        "cards" => "cards",
        "deal_splits" => "deal-splits",
        "feature_flags" => "feature-flags",
        "limits" => "limits",
        "object_library" => "object-library",
        "property_validations" => "property-validations",
        "timeline" => "timeline",
        "transcriptions" => "transcriptions",
        "video_conferencing" => "video-conferencing",
        "payments_subscriptions" => "payments-subscriptions",
        "forecast_submissions" | "forecast_types" => "forecasts",
        "notetaker_conversation_recap" => "notetaker",
        "object_tags" => "object-tags",
        "pipeline_governance" => "pipeline-governance",
        "tasks_series" => "tasks-series",
        "account" => "account",
        "automation" => "automation",
        "cms" => "cms",
        "commerce" => "commerce",
        "communication_preferences" => "communication-preferences",
        "conversations" => "conversations",
        "data_studio" => "data-studio",
        "events" => "events",
        "files" => "files",
        "marketing" => "marketing",
        "meta" => "meta",
        "scheduler" => "scheduler",
        "settings" => "settings",
        "webhooks" => "webhooks",
        "webhooks_journal" => "webhooks-journal",
        _ => return None,
    })
}

/// Whether a generated module is merged into a hand-written one (the curated modules and
/// `oauth`) rather than re-exported at the crate root.
pub(crate) fn is_merged(module: &str) -> bool {
    matches!(
        module,
        "objects"
            | "associations"
            | "properties"
            | "pipelines"
            | "owners"
            | "schemas"
            | "oauth"
            | "imports"
            | "exports"
            | "webhooks"
            | "files"
    ) || merged_into(module).is_some()
}

/// The hand-written module an API's generated module is merged into, where it is not its own.
pub(crate) fn merged_into(module: &str) -> Option<&'static str> {
    match module {
        "associations_schema" => Some("associations"),
        _ => None,
    }
}

/// `snake_case` from `camelCase`, `PascalCase`, `kebab-case` or `Spaced Words`.
pub(crate) fn snake(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            let boundary = c.is_ascii_uppercase()
                && i > 0
                && (chars[i - 1].is_ascii_lowercase()
                    || chars[i - 1].is_ascii_digit()
                    || chars.get(i + 1).is_some_and(|n| {
                        n.is_ascii_lowercase() && chars[i - 1].is_ascii_uppercase()
                    }));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// `PascalCase` from any of the forms [`snake`] reads.
pub(crate) fn pascal(text: &str) -> String {
    let out: String = snake(text)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) || out.is_empty() {
        format!("V{out}")
    } else {
        out
    }
}

/// `name` as an identifier: raw where it is a keyword.
pub(crate) fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        if matches!(name, "self" | "super" | "crate") {
            format!("{name}_")
        } else {
            format!("r#{name}")
        }
    } else {
        name.to_owned()
    }
}

/// The module path (without the API's own module) and function name of an operation whose
/// path is `whole`, and `rest` after the API's base (shape form: parameters as `{}`).
pub(crate) fn operation(
    family: &str,
    api: &str,
    method: &str,
    (whole, rest): (&str, &str),
    collection: bool,
) -> (Vec<String>, String) {
    if let Some((_, _, _, name)) = OVERRIDES
        .iter()
        .find(|(a, m, r, _)| *a == api && *m == method && (*r == whole || *r == rest))
    {
        let mut parts: Vec<String> = name.split("::").map(str::to_owned).collect();
        let function = parts.pop().unwrap_or_default();
        return (parts, function);
    }
    let all: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    // `…/async` starts a task, `…/async/tasks/{id}/status` reads it: neither word is a resource.
    if method == "POST" && all.last() == Some(&"async") {
        let module = all[..all.len() - 1]
            .iter()
            .filter(|s| **s != "{}")
            .map(|s| snake(s))
            .collect();
        return strip_own(family, api, module, "start".to_owned());
    }
    let segments: Vec<&str> = all
        .iter()
        .copied()
        .filter(|s| !matches!(*s, "async" | "tasks"))
        .collect();
    let ends_with_param = segments.last().is_some_and(|s| *s == "{}");
    let literals: Vec<String> = segments
        .iter()
        .filter(|s| **s != "{}")
        .map(|s| snake(s))
        .collect();
    let (mut literals, _) = strip_own(family, api, literals, String::new());
    let action = (!ends_with_param)
        .then(|| literals.last().cloned())
        .flatten()
        .filter(|last| ACTIONS.contains(&last.as_str()) || method != "GET" && is_action(last));
    let function = match action {
        Some(action) => {
            literals.pop();
            if literals.last().is_some_and(|l| l == "batch") {
                literals.pop();
                format!("batch_{action}")
            } else {
                action
            }
        }
        None => verb(method, collection).to_owned(),
    };
    (literals, function)
}

/// `/schemas/batch/read` in the schemas API is `schemas::batch_read`, not `schemas::schemas::…`:
/// a first resource named as the API's module goes.
fn strip_own(
    family: &str,
    api: &str,
    mut module: Vec<String>,
    function: String,
) -> (Vec<String>, String) {
    let own = api_module(family, api);
    if module
        .first()
        .is_some_and(|first| *first == own || Some(first.as_str()) == merged_into(&own))
    {
        module.remove(0);
    }
    (module, function)
}

/// The verb for a method; a `GET` that answers a page or a list lists, any other reads.
fn verb(method: &str, collection: bool) -> &'static str {
    match (method, collection) {
        ("GET", false) => "get",
        ("GET", true) => "list",
        ("POST", _) => "create",
        ("PUT", _) => "replace",
        ("PATCH", _) => "update",
        ("DELETE", _) => "archive",
        _ => "call",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(snake("fromObjectType"), "from_object_type");
        assert_eq!(snake("Public App Crm Cards"), "public_app_crm_cards");
        assert_eq!(snake("add-and-remove"), "add_and_remove");
        assert_eq!(snake("HTTPStatus"), "http_status");
        assert_eq!(snake("0-1"), "_0_1");
        assert_eq!(pascal("HUBSPOT_DEFINED"), "HubspotDefined");
        assert_eq!(pascal("0-1"), "V01");
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("self"), "self_");
    }

    #[test]
    fn operations_are_named_by_resource_and_action() {
        let name = |method, rest| {
            operation(
                "CRM",
                "Any",
                method,
                ("", rest),
                method == "GET" && !rest.ends_with("{}"),
            )
        };
        assert_eq!(
            name("PUT", "/{}/memberships/add"),
            (vec!["memberships".into()], "add".into())
        );
        assert_eq!(
            name("GET", "/{}/memberships"),
            (vec!["memberships".into()], "list".into())
        );
        assert_eq!(name("GET", "/{}"), (vec![], "get".into()));
        assert_eq!(name("GET", ""), (vec![], "list".into()));
        assert_eq!(
            operation("CRM", "Any", "GET", ("", "/settings"), false),
            (vec!["settings".into()], "get".into())
        );
        assert_eq!(name("POST", "/batch/read"), (vec![], "batch_read".into()));
        assert_eq!(
            name("DELETE", "/folders/{}"),
            (vec!["folders".into()], "archive".into())
        );
        assert_eq!(name("POST", "/{}/cancel"), (vec![], "cancel".into()));
        assert_eq!(
            operation(
                "CRM",
                "Lists",
                "GET",
                ("", "/object-type-id/{}/name/{}"),
                false
            ),
            (vec![], "get_by_name".into())
        );
    }
}
