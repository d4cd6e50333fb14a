//! The rolling-window lanes kept in Redis, so every process on one token shares one limit. Each
//! step is one Lua script, atomic on the server; send times are the callers' wall clocks in
//! milliseconds. The daily cap and the cap on requests in flight stay per process (every
//! response reports the daily state anyway). When Redis cannot be reached, the process falls
//! back to its own lanes, says so once, and tries Redis again a few seconds later.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::headers::Reported;
use super::local::LocalLimiter;
use super::{Acquire, LimitEvent, LimitObserver, LimitSettings, RateLimit, SharedLanes};
use crate::error::Error;
use crate::types::{BoxFuture, Lane};

/// How long the process keeps to its own limiter after Redis failed, before trying again.
const RETRY_REDIS_AFTER: Duration = Duration::from_secs(5);
/// How long one Redis round trip may take before the process falls back.
const REDIS_TIMEOUT: Duration = Duration::from_millis(500);

/// Takes a slot: `0` if granted, else the milliseconds until one frees.
const ACQUIRE: &str = r"
local now = tonumber(ARGV[1])
local max = tonumber(redis.call('HGET', KEYS[2], 'max') or ARGV[2])
local window = tonumber(redis.call('HGET', KEYS[2], 'window') or ARGV[3])
local keep = window + math.max(math.floor(window / 50), 10)
local paused = tonumber(redis.call('HGET', KEYS[2], 'paused_until') or 0)
if paused > now then return paused - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - keep)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], keep * 2)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
return math.max(1, oldest + keep - now)
";

/// Adopts a reported limit (`1` if it changed) and logs what the server counted beyond the log.
const OBSERVE: &str = r"
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local changed = 0
if max > 0 then
  if tonumber(redis.call('HGET', KEYS[2], 'max')) ~= max or tonumber(redis.call('HGET', KEYS[2], 'window')) ~= window then
    changed = 1
  end
  redis.call('HSET', KEYS[2], 'max', max, 'window', window)
else
  max = tonumber(redis.call('HGET', KEYS[2], 'max') or ARGV[6])
  window = tonumber(redis.call('HGET', KEYS[2], 'window') or ARGV[7])
end
local remaining = tonumber(ARGV[4])
if remaining >= 0 then
  local keep = window + math.max(math.floor(window / 50), 10)
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - keep)
  local used = math.min(max - remaining, max)
  for i = redis.call('ZCARD', KEYS[1]) + 1, used do
    redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i)
  end
  redis.call('PEXPIRE', KEYS[1], keep * 2)
end
redis.call('PEXPIRE', KEYS[2], 86400000)
return changed
";

/// Pauses the lane until `ARGV[1]` (milliseconds), unless it is paused longer already.
const PAUSE: &str = r"
local until_ms = tonumber(ARGV[1])
if until_ms > tonumber(redis.call('HGET', KEYS[1], 'paused_until') or 0) then
  redis.call('HSET', KEYS[1], 'paused_until', until_ms)
end
redis.call('PEXPIRE', KEYS[1], 86400000)
return 0
";

pub(crate) struct SharedLimiter {
    client: redis::Client,
    connection: tokio::sync::Mutex<Option<ConnectionManager>>,
    /// `hubspot:<hash of base URL and token>`: the token is never stored in Redis.
    prefix: String,
    settings: LimitSettings,
    /// Hears that Redis became unavailable (once per outage).
    observer: Option<LimitObserver>,
    down_until: Mutex<Option<Instant>>,
    warned: AtomicBool,
    /// Makes every log member unique across processes.
    nonce: u64,
    counter: AtomicU64,
    acquire: redis::Script,
    observe: redis::Script,
    pause: redis::Script,
}

