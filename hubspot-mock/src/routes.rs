//! The route table.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde_json::Value;

use crate::properties;

use crate::state::Shared;
use crate::{
    app_webhooks, associations, custom, documents, events, exports, files, guard, imports, journal,
    lists, oauth, objects, preferences, readonly, search, transactional,
};

/// The largest upload the files routes take, well above axum's 2 MB default.
const UPLOAD_MAX_BYTES: usize = 32 * 1024 * 1024;

/// The dated versions the mock serves, as HubSpot does, beside the legacy paths.
pub(crate) const DATED_VERSIONS: [&str; 4] = ["2025-09", "2026-03", "2026-09", "2026-09-beta"];

/// The object operations under one base path: `/crm/v3/objects`, `/crm/objects/v3` where
/// HubSpot served appointments, and `/crm/objects/{version}`.
fn object_routes(router: Router<Shared>, base: &str) -> Router<Shared> {
    let objects = format!("{base}/{{object}}");
    router
        .route(&objects, get(objects::list).post(objects::create))
        .route(
            &format!("{objects}/{{id}}"),
            get(objects::get)
                .patch(objects::update)
                .delete(objects::archive),
        )
        .route(
            &format!("{objects}/batch/{{operation}}"),
            post(objects::batch),
        )
        .route(&format!("{objects}/search"), post(search::search))
        .route(&format!("{objects}/merge"), post(objects::merge))
}

/// Custom object schemas under a base path: dated (`/crm-object-schemas/2026-03/schemas`) or
/// legacy (`/crm/v3/schemas`, `/crm-object-schemas/v3/schemas`).
fn schema_routes(router: Router<Shared>, schemas: &str) -> Router<Shared> {
    router
        .route(
            schemas,
            get(custom::list_schemas).post(custom::create_schema),
        )
        .route(
            &format!("{schemas}/{{object}}"),
            get(custom::get_schema)
                .patch(custom::update_schema)
                .delete(custom::archive_schema),
        )
        .route(
            &format!("{schemas}/{{object}}/associations"),
            post(custom::create_schema_association),
        )
        .route(
            &format!("{schemas}/{{object}}/associations/{{id}}"),
            delete(custom::archive_schema_association),
        )
}

/// Lists, imports and exports under their base paths: dated (`/crm/lists/2026-03`) or legacy
/// (`/crm/v3/lists`).
fn list_import_export_routes(
    router: Router<Shared>,
    lists: &str,
    imports: &str,
    exports: &str,
) -> Router<Shared> {
    router
        .route(lists, post(lists::create))
        .route(&format!("{lists}/search"), post(lists::search))
        .route(
            &format!("{lists}/object-type-id/{{type}}/name/{{name}}"),
            get(lists::get_by_name),
        )
        .route(
            &format!("{lists}/{{id}}"),
            get(lists::get).delete(lists::archive),
        )
        .route(
            &format!("{lists}/{{id}}/memberships"),
            get(lists::memberships),
        )
        .route(
            &format!("{lists}/{{id}}/memberships/{{operation}}"),
            put(lists::change),
        )
        .route(imports, post(imports::start))
        .route(&format!("{imports}/{{id}}"), get(imports::get))
        .route(&format!("{imports}/{{id}}/errors"), get(imports::errors))
        .route(&format!("{exports}/export/async"), post(exports::start))
        .route(
            &format!("{exports}/export/async/tasks/{{id}}/status"),
            get(exports::status),
        )
}

