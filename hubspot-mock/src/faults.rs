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
    /// Only this path; a trailing `*` matches any suffix (any path when absent).
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
        let path_ok = self
            .path
            .as_deref()
            .is_none_or(|p| match p.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => p == path,
            });
        method_ok && path_ok
    }
}

/// The active rules and the seeded generator behind random ones.
#[derive(Debug)]
pub(crate) struct Faults {
    rules: Vec<FaultRule>,
    rng: fastrand::Rng,
}

impl Faults {
    pub(crate) fn new(rules: Vec<FaultRule>, seed: u64) -> Self {
        Self {
            rules,
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    pub(crate) fn add(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The fault for this request, if any rule fires; counted rules are used up.
    pub(crate) fn pick(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.rules.iter().position(|rule| {
            rule.matches(method, path) && rule.probability.is_none_or(|p| self.rng.f64() < p)
        })?;
        let rule = &mut self.rules[index];
        if rule.skip > 0 {
            rule.skip -= 1;
            return None;
        }
        let fault = rule.fault.clone();
        if let Some(count) = &mut rule.count {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.rules.remove(index);
            }
        }
        Some(fault)
    }
}
