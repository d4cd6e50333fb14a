//! HubSpot's rate limits, per token: a rolling window, a per-second search lane and a daily cap.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::config::Limits;

/// Which limit refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Window,
    Secondly,
    Daily,
}

impl Refusal {
    pub(crate) fn policy(self) -> &'static str {
        match self {
            Self::Window => "TEN_SECONDLY_ROLLING",
            Self::Secondly => "SECONDLY",
            Self::Daily => "DAILY",
        }
    }

    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::Window => "You have reached your ten_secondly_rolling limit.",
            Self::Secondly => "You have reached your secondly limit.",
            Self::Daily => "You have reached your daily limit.",
        }
    }
}

/// What is left after a request, for the `X-HubSpot-RateLimit-*` headers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Usage {
    pub(crate) remaining: u32,
    pub(crate) daily_remaining: u32,
}

#[derive(Debug, Default)]
struct TokenUsage {
    window: VecDeque<Instant>,
    search: VecDeque<Instant>,
    daily: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Limiter {
    tokens: HashMap<String, TokenUsage>,
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

impl Limiter {
    /// Counts a request, or says which limit refuses it and when the window frees a slot.
    pub(crate) fn admit(
        &mut self,
        token: &str,
        search: bool,
        now: Instant,
        limits: &Limits,
    ) -> Result<Usage, (Refusal, Duration)> {
        let usage = self.tokens.entry(token.to_owned()).or_default();
        prune(&mut usage.window, now, limits.window);
        prune(&mut usage.search, now, Duration::from_secs(1));
        if usage.daily >= limits.daily {
            return Err((Refusal::Daily, Duration::from_secs(3600)));
        }
        let (times, max, window, refusal) = if search {
            (
                &mut usage.search,
                limits.search_per_second,
                Duration::from_secs(1),
                Refusal::Secondly,
            )
        } else {
            (
                &mut usage.window,
                limits.window_max,
                limits.window,
                Refusal::Window,
            )
        };
        if times.len() >= max as usize {
            let wait = times.front().map_or(window, |t| {
                window.saturating_sub(now.saturating_duration_since(*t))
            });
            return Err((refusal, wait));
        }
        times.push_back(now);
        usage.daily += 1;
        Ok(Usage {
            remaining: limits.window_max.saturating_sub(usage.window.len() as u32),
            daily_remaining: limits.daily.saturating_sub(usage.daily),
        })
    }

    pub(crate) fn reset(&mut self) {
        self.tokens.clear();
    }
}
