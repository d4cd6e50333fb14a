//! Streams that follow `after` page by page, holding one page in memory at a time. Like an
//! endpoint's request, a stream uses the task's [scoped](Client::scope) client (else the
//! default) unless given one with [`Listing::with_client`].

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use hubspot_runtime::{Client, Error, Request};

use crate::models::{HasId, MAX_RESULTS, Page, SearchPage, SearchRequest};

pub use hubspot_models::Paged;

type Start<T> = Box<dyn FnOnce(Client) -> BoxStream<'static, Result<T, Error>> + Send>;

/// Every item of a paged listing, as a stream. It sends nothing until first polled; then it
/// uses the client given to [`with_client`](Listing::with_client), else the task's scoped
/// client, else the default.
#[must_use = "a stream does nothing until polled"]
pub struct Listing<T> {
    client: Option<Client>,
    start: Option<Start<T>>,
    items: Option<BoxStream<'static, Result<T, Error>>>,
}

impl<T> std::fmt::Debug for Listing<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listing")
            .field("started", &self.items.is_some())
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Listing<T> {
    fn new(
        start: impl FnOnce(Client) -> BoxStream<'static, Result<T, Error>> + Send + 'static,
    ) -> Self {
        Self {
            client: None,
            start: Some(Box::new(start)),
            items: None,
        }
    }

    /// Pages with `client` instead of the task's.
    pub fn with_client(mut self, client: &Client) -> Self {
        self.client = Some(client.clone());
        self
    }
}

impl<T: Send + 'static> Stream for Listing<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.items.is_none() {
            let Some(start) = this.start.take() else {
                return Poll::Ready(None);
            };
            let client = match this.client.take().map_or_else(Client::current, Ok) {
                Ok(client) => client,
                // No client: say so once, then end.
                Err(error) => return Poll::Ready(Some(Err(error))),
            };
            this.items = Some(start(client));
        }
        match &mut this.items {
            Some(items) => items.poll_next_unpin(cx),
            None => Poll::Ready(None),
        }
    }
}

/// Every item of a paged endpoint, page after page: records (`contacts::list`), owners
/// (`owners::list`), or a record's associations through a closure. A server that repeats a
/// cursor (or sends a next cursor with an empty page) ends the stream with
/// [`Error::PagingStalled`] instead of looping forever.
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// use hubspot_crm::{associations, contacts, models::{ListOptions, ObjectType, PageOptions}, paging};
///
/// # async fn run() -> Result<(), hubspot_crm::Error> {
/// let options = ListOptions { limit: Some(100), properties: vec!["email".into()], ..ListOptions::default() };
/// let mut all = paging::list_all(contacts::list, options);
/// while let Some(contact) = all.try_next().await? {
///     println!("{}", contact.id);
/// }
/// let deals = |page: &PageOptions| associations::list(&ObjectType::Contacts, "1001", &ObjectType::Deals, page);
/// let linked: Vec<_> = paging::list_all(deals, PageOptions::default()).try_collect().await?;
/// # let _ = linked;
/// # Ok(()) }
/// ```
pub fn list_all<O, T, F>(list: F, options: O) -> Listing<T>
where
    O: Paged,
    F: Fn(&O) -> Request<Page<T>> + Send + 'static,
    T: serde::de::DeserializeOwned + Send + 'static,
{
    Listing::new(move |client| {
        let start = Some((options, Cursors::default()));
        let pages = stream::try_unfold(start, move |next| {
            let request = next.as_ref().map(|(options, _)| list(options));
            let client = client.clone();
            async move {
                let (Some((mut options, mut cursors)), Some(request)) = (next, request) else {
                    return Ok(None);
                };
                let page = request.send(&client).await?;
                let next = match page.next_after() {
                    Some(after) => {
                        cursors.advance(after, page.results.is_empty())?;
                        options.set_after(after.to_owned());
                        Some((options, cursors))
                    }
                    None => None,
                };
                Ok(Some((page.results, next)))
            }
        });
        flatten(pages).boxed()
    })
}

/// Every result of a search, page after page, each exactly once.
///
/// HubSpot pages through at most 10,000 results of one query. When the request sorts by nothing
/// or by `hs_object_id` ascending (and each filter group has room for one more filter), the
/// stream sorts by `hs_object_id` and, before the cap, starts the search again for the records
/// above the last id it yielded (keyset paging): it goes through any number of results, holding
/// one page at a time. Otherwise, at the cap the stream ends with [`Error::PagingCapReached`],
/// so a sync never silently misses records. A repeated cursor ends it with
/// [`Error::PagingStalled`].
///
/// Records created or changed while the stream runs may or may not appear, as with any
/// HubSpot search.
pub fn search_all<T, F>(search: F, request: SearchRequest) -> Listing<T>
where
    F: Fn(&SearchRequest) -> Request<SearchPage<T>> + Send + 'static,
    T: serde::de::DeserializeOwned + HasId + Send + 'static,
{
    Listing::new(move |client| search_pages(client, search, request).boxed())
}

