//! Plain types shared by every layer: HTTP methods, rate-limit lanes, boxed futures.

use std::fmt::{self, Display};
use std::future::Future;
use std::pin::Pin;

/// A boxed, sendable future, as the runtime's object-safe traits return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An HTTP method HubSpot's CRM API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Whether repeating the request is harmless by HTTP semantics: all but `POST`.
    pub fn is_idempotent(self) -> bool {
        self != Self::Post
    }

    /// The method's name, as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

impl Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which HubSpot rate limit a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lane {
    /// The per-app rolling 10-second window.
    #[default]
    Standard,
    /// The CRM search endpoints' own per-second limit.
    Search,
}

/// Which HubSpot host a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Host {
    /// The API (`https://api.hubapi.com`, or [`ClientBuilder::base_url`](crate::ClientBuilder::base_url)).
    #[default]
    Api,
    /// The forms host (`https://api.hsforms.com`, or
    /// [`ClientBuilder::forms_base_url`](crate::ClientBuilder::forms_base_url)), where form
    /// submissions go.
    Forms,
}
