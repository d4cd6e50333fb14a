//! The generator on a small spec we wrote (`tests/fixtures`), covering each construct it
//! supports: path, query and body parameters, arrays, maps, enums, `oneOf`, `$ref` (and a cycle
//! through one), multipart, 201/204/207 answers, paging, a form body, a dated version beside
//! 2026-03 and a legacy-only operation. Its output is checked in under `tests/expected`, and
//! `tests/compiles.rs` builds it.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

fn generate() -> hubspot_codegen::Output {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    hubspot_codegen::generate(&fixtures, None).unwrap()
}

fn expected(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name)
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    assert_eq!(generate().files, generate().files);
}

/// `UPDATE_EXPECT=1 cargo test -p hubspot-codegen` rewrites the expectations.
#[test]
fn the_fixture_generates_the_checked_in_code() {
    let out = generate();
    let pairs = [
        ("hubspot-crm/src/generated/widgets.rs", "widgets.rs"),
        ("tests/tests/generated/widgets.rs", "widgets_test.rs"),
    ];
    for (generated, name) in pairs {
        let text = &out.files[Path::new(generated)];
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(expected(name), text).unwrap();
        }
        let want = std::fs::read_to_string(expected(name)).unwrap();
        assert_eq!(
            text, &want,
            "{generated} differs from tests/expected/{name}"
        );
    }
    let report = out.report.to_string();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected("report.md"), &report).unwrap();
    }
    assert_eq!(
        report,
        std::fs::read_to_string(expected("report.md")).unwrap()
    );
}

#[test]
fn every_operation_is_emitted_or_skipped_with_a_reason() {
    let out = generate();
    let widgets = out.report.apis.iter().find(|a| a.api == "Widgets").unwrap();
    // Seven dated operations (the multipart upload among them) and the one legacy operation
    // without a dated twin; the legacy read has its 2026-03 twin and is not counted again.
    assert_eq!(widgets.operations, 8);
    assert_eq!(widgets.generated, 8);
    assert_eq!(widgets.legacy, 1);
    assert!(widgets.skipped.is_empty(), "{:?}", widgets.skipped);
}
