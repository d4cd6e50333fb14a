//! Compile tests of `#[hubspot_endpoint]`: each wrong declaration fails with the blessed error.
//! The right ones are the `pass` test, built with the workspace.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
}
