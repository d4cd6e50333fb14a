//! The route table.

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{delete, get, post, put};

use crate::properties;

use crate::state::Shared;
use crate::{associations, custom, guard, oauth, objects, readonly, search};

/// The object operations under one base path: `/crm/v3/objects`, and `/crm/objects/v3` where
/// HubSpot serves appointments.
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

pub(crate) fn router(mock: Shared) -> Router {
    let api = ["/crm/v3/objects", "/crm/objects/v3"]
        .into_iter()
        .fold(Router::new(), object_routes)
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
            post(
                |state: State<Shared>, Path((from, to)): Path<(String, String)>, body| {
                    associations::batch(
                        state,
                        Path((from, to, "associate-default".to_owned())),
                        body,
                    )
                },
            ),
        )
        .route(
            "/crm/v4/associations/{from}/{to}/batch/labels/archive",
            post(
                |state: State<Shared>, Path((from, to)): Path<(String, String)>, body| {
                    associations::batch(state, Path((from, to, "labels-archive".to_owned())), body)
                },
            ),
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
            "/crm/v3/schemas",
            get(custom::list_schemas).post(custom::create_schema),
        )
        .route(
            "/crm/v3/schemas/{object}",
            get(custom::get_schema)
                .patch(custom::update_schema)
                .delete(custom::archive_schema),
        )
        .route(
            "/crm/v3/schemas/{object}/associations",
            post(custom::create_schema_association),
        )
        .route(
            "/crm/v3/schemas/{object}/associations/{id}",
            delete(custom::archive_schema_association),
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
        // HubSpot's own clients call the owners list with a trailing slash.
        .route("/crm/v3/owners", get(readonly::list_owners))
        .route("/crm/v3/owners/", get(readonly::list_owners))
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
        .fallback(guard::not_found)
        .layer(axum::middleware::from_fn_with_state(
            mock.clone(),
            guard::guard,
        ));
    let control = Router::new()
        .route("/__mock/stats", get(guard::stats))
        .route("/__mock/objects", get(guard::dump))
        .route(
            "/__mock/faults",
            post(guard::add_fault).delete(guard::clear_faults),
        )
        .route("/__mock/clock", post(guard::advance_clock))
        .route("/__mock/reset", post(guard::reset))
        // HubSpot's OAuth endpoints authenticate by their parameters, not a bearer token.
        .route("/oauth/authorize", get(oauth::authorize))
        .route("/oauth/v1/token", post(oauth::token))
        .route("/oauth/v3/token", post(oauth::token))
        .route(
            "/oauth/v1/access-tokens/{token}",
            get(oauth::access_token_info),
        )
        .route(
            "/oauth/v1/refresh-tokens/{token}",
            axum::routing::delete(oauth::delete_refresh_token),
        );
    control.merge(api).with_state(mock)
}
