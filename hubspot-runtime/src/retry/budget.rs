use std::sync::atomic::{AtomicU32, Ordering};

/// A client-wide token bucket for retries, like the AWS SDK's retry quota: retries spend
/// tokens, successes earn them back, and when it is empty failures are returned without
/// retrying, so a storm of failures cannot multiply the load on HubSpot.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    capacity: Option<u32>,
    available: AtomicU32,
}

impl RetryBudget {
    pub(crate) const DEFAULT_CAPACITY: u32 = 500;
    pub(crate) const RETRY_COST: u32 = 5;
    pub(crate) const TIMEOUT_RETRY_COST: u32 = 10;
    const SUCCESS_REWARD: u32 = 1;

    /// A full budget of `capacity` tokens; `None` never runs out.
    pub(crate) fn new(capacity: Option<u32>) -> Self {
        Self {
            capacity,
            available: AtomicU32::new(capacity.unwrap_or(0)),
        }
    }

    /// Takes `cost` tokens if there are enough.
    pub(crate) fn try_withdraw(&self, cost: u32) -> bool {
        if self.capacity.is_none() {
            return true;
        }
        self.available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |available| {
                available.checked_sub(cost)
            })
            .is_ok()
    }

    /// Records a success: returns what its retries cost, or a small reward if it needed none.
    pub(crate) fn on_success(&self, spent_on_retries: u32) {
        let Some(capacity) = self.capacity else {
            return;
        };
        let refund = if spent_on_retries == 0 {
            Self::SUCCESS_REWARD
        } else {
            spent_on_retries
        };
        // A full bucket, the rule while nothing fails, is only read: the successes of every
        // thread then share it without writing to it.
        let _ = self
            .available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |available| {
                (available < capacity).then(|| available.saturating_add(refund).min(capacity))
            });
    }

    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.available.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empties_then_refuses() {
        let budget = RetryBudget::new(Some(12));
        assert!(budget.try_withdraw(5));
        assert!(budget.try_withdraw(5));
        assert!(!budget.try_withdraw(5));
        assert_eq!(budget.available(), 2);
    }

    #[test]
    fn successes_refill_up_to_capacity() {
        let budget = RetryBudget::new(Some(10));
        assert!(budget.try_withdraw(10));
        budget.on_success(10);
        assert_eq!(budget.available(), 10);
        budget.on_success(0);
        assert_eq!(budget.available(), 10);
        assert!(budget.try_withdraw(3));
        budget.on_success(0);
        assert_eq!(budget.available(), 8);
    }

    #[test]
    fn no_capacity_means_unlimited() {
        let budget = RetryBudget::new(None);
        assert!((0..1000).all(|_| budget.try_withdraw(10)));
    }
}
