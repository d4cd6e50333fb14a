//! A helper's work, waiting for the client it runs with, as an endpoint's [`Request`] does.
//!
//! [`Request`]: crate::Request

use std::fmt;
use std::future::IntoFuture;

use futures_util::future::BoxFuture;
use hubspot_runtime::{Client, Error};

type Work<T> = Box<dyn FnOnce(Client) -> BoxFuture<'static, Result<T, Error>> + Send>;

/// A helper call not yet run: `.await` it to use the task's [scoped](Client::scope) client
/// (else the process-wide default), or [`send`](Pending::send) it with a client.
#[must_use = "a helper does nothing until awaited or sent"]
pub struct Pending<T> {
    work: Work<T>,
}

impl<T> fmt::Debug for Pending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Pending<T> {
    pub(crate) fn new<Fut>(work: impl FnOnce(Client) -> Fut + Send + 'static) -> Self
    where
        Fut: Future<Output = Result<T, Error>> + Send + 'static,
    {
        Self {
            work: Box::new(move |client| Box::pin(work(client))),
        }
    }

    /// Runs it with `client`.
    ///
    /// # Errors
    /// The helper's error.
    pub async fn send(self, client: &Client) -> Result<T, Error> {
        (self.work)(client.clone()).await
    }
}

impl<T: Send + 'static> IntoFuture for Pending<T> {
    type Output = Result<T, Error>;
    type IntoFuture = BoxFuture<'static, Result<T, Error>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { (self.work)(Client::current()?).await })
    }
}