/// Everything the mock serves under one dated version: the legacy operations' paths, as
/// HubSpot moved them, with association ids as text.
fn dated_routes(router: Router<Shared>, version: &str) -> Router<Shared> {
    let objects = format!("/crm/objects/{version}");
    let associations = format!("/crm/associations/{version}/{{from}}/{{to}}");
    let properties = format!("/crm/properties/{version}/{{object}}");
    let pipelines = format!("/crm/pipelines/{version}/{{object}}");
    let owners = format!("/crm/owners/{version}");
    // The association routes share the object routes' parameter names: one router position
    // takes one name.
    let record = format!("{objects}/{{object}}/{{id}}/associations");
    let router = schema_routes(router, &format!("/crm-object-schemas/{version}/schemas"));
    let router = list_import_export_routes(
        router,
        &format!("/crm/lists/{version}"),
        &format!("/crm/imports/{version}"),
        &format!("/crm/exports/{version}"),
    );
    object_routes(router, &objects)
        .route(
            &format!("{objects}/contacts/gdpr-delete"),
            post(objects::gdpr_delete),
        )
        .route(
            &format!("{objects}/0-1/gdpr-delete"),
            post(objects::gdpr_delete),
        )
        .route(
            &format!("{record}/default/{{to}}/{{to_id}}"),
            put(associations::create_default),
        )
        .route(
            &format!("{record}/{{to}}/{{to_id}}"),
            put(associations::create_labelled).delete(associations::delete),
        )
        .route(&format!("{record}/{{to}}"), get(associations::list))
        .route(
            &format!("{associations}/batch/{{operation}}"),
            post(associations::batch),
        )
        .route(
            &format!("{associations}/batch/associate/default"),
            post(associations::batch_associate_default),
        )
        .route(
            &format!("{associations}/batch/labels/archive"),
            post(associations::batch_labels_archive),
        )
        .route(
            &format!("{associations}/labels"),
            get(custom::list_labels)
                .post(custom::create_label)
                .put(custom::update_label),
        )
        .route(
            &format!("{associations}/labels/{{type_id}}"),
            delete(custom::delete_label),
        )
        .route(&properties, get(properties::list).post(properties::create))
        .route(
            &format!("{properties}/groups"),
            get(properties::list_groups).post(properties::create_group),
        )
        .route(
            &format!("{properties}/groups/{{name}}"),
            get(properties::get_group)
                .patch(properties::update_group)
                .delete(properties::archive_group),
        )
        .route(
            &format!("{properties}/{{name}}"),
            get(properties::get)
                .patch(properties::update)
                .delete(properties::archive),
        )
        .route(&owners, get(readonly::list_owners))
        .route(&format!("{owners}/{{id}}"), get(readonly::get_owner))
        .route(&pipelines, get(readonly::list_pipelines))
        .route(
            &format!("{pipelines}/{{pipeline}}"),
            get(readonly::get_pipeline),
        )
        .route(
            &format!("{pipelines}/{{pipeline}}/stages"),
            get(readonly::list_stages),
        )
}

/// The families beside the CRM under one version segment (`v3` or a dated one): files,
/// behavioral events, transactional email, app webhook subscriptions and communication
/// preferences.
fn family_routes(router: Router<Shared>, version: &str) -> Router<Shared> {
    let files = format!("/files/{version}/files");
    let subscriptions = format!("/webhooks/{version}/{{app}}/subscriptions");
    let statuses = format!("/communication-preferences/{version}/statuses");
    router
        .route(
            &files,
            post(files::upload).layer(DefaultBodyLimit::max(UPLOAD_MAX_BYTES)),
        )
        .route(
            &format!("{files}/{{id}}"),
            get(files::get)
                .put(files::replace)
                .delete(files::archive)
                .layer(DefaultBodyLimit::max(UPLOAD_MAX_BYTES)),
        )
        .route(
            &format!("{files}/{{id}}/signed-url"),
            get(files::signed_url),
        )
        .route(&format!("/events/{version}/send"), post(events::send))
        .route(
            &format!("/events/event-occurrences/{version}"),
            get(events::occurrences),
        )
        .route(
            &format!("/events/event-occurrences/{version}/event-types"),
            get(events::event_types),
        )
        // The legacy read, `/events/v3/events`.
        .route(
            &format!("/events/{version}/events"),
            get(events::occurrences),
        )
        .route(
            &format!("/events/{version}/events/event-types"),
            get(events::event_types),
        )
        .route(
            &format!("/events/{version}/send/batch"),
            post(events::send_batch),
        )
        .route(
            &format!("/events/custom/{version}/send"),
            post(events::send),
        )
        .route(
            &format!("/events/custom/{version}/send/batch"),
            post(events::send_batch),
        )
        .route(
            &format!("/marketing/transactional/{version}/single-email/send"),
            post(transactional::send),
        )
        // The legacy path puts its version first.
        .route(
            &format!("/marketing/{version}/transactional/single-email/send"),
            post(transactional::send),
        )
        .route(
            &format!("/marketing/{version}/email/send-statuses/{{status_id}}"),
            get(transactional::send_status),
        )
        .route(
            &subscriptions,
            get(app_webhooks::list).post(app_webhooks::create),
        )
        .route(
            &format!("{subscriptions}/batch/update"),
            post(app_webhooks::batch_update),
        )
        .route(
            &format!("{subscriptions}/{{id}}"),
            get(app_webhooks::get)
                .patch(app_webhooks::update)
                .delete(app_webhooks::archive),
        )
        .route(
            &format!("{statuses}/batch/read"),
            post(preferences::batch_read),
        )
        .route(
            &format!("{statuses}/{{subscriber}}"),
            get(preferences::get).post(preferences::set),
        )
        .route(
            &format!("{statuses}/{{subscriber}}/unsubscribe-all"),
            post(preferences::unsubscribe_all),
        )
}

