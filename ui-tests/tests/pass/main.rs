//! Declarations of `#[hubspot_endpoint]` that must compile, each a user's program (its `main`)
//! with `hubspot-crm` as its only SDK dependency, run here as a test.
//!
//! They are built with the workspace, not by trybuild: with only failing cases left, trybuild
//! checks them (`cargo check`) in one invocation instead of building every case and the whole
//! SDK a second time, which took over a minute on a fresh clone.

#![allow(
    dead_code,
    unreachable_pub,
    reason = "each case is written as a user's program, whose public items nothing else reads"
)]

// Declared here rather than by the macro below, so that rustfmt, which does not look inside
// macros, formats the cases.
mod dated_endpoint;
mod location_placeholder;
mod only_hubspot_crm;
mod query_and_body;
mod raw_identifier_placeholder;
mod several_placeholders;
mod shadowing;
mod unit_return;
mod users_own_endpoint;

/// One test per case, running its `main`.
macro_rules! run {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                $case::main();
            }
        )*
    };
}

run!(
    dated_endpoint,
    location_placeholder,
    only_hubspot_crm,
    query_and_body,
    raw_identifier_placeholder,
    several_placeholders,
    shadowing,
    unit_return,
    users_own_endpoint,
);
