//! The state every handler shares: the store, faults, limits, grants and counters, behind one
//! clock.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::config::{MockConfig, Stats};
use crate::data::app_webhooks::AppWebhooks;
use crate::data::documents::Documents;
use crate::data::events::Events;
use crate::data::exports::Exports;
use crate::data::files::Files;
use crate::data::imports::Imports;
use crate::data::journal::Journal;
use crate::data::lists::Lists;
use crate::data::preferences::Preferences;
use crate::data::transactional::Transactional;
use crate::error::ApiResult;
use crate::faults::Faults;
use crate::grants::Grants;
use crate::limits::Limiter;
use crate::object_type::ObjectType;
use crate::store::Store;

/// The state of the APIs beside the CRM store, each behind its own lock, with one accessor
/// each and one reset for all.
macro_rules! apis {
    ($($field:ident: $ty:ty),* $(,)?) => {
        /// Lists, imports, exports and the other families' state.
        #[derive(Debug, Default)]
        struct Apis {
            $($field: Mutex<$ty>,)*
        }

        impl Apis {
            fn reset(&self) {
                $(*lock(&self.$field) = <$ty>::default();)*
            }
        }

        impl Mock {
            $(
                pub(crate) fn $field(&self) -> MutexGuard<'_, $ty> {
                    lock(&self.apis.$field)
                }
            )*
        }
    };
}

apis! {
    lists: Lists,
    imports: Imports,
    exports: Exports,
    files: Files,
    events: Events,
    transactional: Transactional,
    app_webhooks: AppWebhooks,
    preferences: Preferences,
    journal: Journal,
    documents: Documents,
}

/// The shared state behind every handler.
#[derive(Debug)]
pub(crate) struct Mock {
    pub(crate) config: MockConfig,
    store: Mutex<Store>,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) limiter: Mutex<Limiter>,
    pub(crate) grants: Mutex<Grants>,
    apis: Apis,
    stats: Mutex<Stats>,
    clock: Clock,
    /// The second listener's base URL, where export files and signed file URLs point.
    download_base: OnceLock<String>,
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
            apis: Apis::default(),
            stats: Mutex::default(),
            clock,
            download_base: OnceLock::new(),
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Every family's state: the CRM's objects and associations, lists with their members,
    /// live files, event occurrences and e-mails sent.
    pub(crate) fn dump(&self) -> serde_json::Value {
        let mut out = self.store().dump();
        out["lists"] = self.lists().dump().into();
        out["files"] = self.files().dump().into();
        out["events"] = self.events().occurrences.clone().into();
        out["emails"] = self.transactional().sent.clone().into();
        out["journal"] = self.journal_dump();
        out["marketing"] = self.documents().dump();
        out
    }

    /// The journal's subscriptions and every event its entries hold, oldest first.
    fn journal_dump(&self) -> serde_json::Value {
        let portal = self.config.oauth.hub_id;
        let store = self.store();
        let journal = self.journal();
        let events: Vec<serde_json::Value> = store
            .changes()
            .from(0)
            .flat_map(|(seq, change)| journal.events(seq, change, portal))
            .collect();
        serde_json::json!({"subscriptions": journal.dump(), "events": events})
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

    /// The wall-clock now in milliseconds since the Unix epoch.
    pub(crate) fn epoch_millis(&self) -> u128 {
        self.clock.epoch_millis()
    }

    /// The wall-clock time `after` from now, as HubSpot writes it.
    pub(crate) fn timestamp_in(&self, after: Duration) -> String {
        self.clock.timestamp_in(after)
    }

    /// The download listener's base URL (`http://127.0.0.1:…`), once it is bound.
    pub(crate) fn download_base(&self) -> &str {
        self.download_base.get().map_or("", String::as_str)
    }

    pub(crate) fn set_download_base(&self, base: String) {
        // Set once, by the server that binds the listener.
        let _ = self.download_base.set(base);
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
        self.apis.reset();
    }
}
