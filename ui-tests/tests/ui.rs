//! Compile tests of `#[hubspot_endpoint]`: each wrong declaration fails with the blessed error,
//! and each right one compiles with `hubspot-crm` as its only SDK dependency.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
