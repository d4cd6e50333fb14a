//! A real `redis-server` on 127.0.0.1 for tests and benchmarks of the shared rate limit.

use std::io;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `redis-server` on a free port of 127.0.0.1, with nothing persisted; stopped when dropped.
#[derive(Debug)]
pub struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    /// Starts one and waits (5 s at most) until it accepts connections. `Ok(None)` when
    /// `redis-server` is not installed.
    ///
    /// # Errors
    /// When no port is free or the server does not come up.
    pub fn start() -> io::Result<Option<Self>> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let Some(child) = spawn(port)? else {
            return Ok(None);
        };
        Ok(Some(Self { child, port }))
    }

    /// Starts the server again on the same port, empty, as after a crash and a restart.
    ///
    /// # Errors
    /// When the server does not come up.
    pub fn restart(&mut self) -> io::Result<()> {
        self.stop();
        self.child = spawn(self.port)?.ok_or_else(|| io::Error::other("redis-server is gone"))?;
        Ok(())
    }

    /// `redis://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Stops the server now, as if it had crashed.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `redis-server` on `port` and waits (5 s at most) until it accepts connections;
/// `None` when it is not installed.
fn spawn(port: u16) -> io::Result<Option<Child>> {
    let spawned = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(5) || child.try_wait()?.is_some() {
            let _ = child.kill();
            return Err(io::Error::other("redis-server did not start"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(Some(child))
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}
