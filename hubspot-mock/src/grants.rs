//! What the mock's token endpoint has handed out, and whether a token is live.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::config::OAuthConfig;

/// What the token endpoint has handed out: codes are used once, refresh tokens live until
/// rotated or revoked, access tokens until they expire.
#[derive(Debug, Default)]
pub(crate) struct Grants {
    /// Each code's scopes, and the PKCE challenge its install URL carried.
    codes: HashMap<String, (Vec<String>, Option<String>)>,
    access: HashMap<String, (Instant, Vec<String>)>,
    refresh: HashMap<String, Vec<String>>,
}

/// Why a code was not redeemed.
pub(crate) enum Refused {
    UnknownCode,
    /// No PKCE verifier, or one that does not hash to the install's challenge.
    Verifier,
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

    /// A fresh authorization code for `scopes`.
    pub(crate) fn authorize(&mut self, scopes: Vec<String>, challenge: Option<String>) -> String {
        let code = format!("mock-code-{}", uuid::Uuid::new_v4());
        self.codes.insert(code.clone(), (scopes, challenge));
        code
    }

    /// Trades a code (once) for tokens: `(access, refresh, scopes)`. A code whose install
    /// carried a PKCE challenge needs the verifier that hashes to it; the code is spent either
    /// way, as a guessed verifier must not get a second try.
    pub(crate) fn redeem(
        &mut self,
        config: &OAuthConfig,
        now: Instant,
        code: &str,
        verifier: Option<&str>,
    ) -> Result<(String, String, Vec<String>), Refused> {
        let (scopes, challenge) = self.codes.remove(code).ok_or(Refused::UnknownCode)?;
        if let Some(challenge) = challenge {
            use base64::Engine as _;
            use sha2::Digest as _;
            let proven = verifier.is_some_and(|verifier| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .encode(sha2::Sha256::digest(verifier.as_bytes()))
                    == challenge
            });
            if !proven {
                return Err(Refused::Verifier);
            }
        }
        let (access, refresh) = self.issue(config, now, scopes.clone());
        Ok((access, refresh, scopes))
    }

    /// A fresh access token for a live refresh token, which is replaced when the config rotates
    /// refresh tokens: `(access, refresh, scopes)`.
    pub(crate) fn refresh(
        &mut self,
        config: &OAuthConfig,
        now: Instant,
        old: &str,
    ) -> Option<(String, String, Vec<String>)> {
        let scopes = self.refresh.get(old)?.clone();
        let (access, fresh) = self.issue(config, now, scopes.clone());
        if config.rotate_refresh_tokens {
            self.refresh.remove(old);
            Some((access, fresh, scopes))
        } else {
            self.refresh.remove(&fresh);
            Some((access, old.to_owned(), scopes))
        }
    }

    /// A live access token's expiry and scopes.
    pub(crate) fn live(&self, token: &str, now: Instant) -> Option<(Instant, &[String])> {
        self.access
            .get(token)
            .filter(|(expires, _)| *expires > now)
            .map(|(expires, scopes)| (*expires, scopes.as_slice()))
    }

    /// The scopes a live refresh token grants.
    pub(crate) fn refresh_scopes(&self, refresh: &str) -> Option<&[String]> {
        self.refresh.get(refresh).map(Vec::as_slice)
    }

    /// Revokes a refresh token; false if it was not live.
    pub(crate) fn revoke(&mut self, refresh: &str) -> bool {
        self.refresh.remove(refresh).is_some()
    }

    fn issue(
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
