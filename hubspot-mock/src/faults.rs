//! Scripted and seeded-random fault injection.

use serde::{Deserialize, Serialize};

/// What a matching request gets instead of (or on top of) the real response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fault {
    /// Answer with this status before the handler runs (nothing is written), with a HubSpot-style
    /// error body and optionally a `Retry-After`.
    Status {
        /// The status code, such as 503 or 429.
        status: u16,
        /// The `Retry-After` header to send.
        #[serde(default, rename = "retryAfter")]
        retry_after: Option<RetryAfter>,
    },
    /// Wait this long before handling the request.
    Delay {
        /// Milliseconds to wait.
        ms: u64,
    },
    /// Apply the request, then close the connection without answering: the client cannot know
    /// whether its write happened.
    Drop,
    /// Apply the request, then answer with a truncated JSON body.
    Malformed,
    /// Answer 502 with a proxy's HTML page, before the handler runs.
    Html,
}

impl Fault {
    /// Answer `status` (with HubSpot's error body), before the handler runs.
    pub fn status(status: u16) -> Self {
        Self::Status {
            status,
            retry_after: None,
        }
    }

    /// Answer `status` with `Retry-After: seconds`, before the handler runs.
    pub fn status_retry_after(status: u16, seconds: u64) -> Self {
        Self::Status {
            status,
            retry_after: Some(RetryAfter::Seconds(seconds)),
        }
    }
}

/// A `Retry-After` value to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RetryAfter {
    /// Delta-seconds: `Retry-After: 3`.
    Seconds(u64),
    /// An HTTP-date this many seconds from now.
    HttpDate(u64),
}

/// Which requests get a fault, and how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    /// Only this method (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// Only this operation's path (any when absent), matched whatever its version: a legacy
    /// `/crm/v3/objects/deals/{id}` also matches the dated `/crm/objects/2026-03/deals/7` the SDK
    /// sends. A `{name}` or `<name>` segment matches any one segment, and a trailing `*` any
    /// suffix.
    #[serde(default)]
    pub path: Option<String>,
    /// Only the next N matching requests; the rule is removed after.
    #[serde(default)]
    pub count: Option<u32>,
    /// Only this share of matching requests, drawn from the seeded generator.
    #[serde(default)]
    pub probability: Option<f64>,
    /// Let this many matching requests through untouched first.
    #[serde(default)]
    pub skip: u32,
    /// The fault.
    pub fault: Fault,
}

impl FaultRule {
    /// The next `count` requests to `method path` get `fault`.
    pub fn next(count: u32, method: &str, path: &str, fault: Fault) -> Self {
        Self {
            method: Some(method.to_owned()),
            path: Some(path.to_owned()),
            count: Some(count),
            probability: None,
            skip: 0,
            fault,
        }
    }

    /// A share of all requests get `fault`.
    pub fn random(probability: f64, fault: Fault) -> Self {
        Self {
            method: None,
            path: None,
            count: None,
            probability: Some(probability),
            skip: 0,
            fault,
        }
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        method_ok
            && self
                .path
                .as_deref()
                .is_none_or(|rule| path_matches(rule, path))
    }
}

/// Whether `path` is an operation of the rule's path `rule`, both without their version
/// segments (`v3`, `2026-03`, `2026-09-beta`).
fn path_matches(rule: &str, path: &str) -> bool {
    let (rule, open) = match rule.strip_suffix('*') {
        Some(prefix) => (prefix, true),
        None => (rule, false),
    };
    let mut wanted = unversioned(rule).peekable();
    let mut sent = unversioned(path);
    loop {
        match (wanted.next(), sent.next()) {
            // A prefix rule ending mid-segment (`/crm/objects/2026-03/de*`) matches on text.
            (Some(want), Some(got)) if open && wanted.peek().is_none() => {
                return got.starts_with(want);
            }
            (Some(want), Some(got)) => {
                let placeholder = (want.starts_with('{') && want.ends_with('}'))
                    || (want.starts_with('<') && want.ends_with('>'));
                if !placeholder && want != got {
                    return false;
                }
            }
            (None, None) => return true,
            (None, Some(_)) => return open,
            (Some(want), None) => return open && want.is_empty() && wanted.peek().is_none(),
        }
    }
}

