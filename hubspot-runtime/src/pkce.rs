//! PKCE (RFC 7636) for the authorization-code flow: a secret verifier the app keeps, and its
//! S256 challenge sent in the install URL, so that a code caught on its way to the redirect
//! URI is worth nothing without the verifier.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::error::Error;

/// A PKCE verifier and its challenge. Make one per install attempt, send
/// [`challenge`](Self::challenge) with [`OAuthApp::authorize_url_with_pkce`], keep
/// [`verifier`](Self::verifier) (in the user's session) until the redirect comes back, and hand
/// it to [`OAuthApp::exchange_code_with_pkce`].
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::oauth::Pkce;
/// use secrecy::ExposeSecret;
///
/// let pkce = Pkce::new()?;
/// assert_eq!(pkce.verifier().expose_secret().len(), 43);
/// // Stored and read back between the redirect and the callback:
/// let again = Pkce::from_verifier(pkce.verifier().expose_secret())?;
/// assert_eq!(again.challenge(), pkce.challenge());
/// # Ok::<(), hubspot_crm::Error>(())
/// ```
///
/// [`OAuthApp::authorize_url_with_pkce`]: crate::oauth::OAuthApp::authorize_url_with_pkce
/// [`OAuthApp::exchange_code_with_pkce`]: crate::oauth::OAuthApp::exchange_code_with_pkce
#[derive(Clone)]
pub struct Pkce {
    verifier: SecretString,
    challenge: String,
}

impl Pkce {
    /// A fresh verifier: 32 bytes from the operating system's CSPRNG, base64url (43 characters).
    ///
    /// # Errors
    /// [`Error::Config`] when the operating system gives no random bytes.
    pub fn new() -> Result<Self, Error> {
        let mut bytes = [0_u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Config(format!("no random bytes for a PKCE verifier: {e}")))?;
        Self::from_verifier(&URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The pair for a verifier made earlier (kept in the user's session).
    ///
    /// # Errors
    /// [`Error::Config`] when `verifier` is not 43 to 128 of RFC 7636's characters (letters,
    /// digits, `-`, `.`, `_`, `~`).
    pub fn from_verifier(verifier: &str) -> Result<Self, Error> {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
        if !(43..=128).contains(&verifier.len()) || !verifier.bytes().all(allowed) {
            return Err(Error::Config(
                "a PKCE verifier is 43 to 128 letters, digits, `-`, `.`, `_` or `~`".into(),
            ));
        }
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Ok(Self {
            verifier: SecretString::from(verifier.to_owned()),
            challenge,
        })
    }

    /// The secret the token exchange proves the install with; never in the install URL.
    pub fn verifier(&self) -> &SecretString {
        &self.verifier
    }

    /// `BASE64URL(SHA-256(verifier))`, sent as `code_challenge` with `code_challenge_method=S256`.
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce")
            .field("verifier", &"[REDACTED]")
            .field("challenge", &self.challenge)
            .finish()
    }
}

impl PartialEq for Pkce {
    fn eq(&self, other: &Self) -> bool {
        self.verifier.expose_secret() == other.verifier.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636, appendix B.
    #[test]
    fn the_challenge_is_the_rfcs() {
        let Ok(pkce) = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") else {
            panic!("the RFC's verifier is refused");
        };
        assert_eq!(
            pkce.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(!format!("{pkce:?}").contains("dBjftJeZ"));
    }

    #[test]
    fn fresh_verifiers_differ_and_bad_ones_are_refused() {
        let (Ok(a), Ok(b)) = (Pkce::new(), Pkce::new()) else {
            panic!("no verifier");
        };
        assert_ne!(a, b);
        for bad in ["short", &"a".repeat(129), &format!("{}!", "a".repeat(43))] {
            assert!(
                matches!(Pkce::from_verifier(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }
}
