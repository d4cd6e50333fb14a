//! The state every handler shares: the store, faults, limits, grants and counters, behind one
//! clock.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::config::{MockConfig, Stats};
use crate::error::ApiResult;
use crate::exports::Exports;
use crate::faults::Faults;
use crate::grants::Grants;
use crate::imports::Imports;
use crate::limits::Limiter;
use crate::lists::Lists;
use crate::object_type::ObjectType;
use crate::store::Store;

/// The shared state behind every handler.
#[derive(Debug)]
pub(crate) struct Mock {
    pub(crate) config: MockConfig,
    store: Mutex<Store>,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) limiter: Mutex<Limiter>,
    pub(crate) grants: Mutex<Grants>,
    lists: Mutex<Lists>,
    imports: Mutex<Imports>,
    exports: Mutex<Exports>,
    stats: Mutex<Stats>,
    clock: Clock,
}

pub(crate) type Shared = Arc<Mock>;

/// A panic in one handler must not wedge the others: the guarded data stays consistent at every
/// await-free step, so a poisoned lock is still safe to use.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Mock {
    pub(crate) fn new(config: MockConfig) -> Self {
        let clock = Clock::default();
        Self {
            faults: Mutex::new(Faults::new(config.faults.clone(), config.seed)),
            store: Mutex::new(Store::new(config.strict_properties, clock.clone())),
            config,
            limiter: Mutex::default(),
            grants: Mutex::default(),
            lists: Mutex::default(),
            imports: Mutex::default(),
            exports: Mutex::default(),
            stats: Mutex::default(),
            clock,
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    pub(crate) fn lists(&self) -> MutexGuard<'_, Lists> {
        lock(&self.lists)
    }

    pub(crate) fn imports(&self) -> MutexGuard<'_, Imports> {
        lock(&self.imports)
    }

    pub(crate) fn exports(&self) -> MutexGuard<'_, Exports> {
        lock(&self.exports)
    }

    /// The type a path segment names, custom types included.
    pub(crate) fn object_type(&self, segment: &str) -> ApiResult<ObjectType> {
        self.store().object_type(segment)
    }

    pub(crate) fn stats(&self) -> MutexGuard<'_, Stats> {
        lock(&self.stats)
    }

    /// The mock's clock: real time plus whatever tests advanced it by.
    pub(crate) fn now(&self) -> Instant {
        self.clock.now()
    }

    pub(crate) fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    pub(crate) fn reset(&self) {
        *self.store() = Store::new(self.config.strict_properties, self.clock.clone());
        *self.stats() = Stats::default();
        lock(&self.limiter).reset();
        *lock(&self.grants) = Grants::default();
        lock(&self.faults).clear();
    }
}