fn search_pages<T, F>(
    client: Client,
    search: F,
    request: SearchRequest,
) -> impl Stream<Item = Result<T, Error>> + Send
where
    F: Fn(&SearchRequest) -> Request<SearchPage<T>> + Send + 'static,
    T: serde::de::DeserializeOwned + HasId + Send + 'static,
{
    let keyset = request.keyset().map(Arc::new);
    let first = keyset.as_deref().cloned().unwrap_or(request);
    let start = SearchState::Next(Position::start(first, keyset));
    let pages = stream::try_unfold(start, move |state| {
        let client = client.clone();
        let request = match &state {
            SearchState::Next(position) => Some(search(&position.request)),
            SearchState::Capped { .. } | SearchState::Done => None,
        };
        async move {
            let (mut position, request) = match (state, request) {
                (SearchState::Next(position), Some(request)) => (position, request),
                (SearchState::Capped { total }, _) => {
                    return Err(Error::PagingCapReached {
                        cap: MAX_RESULTS,
                        total,
                    });
                }
                _ => return Ok(None),
            };
            let page = request.send(&client).await?;
            position.seen += page.results.len() as u64;
            // At the cap HubSpot may offer a next page it then refuses, or offer none although
            // more matched.
            let capped = position.seen >= MAX_RESULTS && page.total > position.seen;
            let next = match page.next_after() {
                next if (next.is_some() || capped) && position.would_pass_cap() => {
                    SearchState::Next(position.restart(page.results.last())?)
                }
                // Say so after this page rather than end as if complete.
                _ if capped => SearchState::Capped { total: page.total },
                None => SearchState::Done,
                Some(after) => {
                    position.cursors.advance(after, page.results.is_empty())?;
                    position.request = capped_request(&position.request, after, position.seen);
                    SearchState::Next(position)
                }
            };
            Ok(Some((page.results, next)))
        }
    });
    flatten(pages)
}

/// Where a search stream is: the next request, or the end.
// One state is alive at a time, so boxing the large one would buy nothing.
#[allow(clippy::large_enum_variant)]
enum SearchState {
    Next(Position),
    Capped { total: u64 },
    Done,
}

/// The next request of a search, with what its pages have shown so far.
struct Position {
    request: SearchRequest,
    /// Results since the search last started (the cap counts from there).
    seen: u64,
    cursors: Cursors,
    /// The search in keyset form, when it can go on past the cap.
    keyset: Option<Arc<SearchRequest>>,
    /// The id the last keyset restart began above.
    above: Option<u128>,
}

impl Position {
    fn start(request: SearchRequest, keyset: Option<Arc<SearchRequest>>) -> Self {
        Self {
            request,
            seen: 0,
            cursors: Cursors::default(),
            keyset,
            above: None,
        }
    }

    /// Whether the search can go on by keyset and its next page would pass the 10,000th result.
    fn would_pass_cap(&self) -> bool {
        self.keyset
            .as_ref()
            .is_some_and(|keyset| self.seen + u64::from(keyset.limit().unwrap_or(10)) > MAX_RESULTS)
    }

    /// The keyset search again, above the last record yielded. Ids must rise from one restart
    /// to the next, or a server that ignores the filter would loop the stream forever.
    fn restart<T: HasId>(&self, last: Option<&T>) -> Result<Self, Error> {
        let stalled = || Error::PagingStalled {
            page: self.cursors.pages() + 1,
        };
        let last = last.ok_or_else(stalled)?.record_id();
        let id = last.parse::<u128>().map_err(|_| stalled())?;
        let keyset = self.keyset.clone().ok_or_else(stalled)?;
        if self.above.is_some_and(|above| id <= above) {
            return Err(stalled());
        }
        Ok(Self {
            above: Some(id),
            ..Self::start(keyset.after_id(last), Some(keyset))
        })
    }
}

/// The cursors a listing has followed, kept as hashes: eight bytes a page, whatever the server
/// puts in a cursor.
#[derive(Default)]
struct Cursors {
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl Cursors {
    /// Records the cursor of the page just read; fails if it does not move the listing on.
    fn advance(&mut self, after: &str, empty_page: bool) -> Result<(), Error> {
        let fresh = self.seen.insert(self.hasher.hash_one(after));
        if fresh && !empty_page {
            Ok(())
        } else {
            Err(Error::PagingStalled {
                page: self.seen.len() as u64 + u64::from(!fresh),
            })
        }
    }

    /// Pages followed so far.
    fn pages(&self) -> u64 {
        self.seen.len() as u64
    }
}

/// The next page's request, shrunk so it does not ask past the cap (HubSpot answers that with 400).
fn capped_request(search: &SearchRequest, after: &str, seen: u64) -> SearchRequest {
    let left = u32::try_from(MAX_RESULTS.saturating_sub(seen)).unwrap_or(u32::MAX);
    let limit = search.limit().unwrap_or(10).min(left);
    search.with_after(after).with_limit(limit)
}

fn flatten<T, S>(pages: S) -> impl Stream<Item = Result<T, Error>>
where
    S: Stream<Item = Result<Vec<T>, Error>>,
{
    pages
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
}
