//! Streams that follow `after` page by page, holding one page in memory at a time.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

use futures_util::stream::{self, Stream, TryStreamExt};
use hubspot_runtime::{Client, Error, Request};

use crate::models::{ListOptions, MAX_RESULTS, Page, SearchPage, SearchRequest};

/// Every record of a list endpoint, page after page. A server that repeats a cursor (or sends
/// a next cursor with an empty page) ends the stream with [`Error::PagingStalled`] instead of
/// looping forever.
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// use hubspot_crm::{contacts, models::ListOptions, paging};
///
/// # async fn run(client: &hubspot_runtime::Client) -> Result<(), hubspot_runtime::Error> {
/// let options = ListOptions { limit: Some(100), properties: vec!["email".into()], ..ListOptions::default() };
/// let mut all = std::pin::pin!(paging::list_all(client, contacts::list, options));
/// while let Some(contact) = all.try_next().await? {
///     println!("{}", contact.id);
/// }
/// # Ok(()) }
/// ```
pub fn list_all<T, F>(
    client: &Client,
    list: F,
    options: ListOptions,
) -> impl Stream<Item = Result<T, Error>> + use<T, F>
where
    F: Fn(&ListOptions) -> Request<Page<T>>,
    T: serde::de::DeserializeOwned,
{
    let client = client.clone();
    let start = Some((options, Cursors::default()));
    let pages = stream::try_unfold(start, move |next| {
        let request = next.as_ref().map(|(options, _)| list(options));
        let client = client.clone();
        async move {
            let (Some((options, mut cursors)), Some(request)) = (next, request) else {
                return Ok(None);
            };
            let page = request.send(&client).await?;
            let next = match page.next_after() {
                Some(after) => {
                    cursors.advance(after, page.results.is_empty())?;
                    let options = ListOptions {
                        after: Some(after.to_owned()),
                        ..options
                    };
                    Some((options, cursors))
                }
                None => None,
            };
            Ok(Some((page.results, next)))
        }
    });
    flatten(pages)
}

/// Every result of a search, page after page. HubSpot pages through at most 10,000 results of one
/// query: past that the stream ends with [`Error::PagingCapReached`], so a sync never silently
/// misses records. A repeated cursor ends it with [`Error::PagingStalled`].
pub fn search_all<T, F>(
    client: &Client,
    search: F,
    request: SearchRequest,
) -> impl Stream<Item = Result<T, Error>> + use<T, F>
where
    F: Fn(&SearchRequest) -> Request<SearchPage<T>>,
    T: serde::de::DeserializeOwned,
{
    let client = client.clone();
    let start = SearchState::Next(request, 0, Cursors::default());
    let pages = stream::try_unfold(start, move |state| {
        let client = client.clone();
        let request = match &state {
            SearchState::Next(request, _, _) => Some(search(request)),
            SearchState::Capped { .. } | SearchState::Done => None,
        };
        async move {
            let (search, seen, mut cursors, request) = match (state, request) {
                (SearchState::Next(search, seen, cursors), Some(request)) => {
                    (search, seen, cursors, request)
                }
                (SearchState::Capped { total }, _) => {
                    return Err(Error::PagingCapReached {
                        cap: MAX_RESULTS,
                        total,
                    });
                }
                _ => return Ok(None),
            };
            let page = request.send(&client).await?;
            let seen = seen + page.results.len() as u64;
            // At the cap HubSpot may offer a next page it then refuses, or offer none although
            // more matched: either way, say so after this page rather than end as if complete.
            let next = match page.next_after() {
                _ if seen >= MAX_RESULTS && page.total > seen => {
                    SearchState::Capped { total: page.total }
                }
                Some(after) => {
                    cursors.advance(after, page.results.is_empty())?;
                    SearchState::Next(capped(&search, after, seen), seen, cursors)
                }
                None => SearchState::Done,
            };
            Ok(Some((page.results, next)))
        }
    });
    flatten(pages)
}

/// Where a search stream is: the next request and how many results came so far, or the end.
enum SearchState {
    Next(SearchRequest, u64, Cursors),
    Capped { total: u64 },
    Done,
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
}

/// The next page's request, shrunk so it does not ask past the cap (HubSpot answers that with 400).
fn capped(search: &SearchRequest, after: &str, seen: u64) -> SearchRequest {
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
