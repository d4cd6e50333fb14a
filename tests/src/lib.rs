//! The workspace test suite lives in `tests/`; this library only doc-tests the README, so every
//! example there compiles.

#[doc = include_str!("../../README.md")]
mod readme {}
