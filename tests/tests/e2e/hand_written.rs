//! Every hand-declared endpoint of `hubspot-crm` (read from its sources, so a new declaration is
//! covered without touching this test) reaches a route of hubspot-mock: none is answered 501
//! "the mock does not implement this" or 405, for every standard object type where the path
//! takes one. The generated operations are sent by the request-shape tests.

use hubspot_crm::models::ObjectType;
use hubspot_mock::MockConfig;

/// One declaration: its method and path template, as written in the source.
struct Declared {
    file: String,
    method: String,
    path: String,
}

/// The attribute text after each `hubspot_endpoint(` of `source` (`#[hubspot_endpoint(` or
/// `#[crate::hubspot_endpoint(`), up to its closing paren.
fn attributes(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("hubspot_endpoint(") {
        rest = &rest[at + "hubspot_endpoint(".len()..];
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(rest.len(), |(i, _)| i);
        out.push(&rest[..end]);
    }
    out
}

/// The value of `key =` in an attribute: a string literal, or a `concat!` of literals and the
/// object macros' `$base` (the dated base) and `$segment` (any type: `<object_type>`).
fn value(attribute: &str, key: &str) -> Option<String> {
    let after = attribute[attribute.find(&format!("{key} ="))? + key.len() + 2..].trim_start();
    if let Some(parts) = after.strip_prefix("concat!(") {
        let parts = &parts[..parts.find(')')?];
        let mut out = String::new();
        for part in parts.split(',').map(str::trim) {
            out.push_str(match part {
                "$base" => "/crm/objects/2026-03",
                "$segment" => "<object_type>",
                literal => literal.trim_matches('"'),
            });
        }
        return Some(out);
    }
    let after = after.strip_prefix('"')?;
    Some(after[..after.find('"')?].to_owned())
}

fn declared() -> Vec<Declared> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../hubspot-crm/src");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for attribute in attributes(&source) {
            let (Some(method), Some(template)) =
                (value(attribute, "method"), value(attribute, "path"))
            else {
                continue;
            };
            // Doc text showing the syntax (`"/…/<id>"`) is not a declaration.
            if template.contains('…') {
                continue;
            }
            out.push(Declared {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                method,
                path: template,
            });
        }
    }
    out
}

/// The concrete paths a template stands for: one per standard type where it takes a type.
fn concrete(template: &str) -> Vec<String> {
    let fill = |object_type: &str| {
        let mut path = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('<') {
            path.push_str(&rest[..open]);
            let close = open + rest[open..].find('>').unwrap();
            let name = &rest[open + 1..close];
            path.push_str(match name {
                "object_type" | "from_type" => object_type,
                "to_type" => "companies",
                _ => "1001",
            });
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        path
    };
    if template.contains("<object_type>") {
        ObjectType::STANDARD
            .iter()
            .map(|t| fill(t.as_str()))
            .collect()
    } else {
        vec![fill("contacts")]
    }
}

#[tokio::test]
async fn every_hand_declared_endpoint_reaches_a_route_of_the_mock() {
    let declared = declared();
    assert!(
        declared.len() >= 60,
        "the source scan found only {} declarations",
        declared.len()
    );
    let (mock, _, _) = crate::crm::setup().await;
    let http = tests::http();
    let mut unserved = Vec::new();
    let mut sent = 0;
    for endpoint in &declared {
        for path in concrete(&endpoint.path) {
            let method = reqwest::Method::from_bytes(endpoint.method.as_bytes()).unwrap();
            let mut request = http
                .request(method.clone(), format!("{}{path}", mock.base_url()))
                .bearer_auth(MockConfig::DEFAULT_TOKEN);
            if method != reqwest::Method::GET && method != reqwest::Method::DELETE {
                request = request
                    .header("content-type", "application/json")
                    .body("{}");
            }
            let status = request.send().await.unwrap().status().as_u16();
            sent += 1;
            if status == 501 || status == 405 {
                unserved.push(format!(
                    "{} {path} ({}): {status}",
                    endpoint.method, endpoint.file
                ));
            }
        }
    }
    assert!(sent > declared.len(), "{sent} requests");
    assert!(
        unserved.is_empty(),
        "not served by hubspot-mock:\n{}",
        unserved.join("\n")
    );
}
