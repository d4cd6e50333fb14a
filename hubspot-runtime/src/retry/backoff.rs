use std::time::Duration;

use super::RetryConfig;

/// The delay before retry number `retry` (1 for the first retry): the initial delay doubled
/// per retry, capped, and with jitter drawn from `unit_random` in `[0, 1)` into the upper half
/// of that delay ("equal jitter": never less than half, so a storm still spreads out).
pub(crate) fn backoff(retry: u32, config: &RetryConfig, unit_random: f64) -> Duration {
    let factor = 2u32.saturating_pow(retry.saturating_sub(1));
    let delay = config
        .initial_backoff
        .saturating_mul(factor)
        .min(config.max_backoff);
    if !config.jitter {
        return delay;
    }
    let half = delay / 2;
    half + half.mul_f64(unit_random.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn doubles_from_two_seconds_without_jitter() {
        let config = RetryConfig::default().with_jitter(false);
        let delays: Vec<_> = (1..=4).map(|n| backoff(n, &config, 0.9)).collect();
        assert_eq!(delays, [secs(2), secs(4), secs(8), secs(16)]);
    }

    #[test]
    fn is_capped() {
        let config = RetryConfig::default()
            .with_jitter(false)
            .with_max_backoff(secs(10));
        assert_eq!(backoff(4, &config, 0.0), secs(10));
        assert_eq!(backoff(200, &config, 0.0), secs(10));
    }

    #[test]
    fn jitter_stays_in_the_upper_half() {
        let config = RetryConfig::default();
        for (retry, full) in [(1, secs(2)), (2, secs(4)), (3, secs(8))] {
            assert_eq!(backoff(retry, &config, 0.0), full / 2);
            assert_eq!(backoff(retry, &config, 1.0), full);
            let mid = backoff(retry, &config, 0.5);
            assert!(mid > full / 2 && mid < full, "{mid:?} for {full:?}");
        }
    }

    #[test]
    fn out_of_range_randomness_is_clamped() {
        let config = RetryConfig::default();
        assert_eq!(backoff(1, &config, 7.0), secs(2));
        assert_eq!(backoff(1, &config, -1.0), secs(1));
    }
}
