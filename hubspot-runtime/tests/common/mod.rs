//! What the streaming tests share.

#![allow(dead_code, reason = "each test binary uses part of it")]

use std::pin::Pin;
use std::task::{Context, Poll};

/// A writer that counts what it is given and keeps none of it; with `room`, it fails ("no
/// space left") once that many bytes were written, as a full disk does.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) written: u64,
    pub(crate) room: Option<u64>,
}

impl Tally {
    pub(crate) fn full_after(room: u64) -> Self {
        Self {
            written: 0,
            room: Some(room),
        }
    }
}

impl tokio::io::AsyncWrite for Tally {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        bytes: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let room = self.room.map_or(u64::MAX, |room| room - self.written);
        if room == 0 {
            return Poll::Ready(Err(std::io::Error::other("no space left")));
        }
        let n = bytes.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        self.written += n as u64;
        Poll::Ready(Ok(n))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
