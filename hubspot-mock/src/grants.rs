//! What the mock's token endpoint has handed out, and whether a token is live.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::config::OAuthConfig;

/// What the token endpoint has handed out.
#[derive(Debug, Default)]
pub(crate) struct Grants {
    pub(crate) codes: HashMap<String, Vec<String>>,
    pub(crate) access: HashMap<String, (Instant, Vec<String>)>,
    pub(crate) refresh: HashMap<String, Vec<String>>,
}

/// Whether an access token is one the mock granted, and still live.
pub(crate) enum TokenState {
    Live,
    Expired(Duration),
    Unknown,
}

impl Grants {
    pub(crate) fn state(&self, token: &str, now: Instant) -> TokenState {
        match self.access.get(token) {
            Some((expires, _)) if *expires > now => TokenState::Live,
            Some((expires, _)) => TokenState::Expired(now.saturating_duration_since(*expires)),
            None => TokenState::Unknown,
        }
    }

    pub(crate) fn issue(
        &mut self,
        config: &OAuthConfig,
        now: Instant,
        scopes: Vec<String>,
    ) -> (String, String) {
        let access = format!("mock-access-{}", uuid::Uuid::new_v4());
        let refresh = format!("mock-refresh-{}", uuid::Uuid::new_v4());
        self.access.insert(
            access.clone(),
            (now + config.token_lifetime, scopes.clone()),
        );
        self.refresh.insert(refresh.clone(), scopes);
        (access, refresh)
    }
}
