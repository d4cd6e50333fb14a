//! One limiter per token and base URL in a process: clients built separately for the same
//! account share its limit, clients for different tokens never share anything.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use secrecy::{ExposeSecret, SecretString};

use super::{LimitSettings, Limiter};

/// Each live limiter, with the settings it was made from.
type Registry = HashMap<u64, (Weak<Limiter>, LimitSettings)>;

static LIMITERS: Mutex<Option<Registry>> = Mutex::new(None);

/// The registry key: a hash of the base URL and the token, so the token itself is not kept.
pub(crate) fn key(base_url: &str, scope: &SecretString) -> u64 {
    let mut hasher = DefaultHasher::new();
    base_url.hash(&mut hasher);
    scope.expose_secret().hash(&mut hasher);
    hasher.finish()
}

/// The process's limiter for `key`, made from `settings` if there is none yet. The first
/// client's settings win: a later client that asks for others is warned, since one token has
/// one limit however many clients use it.
pub(crate) fn local(key: u64, settings: &LimitSettings) -> Arc<Limiter> {
    let mut limiters = LIMITERS.lock().unwrap_or_else(PoisonError::into_inner);
    let limiters = limiters.get_or_insert_with(HashMap::new);
    if let Some((limiter, first)) = limiters.get(&key)
        && let Some(limiter) = limiter.upgrade()
    {
        if first != settings {
            tracing::warn!(
                asked = ?settings,
                in_force = ?first,
                "another client of this token set the rate limits first; its settings stand"
            );
        }
        return limiter;
    }
    limiters.retain(|_, (limiter, _)| limiter.strong_count() > 0);
    let limiter = Arc::new(Limiter::local(settings));
    limiters.insert(key, (Arc::downgrade(&limiter), settings.clone()));
    limiter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_token_and_host_share_others_do_not() {
        let settings = LimitSettings::default();
        let token = SecretString::from("pat-na1-registry-a");
        let a = local(key("https://api.hubapi.com", &token), &settings);
        let b = local(key("https://api.hubapi.com", &token), &settings);
        assert!(Arc::ptr_eq(&a, &b));
        let other_token = local(
            key(
                "https://api.hubapi.com",
                &SecretString::from("pat-na1-registry-b"),
            ),
            &settings,
        );
        let other_host = local(key("http://127.0.0.1:1", &token), &settings);
        assert!(!Arc::ptr_eq(&a, &other_token));
        assert!(!Arc::ptr_eq(&a, &other_host));
    }
}