/// A path's segments, its version segment left out.
pub(crate) fn unversioned(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|segment| !is_version(segment))
}

/// A path's version segments (`v3`, `2026-03`), in order.
pub(crate) fn versions(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|segment| is_version(segment))
}

fn is_version(segment: &str) -> bool {
    let legacy = segment
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let date = segment.strip_suffix("-beta").unwrap_or(segment);
    let dated = date.len() == 7
        && date.as_bytes()[4] == b'-'
        && date
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || b.is_ascii_digit());
    legacy || dated
}

/// A rule as the mock holds it, with how often it fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActiveRule {
    /// The rule; a counted rule's `count` is what is left of it.
    #[serde(flatten)]
    pub rule: FaultRule,
    /// Requests it answered with its fault.
    pub fired: u32,
}

/// The active rules and the seeded generator behind random ones.
#[derive(Debug)]
pub(crate) struct Faults {
    rules: Vec<ActiveRule>,
    rng: fastrand::Rng,
}

impl Faults {
    pub(crate) fn new(rules: Vec<FaultRule>, seed: u64) -> Self {
        Self {
            rules: rules
                .into_iter()
                .map(|rule| ActiveRule { rule, fired: 0 })
                .collect(),
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    pub(crate) fn add(&mut self, rule: FaultRule) {
        self.rules.push(ActiveRule { rule, fired: 0 });
    }

    /// The rules in force, with how often each fired.
    pub(crate) fn active(&self) -> Vec<ActiveRule> {
        self.rules.clone()
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The fault for this request, if any rule fires; counted rules are used up.
    pub(crate) fn pick(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.rules.iter().position(|active| {
            let rule = &active.rule;
            rule.matches(method, path) && rule.probability.is_none_or(|p| self.rng.f64() < p)
        })?;
        let active = &mut self.rules[index];
        if active.rule.skip > 0 {
            active.rule.skip -= 1;
            return None;
        }
        active.fired += 1;
        let fault = active.rule.fault.clone();
        if let Some(count) = &mut active.rule.count {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.rules.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_matches_its_operation_in_any_version() {
        let legacy = "/crm/v3/objects/deals/{dealId}";
        assert!(path_matches(legacy, "/crm/objects/2026-03/deals/7"));
        assert!(path_matches(legacy, "/crm/objects/2026-09-beta/deals/7"));
        assert!(path_matches(legacy, "/crm/v3/objects/deals/7"));
        assert!(!path_matches(
            legacy,
            "/crm/objects/2026-03/deals/7/associations/contacts"
        ));
        assert!(!path_matches(legacy, "/crm/objects/2026-03/contacts/7"));
        assert!(path_matches(
            "/crm/objects/2026-03/deals/<id>",
            "/crm/v3/objects/deals/9"
        ));
        assert!(path_matches(
            "/crm/v3/objects/deals*",
            "/crm/objects/2026-03/deals/batch/create"
        ));
        assert!(path_matches(
            "/crm/v3/objects/deals/*",
            "/crm/objects/2026-03/deals/7"
        ));
        assert!(path_matches(
            "/crm/objects/2026-03/de*",
            "/crm/objects/2026-03/deals"
        ));
        assert!(!path_matches(
            "/crm/v3/objects/deals/*",
            "/crm/objects/2026-03/contacts/7"
        ));
        assert!(path_matches(
            "/crm/objects/2026-03/deals",
            "/crm/objects/2026-03/deals"
        ));
        assert!(!path_matches(
            "/crm/objects/2026-03/deals",
            "/crm/objects/2026-03/deals/7"
        ));
    }
}
