//! Authentication, behind a trait so OAuth can plug in without touching the executor.

use std::fmt;

use secrecy::SecretString;

use crate::error::Error;
use crate::time::BoxFuture;

/// Supplies the bearer token for each attempt. Implement it for OAuth (refreshing on the
/// token's `expires_in`, as HubSpot advises, not on a 401).
pub trait Auth: Send + Sync + fmt::Debug {
    /// The token to send as `Authorization: Bearer …`.
    fn bearer_token(&self) -> BoxFuture<'_, Result<SecretString, Error>>;
}

/// A private app's static access token.
#[derive(Clone)]
pub struct StaticToken(SecretString);

impl StaticToken {
    /// Wraps a private app access token.
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
}
