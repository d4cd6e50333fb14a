//! The workspace test suite lives in `tests/`.
