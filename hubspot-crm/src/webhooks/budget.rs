//! What every request behind one [`WebhookConfig`](super::WebhookConfig) may hold at once: body
//! bytes and bodies in flight, so that many slow senders cannot add up to more memory than the
//! app allows, while HubSpot's own small requests still find room.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A body up to this size draws on the whole byte budget; a larger one (or one announcing a
/// larger size) leaves [`Budget::reserve`] for these. HubSpot's batches of at most 100 events
/// are well under it.
pub(crate) const SMALL_BODY: usize = 64 << 10;

/// Shared by every clone of a config.
#[derive(Debug)]
pub(crate) struct Budget {
    bytes: Arc<Semaphore>,
    bodies: Arc<Semaphore>,
    pub(crate) max_bytes: usize,
    pub(crate) max_bodies: usize,
    /// Bytes only small bodies may take.
    reserve: usize,
}

/// What one request holds: its body slot and the bytes granted so far, given back on drop.
pub(crate) struct Held {
    _body: OwnedSemaphorePermit,
    bytes: Option<OwnedSemaphorePermit>,
    pub(crate) granted: usize,
}

impl Budget {
    pub(crate) fn new(max_bytes: usize, max_bodies: usize) -> Self {
        // Semaphores count at most `MAX_PERMITS`; a budget beyond it is no budget anyway.
        let max_bytes = max_bytes.min(Semaphore::MAX_PERMITS);
        let max_bodies = max_bodies.min(Semaphore::MAX_PERMITS);
        Self {
            bytes: Arc::new(Semaphore::new(max_bytes)),
            bodies: Arc::new(Semaphore::new(max_bodies)),
            max_bytes,
            max_bodies,
            reserve: max_bytes / 8,
        }
    }

    /// A body slot, or `None` when every slot is taken.
    pub(crate) fn enter(&self) -> Option<Held> {
        let body = Arc::clone(&self.bodies).try_acquire_owned().ok()?;
        Some(Held {
            _body: body,
            bytes: None,
            granted: 0,
        })
    }

    /// Grows `held` to `total` bytes, or `None` when the budget has no room: a body larger
    /// than [`SMALL_BODY`] must leave the reserve untouched.
    pub(crate) fn grow(&self, held: &mut Held, total: usize) -> Option<()> {
        let Some(more) = total.checked_sub(held.granted).filter(|&n| n > 0) else {
            return Some(());
        };
        let keep = if total > SMALL_BODY { self.reserve } else { 0 };
        if self.bytes.available_permits() < more.saturating_add(keep) {
            return None;
        }
        let more_u32 = u32::try_from(more).ok()?;
        let permit = Arc::clone(&self.bytes)
            .try_acquire_many_owned(more_u32)
            .ok()?;
        match &mut held.bytes {
            Some(bytes) => bytes.merge(permit),
            none => *none = Some(permit),
        }
        held.granted = total;
        Some(())
    }

    /// Body bytes granted right now, across every request.
    pub(crate) fn bytes_in_flight(&self) -> usize {
        self.max_bytes - self.bytes.available_permits()
    }

    /// Bodies being read right now.
    pub(crate) fn bodies_in_flight(&self) -> usize {
        self.max_bodies - self.bodies.available_permits()
    }
}