/// A document collection's routes under `base`: list and create, and read, update and archive
/// by id.
fn document_routes(router: Router<Shared>, base: &str, kind: documents::Kind) -> Router<Shared> {
    router
        .route(
            base,
            get(move |State(mock): State<Shared>| documents::list(mock, kind)).post(
                move |State(mock): State<Shared>, Json(body): Json<Value>| {
                    documents::create(mock, kind, body)
                },
            ),
        )
        .route(
            &format!("{base}/{{id}}"),
            get(move |State(mock): State<Shared>, Path(id): Path<String>| {
                documents::get(mock, kind, id)
            })
            .patch(
                move |State(mock): State<Shared>,
                      Path(id): Path<String>,
                      Json(body): Json<Value>| {
                    documents::update(mock, kind, id, false, body)
                },
            )
            .put(
                move |State(mock): State<Shared>,
                      Path(id): Path<String>,
                      Json(body): Json<Value>| {
                    documents::update(mock, kind, id, true, body)
                },
            )
            .delete(move |State(mock): State<Shared>, Path(id): Path<String>| {
                documents::archive(mock, kind, id)
            }),
        )
}

/// Marketing forms and e-mails, and form submissions made with the token.
fn marketing_routes(router: Router<Shared>) -> Router<Shared> {
    let router = document_routes(router, "/marketing/v3/forms", documents::FORMS);
    ["/marketing/emails/2026-03", "/marketing/v3/emails"]
        .into_iter()
        .fold(router, |router, base| {
            document_routes(router, base, documents::EMAILS)
                .route(
                    &format!("{base}/{{id}}/publish"),
                    post(|State(mock): State<Shared>, Path(id): Path<String>| {
                        documents::publish(mock, id, true)
                    }),
                )
                .route(
                    &format!("{base}/{{id}}/unpublish"),
                    post(|State(mock): State<Shared>, Path(id): Path<String>| {
                        documents::publish(mock, id, false)
                    }),
                )
        })
        .route(
            "/submissions/v3/integration/secure/submit/{portal}/{guid}",
            post(documents::secure_submit),
        )
}

/// The webhooks journal's versions.
const JOURNAL_VERSIONS: [&str; 2] = ["2026-03", "2027-03-beta"];

/// The webhooks journal under one version: subscriptions, snapshots, and the global and local
/// journals (the mock's app is installed in one account, so both read the same entries).
fn journal_routes(router: Router<Shared>, version: &str) -> Router<Shared> {
    let subscriptions = format!("/webhooks-journal/subscriptions/{version}");
    let router = router
        .route(
            &subscriptions,
            get(journal::list_subscriptions).post(journal::upsert_subscription),
        )
        .route(
            &format!("{subscriptions}/{{id}}"),
            get(journal::get_subscription).delete(journal::delete_subscription),
        )
        .route(
            &format!("{subscriptions}/portals/{{portal}}"),
            delete(journal::delete_portal),
        )
        .route(
            &format!("/webhooks-journal/snapshots/{version}/crm"),
            post(journal::snapshot),
        );
    ["journal", "journal-local"]
        .into_iter()
        .fold(router, |router, kind| {
            let base = format!("/webhooks-journal/{kind}/{version}");
            router
                .route(&format!("{base}/earliest"), get(journal::earliest))
                .route(&format!("{base}/latest"), get(journal::latest))
                .route(
                    &format!("{base}/offset/{{offset}}/next"),
                    get(journal::next),
                )
                .route(&format!("{base}/status/{{id}}"), get(journal::status))
                .route(
                    &format!("{base}/batch/earliest/{{count}}"),
                    get(journal::batch_earliest),
                )
                .route(
                    &format!("{base}/batch/latest/{{count}}"),
                    get(journal::batch_latest),
                )
                .route(
                    &format!("{base}/batch/{{offset}}/next/{{count}}"),
                    get(journal::batch_next),
                )
                .route(&format!("{base}/batch/read"), post(journal::batch_read))
        })
}

/// The download listener's routes: export files and signed file URLs, for requests without
/// the HubSpot token.
pub(crate) fn downloads(mock: Shared) -> Router {
    Router::new()
        .route("/exports/{file}", get(exports::download))
        .route("/files/{id}", get(files::download))
        .route("/hubfs/{id}/{name}", get(files::public))
        .route("/journal/{file}", get(journal::download))
        .with_state(mock)
}

