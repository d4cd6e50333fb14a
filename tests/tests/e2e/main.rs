//! End-to-end tests over real sockets on 127.0.0.1, in one binary so the suite links once.

// Test helpers outside `#[test]` functions unwrap too: a panic is how a test reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod crm;
mod endpoints;
mod models;
mod runtime_http;
mod storm;
