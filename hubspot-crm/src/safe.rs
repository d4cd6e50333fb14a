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
//! - [`find`] reads back a record by its key, to settle a plain create whose outcome is unknown;
//! - [`ensure_list`] finds a list by its name or creates it, once however many runs ask, and
//!   [`ensure_company`] does the same for a company by its domain;
//! - `send_event`, `send_events` and `send_email` (features `events`, `marketing`) send custom
//!   event occurrences or a transactional e-mail with HubSpot's own send-once key (`uuid`,
//!   `sendId`), filled when the caller left it out, so they are retried like reads.
//!
//! Each but the last three returns a [`Pending`]: `.await` it (the task's scoped client, else the default) or
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

/// Sends one custom event occurrence so that it is recorded once however often it is sent:
/// HubSpot keeps the first occurrence of an event with a given `uuid` within a year and
/// rejects the others (its reference for `POST /events/2026-03/send`). An occurrence without a
/// `uuid` gets a random one here, so retries after a timeout or a dropped connection are
/// safe, and the request is retried as a read is. For a job that may be run again after a
/// crash, set the `uuid` from your own key first
/// ([`stable_uuid`](crate::runtime::ids::stable_uuid)), so the rerun repeats it.
///
/// ```no_run
/// # async fn run() -> hubspot_crm::Result<()> {
/// use hubspot_crm::events::send::models::BehavioralEventHttpCompletionRequest;
/// use hubspot_crm::{runtime::ids::stable_uuid, safe};
///
/// let attended = BehavioralEventHttpCompletionRequest::new("pe62515_webinar_attended", std::collections::BTreeMap::new())
///     .email("jane@example.com")
///     .uuid(stable_uuid("webinar-2026-12", "jane@example.com"));
/// safe::send_event(attended)?.await?;
/// # Ok(()) }
/// ```
///
/// # Errors
/// [`Error::Config`] when no random `uuid` can be made.
#[cfg(feature = "events")]
#[cfg_attr(docsrs, doc(cfg(feature = "events")))]
pub fn send_event(
    event: crate::events::send::models::BehavioralEventHttpCompletionRequest,
) -> Result<Request<()>, Error> {
    Ok(crate::events::send::single(&with_uuid(event)?).idempotent(true))
}

/// The occurrence, with a random `uuid` when it had none.
#[cfg(feature = "events")]
fn with_uuid(
    mut event: crate::events::send::models::BehavioralEventHttpCompletionRequest,
) -> Result<crate::events::send::models::BehavioralEventHttpCompletionRequest, Error> {
    if event.uuid.is_none() {
        event.uuid = Some(hubspot_runtime::ids::random_uuid()?);
    }
    Ok(event)
}

/// Sends up to 500 custom event occurrences in one request, each kept once however often the
/// batch is sent: as [`send_event`], every occurrence without a `uuid` gets a random one.
///
/// # Errors
/// [`Error::Config`] when no random `uuid` can be made.
#[cfg(feature = "events")]
#[cfg_attr(docsrs, doc(cfg(feature = "events")))]
pub fn send_events(
    occurrences: Vec<crate::events::send::models::BehavioralEventHttpCompletionRequest>,
) -> Result<Request<()>, Error> {
    let occurrences = occurrences
        .into_iter()
        .map(with_uuid)
        .collect::<Result<Vec<_>, Error>>()?;
    let batch = crate::models::BatchInput::new(occurrences);
    Ok(crate::events::send::batch(&batch).idempotent(true))
}

/// Sends one transactional e-mail at most once: HubSpot sends no more than one e-mail per
/// `sendId` (a repeat is answered `IDEMPOTENT_IGNORE` and sends nothing). A request without a
/// `message.sendId` gets a random one here, so retries after a timeout or a dropped connection
/// are safe, and the request is retried as a read is. For a job that may be run again after a
/// crash, set the `sendId` from your own key first
/// ([`stable_uuid`](crate::runtime::ids::stable_uuid)). The answer's `sendResult` says
/// whether this call sent it or found it sent.
///
/// # Errors
/// [`Error::InvalidRequest`] for a request without a `message` (HubSpot needs one);
/// [`Error::Config`] when no random `sendId` can be made.
#[cfg(feature = "marketing")]
#[cfg_attr(docsrs, doc(cfg(feature = "marketing")))]
pub fn send_email(
    mut request: crate::marketing::transactional::models::PublicSingleSendRequestEgg,
) -> Result<Request<crate::marketing::transactional::models::EmailSendStatusView>, Error> {
    let message = request.message.as_mut().ok_or_else(|| {
        Error::InvalidRequest("a transactional e-mail needs a `message` with its `to`".into())
    })?;
    if message.send_id.is_none() {
        message.send_id = Some(hubspot_runtime::ids::random_uuid()?);
    }
    Ok(crate::marketing::transactional::single_email::send(&request).idempotent(true))
}

/// What [`ensure_list`] found or made.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Ensured<T> {
    /// The list.
    pub value: T,
    /// Whether this call's create made it (false: it was there, made by an earlier run, a
    /// concurrent one, or an attempt of this call whose answer was lost).
    pub created: bool,
}

