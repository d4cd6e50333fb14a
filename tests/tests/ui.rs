//! Compile tests of `#[hubspot_endpoint]`: each wrong declaration fails with the blessed error.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
