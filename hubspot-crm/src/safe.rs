//! Writes that are never lost and never doubled.
//!
//! HubSpot has no idempotency key, so a create that meets a timeout, a dropped connection or a
//! 5xx may or may not have been applied: sending it again can double it, not sending it can lose
//! it. HubSpot's own answer is an upsert by a property with unique values (`email` for contacts,
//! or a property of yours created with `hasUniqueValue`). Sent that way, a create can be
//! repeated as often as it takes:
//!
//! - [`unique_property`] makes sure the key property exists, once;
//! - [`create`] creates (or finds) the record holding a key, retried through 429s, 5xx,
//!   timeouts and dropped connections until it succeeds or the deadline ends;
//! - [`find`] reads back a record by its key, to settle a plain create whose outcome is unknown.
//!
//! Each returns a [`Pending`]: `.await` it (the task's scoped client, else the default) or
//! `.send(&client)` it, as an endpoint's request.
//!
//! ```no_run
//! use hubspot_crm::{deals, safe, models::{ObjectType, UpsertInput}};
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! safe::unique_property(&ObjectType::Deals, "erp_order_id").await?;
//! let input = UpsertInput::by("erp_order_id", "SO-1042")
//!     .set("dealname", "Order SO-1042")
//!     .set("pipeline", "default")
//!     .set("dealstage", "appointmentscheduled");
//! let deal = safe::create(deals::batch_upsert, input).await?;
//! println!("{} ({})", deal.object.id, if deal.new { "created" } else { "already there" });
//! # Ok(()) }
//! ```

use hubspot_runtime::{ApiError, ApiErrorBody, Error, Request, WriteOutcome};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Pending;
use crate::models::{
    BatchInput, BatchResult, ObjectType, Property, PropertyCreate, UpsertInput, Upserted,
    default_group,
};
use crate::properties;

/// Makes sure `object_type` has a text property `name` with unique values, creating it (in the
/// type's default group) if it is missing. Safe to call from many processes at once.
///
/// # Errors
/// [`Error::InvalidRequest`] when the property exists without unique values (it cannot key a
/// retry-safe create); any error of reading or creating it.
pub fn unique_property(object_type: &ObjectType, name: &str) -> Pending<Property> {
    let object_type = object_type.clone();
    let name = name.to_owned();
    Pending::new(move |client| async move {
        if let Some(property) = find(properties::get(&object_type, &name))
            .send(&client)
            .await?
        {
            return checked(property);
        }
        let input = PropertyCreate::text(&name, &name, default_group(&object_type)).unique();
        match properties::create(&object_type, &input).send(&client).await {
            Ok(property) => Ok(property),
            // Someone else created it meanwhile, or this create may have been applied: read it.
            Err(error)
                if error.status() == Some(409)
                    || error.write_outcome() != WriteOutcome::NotApplied =>
            {
                checked(properties::get(&object_type, &name).send(&client).await?)
            }
            Err(error) => Err(error),
        }
    })
}

fn checked(property: Property) -> Result<Property, Error> {
    if property.has_unique_value {
        Ok(property)
    } else {
        Err(Error::InvalidRequest(format!(
            "property `{}` exists without unique values, so it cannot key a retry-safe create",
            property.name
        )))
    }
}

/// Creates the record whose unique property holds `input`'s key, or updates the one that
/// already does, through a one-input batch upsert (`deals::batch_upsert`, …). It is
/// idempotent, so it is retried through every transient failure until it succeeds or the call's
/// deadline ends: never doubled, never lost. An answer that arrives but cannot be read (the
/// upsert was applied) is asked for again, up to [`REREADS`] times, to return the record.
///
/// `new` on the result says whether this upsert's *answer* created the record: when an
/// earlier attempt of the same call was applied but its answer was lost, the retry finds the
/// record and says `new: false` although this call created it.
///
/// # Errors
/// The upsert's error, or its per-item error (a property HubSpot refuses, say).
pub fn create<Id, P, F>(upsert: F, input: UpsertInput<P>) -> Pending<Upserted<Id>>
where
    F: Fn(&BatchInput<UpsertInput<P>>) -> Request<BatchResult<Upserted<Id>>> + Send + 'static,
    P: Serialize + Send + 'static,
    Id: DeserializeOwned + Send + 'static,
{
    let input = BatchInput::new([input]);
    Pending::new(move |client| async move {
        let mut rereads = 0;
        let result = loop {
            match upsert(&input).retry_until_deadline().send(&client).await {
                Err(error)
                    if error.write_outcome() == WriteOutcome::Applied && rereads < REREADS =>
                {
                    rereads += 1;
                }
                answer => break answer?,
            }
        };
        if let Some(record) = result.results.into_iter().next() {
            return Ok(record);
        }
        let body = result.errors.into_iter().next().unwrap_or_else(|| {
            let mut body = ApiErrorBody::default();
            body.message = Some(
                "the upsert was answered 2xx with neither a record nor an error; it is safe to send again"
                    .into(),
            );
            body
        });
        Err(Error::Api(Box::new(ApiError::from_batch_item(body))))
    })
}

/// How many times [`create`] sends its upsert again after an answer it could not read.
pub const REREADS: u32 = 2;

/// Sends a read and turns a 404 into `Ok(None)`: after a plain create whose outcome is unknown,
/// `find(deals::get_by("SO-1042", &IdProperty::new("erp_order_id")))` says whether it was
/// applied. (Search is no substitute: it lags behind writes.)
///
/// # Errors
/// Any error but a 404.
pub fn find<T: DeserializeOwned + Send + 'static>(read: Request<T>) -> Pending<Option<T>> {
    Pending::new(move |client| async move {
        match read.send(&client).await {
            Ok(found) => Ok(Some(found)),
            Err(error) if error.status() == Some(404) => Ok(None),
            Err(error) => Err(error),
        }
    })
}