impl SharedLimiter {
    pub(crate) fn new(
        url: &str,
        base_url: &str,
        scope: &SecretString,
        settings: &LimitSettings,
        observer: Option<LimitObserver>,
    ) -> Result<Self, Error> {
        let client = redis::Client::open(url)
            .map_err(|_| Error::Config("the shared rate limit's Redis URL is not valid".into()))?;
        let mut hash = Sha256::new();
        hash.update(base_url.as_bytes());
        hash.update([0]);
        hash.update(scope.expose_secret().as_bytes());
        let digest = hash.finalize();
        let prefix = format!(
            "hubspot:{}",
            digest[..16]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        Ok(Self {
            client,
            connection: tokio::sync::Mutex::new(None),
            prefix,
            settings: settings.clone(),
            observer,
            down_until: Mutex::new(None),
            warned: AtomicBool::new(false),
            nonce: fastrand::u64(..),
            counter: AtomicU64::new(0),
            acquire: redis::Script::new(ACQUIRE),
            observe: redis::Script::new(OBSERVE),
            pause: redis::Script::new(PAUSE),
        })
    }

    fn lane_limit(&self, lane: Lane) -> Option<RateLimit> {
        match lane {
            Lane::Standard => self.settings.standard,
            Lane::Search => self.settings.search,
        }
    }

    fn keys(&self, lane: Lane) -> (String, String) {
        let lane = match lane {
            Lane::Standard => "standard",
            Lane::Search => "search",
        };
        (
            format!("{}:{lane}:log", self.prefix),
            format!("{}:{lane}:state", self.prefix),
        )
    }

    fn member(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!("{:016x}-{n}", self.nonce)
    }

    /// Runs one script against Redis, or `None` when Redis is unavailable (and then keeps away
    /// from it for a while).
    async fn run<F, Fut, T>(&self, now: Instant, script: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = redis::RedisResult<T>>,
    {
        if self.lock_down().is_some_and(|until| now < until) {
            return None;
        }
        let connection = self.connection(now).await?;
        match tokio::time::timeout(REDIS_TIMEOUT, script(connection)).await {
            Ok(Ok(value)) => {
                if self.warned.swap(false, Ordering::Relaxed) {
                    tracing::info!("the shared rate limit's Redis answers again; sharing it");
                }
                Some(value)
            }
            Ok(Err(error)) => self.fall_back(now, error.kind_label()),
            Err(_) => self.fall_back(now, "timed out"),
        }
    }

    /// The connection, opened if need be; `now` is the caller's (injected) clock.
    async fn connection(&self, now: Instant) -> Option<ConnectionManager> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Some(connection.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(REDIS_TIMEOUT))
            .set_response_timeout(Some(REDIS_TIMEOUT))
            .set_number_of_retries(1);
        let connect = ConnectionManager::new_with_config(self.client.clone(), config);
        match tokio::time::timeout(REDIS_TIMEOUT * 2, connect).await {
            Ok(Ok(connection)) => {
                *slot = Some(connection.clone());
                Some(connection)
            }
            _ => {
                drop(slot);
                self.fall_back(now, "could not connect")
            }
        }
    }

    fn fall_back<T>(&self, now: Instant, why: &str) -> Option<T> {
        *self
            .down_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(now + RETRY_REDIS_AFTER);
        if !self.warned.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                cause = why,
                "the shared rate limit's Redis is unavailable; this process paces itself until it answers"
            );
            if let Some(observer) = &self.observer {
                observer(&LimitEvent::SharedUnavailable);
            }
        }
        None
    }

    fn lock_down(&self) -> Option<Instant> {
        *self
            .down_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Each step is one script run.
impl SharedLanes for SharedLimiter {
    fn acquire<'a>(
        &'a self,
        local: &'a LocalLimiter,
        lane: Lane,
        now: Instant,
        wall: SystemTime,
    ) -> BoxFuture<'a, Acquire> {
        Box::pin(async move {
            let Some(limit) = self.lane_limit(lane) else {
                return local.acquire(lane, now);
            };
            let member = self.member();
            let keys = self.keys(lane);
            let answer = self
                .run(now, |mut connection| async move {
                    self.acquire
                        .key(&keys.0)
                        .key(&keys.1)
                        .arg(millis(wall))
                        .arg(limit.requests())
                        .arg(limit.per().as_millis() as u64)
                        .arg(member)
                        .invoke_async::<u64>(&mut connection)
                        .await
                })
                .await;
            match answer {
                // A send Redis granted is logged here too, for a fallback that takes over.
                Some(wait_ms) => local.acquire_with(lane, now, |log| match wait_ms {
                    0 => {
                        log.record(now);
                        Ok(())
                    }
                    ms => Err(Duration::from_millis(ms)),
                }),
                None => local.acquire(lane, now),
            }
        })
    }

    fn observe<'a>(
        &'a self,
        local: &'a LocalLimiter,
        reported: Reported,
        now: Instant,
        wall: SystemTime,
    ) -> BoxFuture<'a, Option<RateLimit>> {
        Box::pin(async move {
            // The daily cap is kept per process; the local lanes stay in step for a fallback.
            let learned_locally = local.observe(&reported, now);
            if !self.settings.learn || self.lane_limit(Lane::Standard).is_none() {
                return learned_locally;
            }
            let (max, window) = reported
                .window
                .map_or((0, 0), |w| (w.requests(), w.per().as_millis() as u64));
            let default = self.settings.standard.unwrap_or(RateLimit::FREE_STARTER);
            let member = self.member();
            let keys = self.keys(Lane::Standard);
            let changed = self
                .run(now, |mut connection| async move {
                    self.observe
                        .key(&keys.0)
                        .key(&keys.1)
                        .arg(millis(wall))
                        .arg(max)
                        .arg(window)
                        .arg(reported.remaining.map_or(-1, i64::from))
                        .arg(member)
                        .arg(default.requests())
                        .arg(default.per().as_millis() as u64)
                        .invoke_async::<u64>(&mut connection)
                        .await
                })
                .await;
            match changed {
                Some(1) => reported.window,
                Some(_) => None,
                None => learned_locally,
            }
        })
    }

    fn pause(
        &self,
        lane: Lane,
        now: Instant,
        wall: SystemTime,
        pause: Duration,
    ) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            if self.lane_limit(lane).is_none() {
                return;
            }
            let until = millis(wall + pause);
            let key = self.keys(lane).1;
            let _ = self
                .run(now, |mut connection| async move {
                    self.pause
                        .key(&key)
                        .arg(until)
                        .invoke_async::<u64>(&mut connection)
                        .await
                })
                .await;
        })
    }
}

fn millis(wall: SystemTime) -> u64 {
    wall.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A short, data-free name for a Redis failure (its messages can name the server).
trait KindLabel {
    fn kind_label(&self) -> &'static str;
}

impl KindLabel for redis::RedisError {
    fn kind_label(&self) -> &'static str {
        if self.is_timeout() {
            "timed out"
        } else if self.is_connection_dropped() || self.is_connection_refusal() || self.is_io_error()
        {
            "connection failed"
        } else {
            "command failed"
        }
    }
}