/// The list named `request.name` for its object type, created from `request` when there is
/// none: list names are unique in an account, so two runs (or a rerun after a crash) end with
/// one list. A create that meets a 409 (another run made it first) or whose outcome is
/// unknown reads the list back by name instead of creating it again.
///
/// ```no_run
/// # async fn run() -> hubspot_crm::Result<()> {
/// use hubspot_crm::lists::models::{ListCreateRequest, PublicObjectListProcessingType};
/// use hubspot_crm::safe;
///
/// let request = ListCreateRequest::new("Webinar 2026-12 attendees", "0-1", PublicObjectListProcessingType::Manual);
/// let list = safe::ensure_list(request).await?;
/// println!("list {:?} ({})", list.value.list_id, if list.created { "new" } else { "existing" });
/// # Ok(()) }
/// ```
///
/// # Errors
/// The read's or the create's error, other than the 404 and 409 above; `Error::InvalidRequest`
/// when HubSpot's answer holds no list.
pub fn ensure_list(
    request: crate::lists::models::ListCreateRequest,
) -> Pending<Ensured<crate::lists::models::PublicObjectList>> {
    use crate::lists::models::GetByNameQuery;
    Pending::new(move |client| async move {
        let type_id = crate::models::ObjectTypeId::new(request.object_type_id.clone());
        let by_name = || async {
            match crate::lists::get_by_name(&type_id, &request.name, &GetByNameQuery::default())
                .send(&client)
                .await
            {
                Ok(found) => Ok(found.list),
                Err(error) if error.status() == Some(404) => Ok(None),
                Err(error) => Err(error),
            }
        };
        let no_list = || Error::InvalidRequest("HubSpot's list answer holds no `list`".into());
        for _ in 0..=REREADS {
            if let Some(list) = by_name().await? {
                return Ok(Ensured {
                    value: list,
                    created: false,
                });
            }
            match crate::lists::create(&request).send(&client).await {
                Ok(made) => {
                    let list = made.list.ok_or_else(no_list)?;
                    return Ok(Ensured {
                        value: list,
                        created: true,
                    });
                }
                // Made meanwhile, by another run or by this attempt: read it back.
                Err(error)
                    if error.status() == Some(409)
                        || error.write_outcome() == WriteOutcome::Unknown => {}
                Err(error) => return Err(error),
            }
        }
        by_name()
            .await?
            .map(|list| Ensured {
                value: list,
                created: false,
            })
            .ok_or_else(no_list)
    })
}

/// The unique property [`ensure_company`] keys companies by: their domain, as [`domain_key`]
/// writes it.
pub const COMPANY_DOMAIN_KEY: &str = "sdk_domain_key";

/// A company domain as HubSpot compares them: no scheme, no `www.`, no path or port, lowercase.
/// `https://www.Example.com/about` is `example.com`.
pub fn domain_key(domain: &str) -> String {
    let domain = domain.trim();
    let host = domain
        .split_once("://")
        .map_or(domain, |(_, rest)| rest)
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

/// The company with `domain`, created from `input` when there is none, once however many runs
/// ask at once. A company that already has the domain (made in HubSpot's UI, by a form or an
/// import) is found by a search on `domain` and keyed, so it is not doubled; otherwise the
/// create is an upsert by [`COMPANY_DOMAIN_KEY`] (made once with [`unique_property`]), which
/// two runs cannot both create. As an upsert, `input`'s properties are set on the company
/// whether it was found or made. Search lags behind writes by seconds: a company made elsewhere
/// that recently may be missed, which no search-based check can avoid.
///
/// # Errors
/// The search's, the key property's or the upsert's error.
pub fn ensure_company(
    domain: &str,
    input: crate::models::CreateInput,
) -> Pending<Upserted<crate::models::CompanyId>> {
    let key = domain_key(domain);
    Pending::new(move |client| async move {
        use crate::models::{Filter, SearchRequest};
        unique_property(&ObjectType::Companies, COMPANY_DOMAIN_KEY)
            .send(&client)
            .await?;
        let search = SearchRequest::builder()
            .filter(Filter::eq("domain", key.clone()))
            .properties(["domain", COMPANY_DOMAIN_KEY])
            .limit(1)
            .build()?;
        let found = crate::companies::search(&search).send(&client).await?;
        let mut upsert =
            UpsertInput::by(COMPANY_DOMAIN_KEY, key.clone()).set("domain", key.clone());
        for (name, value) in input.properties {
            upsert = upsert.set(name, value);
        }
        if let Some(existing) = found.results.into_iter().next() {
            // Keyed from now on: the upsert below lands on it, and later ones too.
            let keyed = crate::models::ObjectInput::new().set(COMPANY_DOMAIN_KEY, key.clone());
            crate::companies::update(existing.id.clone(), &keyed)
                .send(&client)
                .await?;
        }
        create(crate::companies::batch_upsert, upsert)
            .send(&client)
            .await
    })
}