pub(crate) fn router(mock: Shared) -> Router {
    let legacy = list_import_export_routes(
        Router::new(),
        "/crm/v3/lists",
        "/crm/v3/imports",
        "/crm/v3/exports",
    );
    let legacy = ["/crm/v3/objects", "/crm/objects/v3"]
        .into_iter()
        .fold(legacy, object_routes);
    let legacy = ["/crm/v3/schemas", "/crm-object-schemas/v3/schemas"]
        .into_iter()
        .fold(legacy, schema_routes);
    let crm = DATED_VERSIONS.into_iter().fold(legacy, dated_routes);
    let crm = JOURNAL_VERSIONS.into_iter().fold(crm, journal_routes);
    let crm = marketing_routes(crm);
    let api = std::iter::once("v3")
        .chain(DATED_VERSIONS)
        .fold(crm, family_routes)
        .route(
            "/crm/v3/objects/contacts/gdpr-delete",
            post(objects::gdpr_delete),
        )
        .route(
            "/crm/v3/objects/0-1/gdpr-delete",
            post(objects::gdpr_delete),
        )
        .route(
            "/crm/v4/objects/{from}/{from_id}/associations/default/{to}/{to_id}",
            put(associations::create_default),
        )
        .route(
            "/crm/v4/objects/{from}/{from_id}/associations/{to}/{to_id}",
            put(associations::create_labelled).delete(associations::delete),
        )
        .route(
            "/crm/v4/objects/{from}/{from_id}/associations/{to}",
            get(associations::list),
        )
        .route(
            "/crm/v4/associations/{from}/{to}/batch/{operation}",
            post(associations::batch),
        )
        .route(
            "/crm/v4/associations/{from}/{to}/batch/associate/default",
            post(associations::batch_associate_default),
        )
        .route(
            "/crm/v4/associations/{from}/{to}/batch/labels/archive",
            post(associations::batch_labels_archive),
        )
        .route(
            "/crm/v3/properties/{object}",
            get(properties::list).post(properties::create),
        )
        .route(
            "/crm/v3/properties/{object}/groups",
            get(properties::list_groups).post(properties::create_group),
        )
        .route(
            "/crm/v3/properties/{object}/groups/{name}",
            get(properties::get_group)
                .patch(properties::update_group)
                .delete(properties::archive_group),
        )
        .route(
            "/crm/v3/properties/{object}/{name}",
            get(properties::get)
                .patch(properties::update)
                .delete(properties::archive),
        )
        .route(
            "/crm/v4/associations/{from}/{to}/labels",
            get(custom::list_labels)
                .post(custom::create_label)
                .put(custom::update_label),
        )
        .route(
            "/crm/v4/associations/{from}/{to}/labels/{type_id}",
            delete(custom::delete_label),
        )
        .route("/crm/v3/owners", get(readonly::list_owners))
        .route("/crm/v3/owners/{id}", get(readonly::get_owner))
        .route("/crm/v3/pipelines/{object}", get(readonly::list_pipelines))
        .route(
            "/crm/v3/pipelines/{object}/{pipeline}",
            get(readonly::get_pipeline),
        )
        .route(
            "/crm/v3/pipelines/{object}/{pipeline}/stages",
            get(readonly::list_stages),
        )
        // Every other operation of the SDK, and a method a stateful path does not serve.
        .fallback(crate::schema_answers::answer)
        .method_not_allowed_fallback(crate::schema_answers::answer)
        .layer(axum::middleware::from_fn_with_state(
            mock.clone(),
            guard::guard,
        ));
    let control = Router::new()
        .route("/__mock/stats", get(guard::stats))
        .route("/__mock/objects", get(guard::dump))
        .route(
            "/__mock/faults",
            post(guard::add_fault)
                .get(guard::list_faults)
                .delete(guard::clear_faults),
        )
        .route("/__mock/clock", post(guard::advance_clock))
        .route("/__mock/reset", post(guard::reset))
        // Public form submissions carry no credentials.
        .route(
            "/submissions/v3/integration/submit/{portal}/{guid}",
            post(documents::submit),
        )
        // HubSpot's OAuth endpoints authenticate by their parameters, not a bearer token.
        .route("/oauth/authorize", get(oauth::authorize))
        .route("/oauth/v1/token", post(oauth::token))
        .route("/oauth/v3/token", post(oauth::token))
        .route("/oauth/2026-03/token", post(oauth::token))
        .route("/oauth/2026-09/token", post(oauth::token))
        .route(
            "/oauth/v1/access-tokens/{token}",
            get(oauth::access_token_info),
        )
        .route(
            "/oauth/v1/refresh-tokens/{token}",
            get(oauth::refresh_token_info).delete(oauth::delete_refresh_token),
        );
    control.merge(api).with_state(mock)
}
