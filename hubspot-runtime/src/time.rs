//! Clocks and sleeping, behind a trait so retry schedules can be tested without waiting.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

pub use crate::types::BoxFuture;

/// The source of time for the executor: the monotonic clock for deadlines, the wall clock for
/// HTTP-date `Retry-After` values, and sleeping between attempts.
pub trait Time: Send + Sync + fmt::Debug {
    /// The monotonic now, for elapsed time and deadlines.
    fn now(&self) -> Instant;
    /// The wall-clock now, to turn an HTTP-date `Retry-After` into a delay.
    fn system_now(&self) -> SystemTime;
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// A shared clock is a clock: one `Arc<dyn Time>` can serve several clients.
impl<T: Time + ?Sized> Time for Arc<T> {
    fn now(&self) -> Instant {
        (**self).now()
    }

    fn system_now(&self) -> SystemTime {
        (**self).system_now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        (**self).sleep(duration)
    }
}

/// Real time: `Instant::now`, `SystemTime::now` and `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioTime;

impl Time for TokioTime {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Virtual time for tests: sleeping returns at once, advances the clock and is recorded.
///
/// Clones share one clock, so a test keeps a clone to read [`VirtualTime::sleeps`] after
/// handing another to [`ClientBuilder::time`](crate::ClientBuilder::time).
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::time::{Time, VirtualTime};
/// use std::time::Duration;
///
/// # tokio_test_block_on(async {
/// let time = VirtualTime::new();
/// let start = time.now();
/// time.sleep(Duration::from_secs(2)).await;
/// assert_eq!(time.now() - start, Duration::from_secs(2));
/// assert_eq!(time.sleeps(), vec![Duration::from_secs(2)]);
/// # });
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct VirtualTime {
    start: Instant,
    start_system: SystemTime,
    state: Arc<Mutex<VirtualState>>,
}

#[derive(Debug, Default)]
struct VirtualState {
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl VirtualTime {
    /// A virtual clock starting now.
    pub fn new() -> Self {
        Self::starting_at(SystemTime::now())
    }

    /// A virtual clock whose wall clock reads `system_now` at the start.
    pub fn starting_at(system_now: SystemTime) -> Self {
        Self {
            start: Instant::now(),
            start_system: system_now,
            state: Arc::default(),
        }
    }

    /// Moves the clock forward without recording a sleep (time spent inside an attempt).
    pub fn advance(&self, duration: Duration) {
        self.with_state(|state| state.elapsed += duration);
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.with_state(|state| state.sleeps.clone())
    }

    /// Time elapsed on this clock since it was made.
    pub fn elapsed(&self) -> Duration {
        self.with_state(|state| state.elapsed)
    }

    fn with_state<R>(&self, f: impl FnOnce(&mut VirtualState) -> R) -> R {
        // A panic elsewhere cannot leave the state half-written, so a poisoned lock is still usable.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut state)
    }
}

impl Default for VirtualTime {
    fn default() -> Self {
        Self::new()
    }
}

impl Time for VirtualTime {
    fn now(&self) -> Instant {
        self.start + self.elapsed()
    }

    fn system_now(&self) -> SystemTime {
        self.start_system + self.elapsed()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.with_state(|state| {
            state.elapsed += duration;
            state.sleeps.push(duration);
        });
        Box::pin(std::future::ready(()))
    }
}
