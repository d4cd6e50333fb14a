//! Authentication, behind a trait so OAuth can plug in without touching the executor.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::error::{ApiError, Error};
use crate::limit::RateLimit;
use crate::types::BoxFuture;

/// Supplies the bearer token for each attempt. Implement it for OAuth (refreshing on the
/// token's `expires_in`, as HubSpot advises, not on a 401).
pub trait Auth: Send + Sync + fmt::Debug {
    /// The token to send as `Authorization: Bearer …`.
    fn bearer_token(&self) -> BoxFuture<'_, Result<SecretString, Error>>;

    /// What identifies the rate limit these credentials draw on: clients whose scopes (and base
    /// URLs) are equal share one limiter in a process. `None` (the default) gives each client
    /// its own. Only a hash of it is kept.
    fn limit_scope(&self) -> Option<SecretString> {
        None
    }

    /// The server refused `rejected` with a 401: return true once a fresh token is ready, and
    /// the call is retried once with it (an OAuth token that expired early). The default never
    /// retries: HubSpot says a 401 is no sign to refresh a static token.
    fn on_unauthorized<'a>(
        &'a self,
        rejected: &'a SecretString,
        error: &'a ApiError,
    ) -> BoxFuture<'a, bool> {
        let _ = (rejected, error);
        Box::pin(std::future::ready(false))
    }

    /// The rate limit these credentials start from, when the client was not given one
    /// ([`RateLimit::OAUTH_APP`] for OAuth).
    fn starting_limit(&self) -> Option<RateLimit> {
        None
    }

    /// Secrets besides the bearer token sent that no error may show: an OAuth app's client
    /// secret, its refresh tokens and the access tokens it held before. Any of them a server
    /// echoes is scrubbed from what its error keeps. The default has none.
    fn secrets(&self) -> Vec<SecretString> {
        Vec::new()
    }
}

/// A static bearer token: a service key, or a legacy private app's access token.
#[derive(Clone)]
pub struct StaticToken(SecretString);

impl StaticToken {
    /// Wraps a service key or a private app's access token.
    pub fn new(token: impl Into<String>) -> Self {
        Self(SecretString::from(token.into()))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken([REDACTED])")
    }
}

impl Auth for StaticToken {
    fn bearer_token(&self) -> BoxFuture<'_, Result<SecretString, Error>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }

    fn limit_scope(&self) -> Option<SecretString> {
        Some(self.0.clone())
    }
}

/// Refuses a token that cannot be sent as a header (empty, or with control characters), before
/// anything goes on the wire: retrying could never fix it.
pub(crate) fn check_token(token: &SecretString) -> Result<(), Error> {
    let text = token.expose_secret();
    if text.trim().is_empty() {
        return Err(Error::Config("the access token is empty".into()));
    }
    if !text
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
    {
        return Err(Error::Config(
            "the access token has characters an HTTP header cannot carry (a newline from a file?)"
                .into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_that_cannot_be_headers_are_config_errors() {
        for bad in ["", "  ", "pat-na1-abc\n", "tok\u{e9}n"] {
            let error = check_token(&SecretString::from(bad)).unwrap_err();
            assert!(matches!(&error, Error::Config(_)), "{bad:?}");
            assert!(
                !error.to_string().contains("abc"),
                "the message never echoes the token"
            );
        }
        check_token(&SecretString::from("pat-na1-11111111-2222")).unwrap();
    }
}

/// The auth of a client given only a developer API key: endpoints that need a token fail
/// before anything is sent.
#[derive(Debug)]
pub(crate) struct DeveloperKeyOnly;

impl Auth for DeveloperKeyOnly {
    fn bearer_token(&self) -> BoxFuture<'_, Result<SecretString, Error>> {
        Box::pin(std::future::ready(Err(Error::Config(
            "this client has only a developer API key, and this endpoint needs an access token: call access_token() or auth() on the builder; nothing was sent".into(),
        ))))
    }
}
