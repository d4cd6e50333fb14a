use hubspot_crm::{Raw, Request, hubspot_endpoint};

/// A theme file's source, at a location whose folders stay folders.
#[hubspot_endpoint(
    method = "GET",
    path = "/cms/source-code/2026-03/<environment>/content/<path..>"
)]
pub fn source(environment: &str, path: &str) -> Raw;

pub(crate) fn main() {
    let request: Request<Raw> = source("draft", "my theme/templates/home.html");
    assert_eq!(
        request.path(),
        "/cms/source-code/2026-03/draft/content/my%20theme/templates/home.html"
    );
    assert!(
        source("draft", "../other-theme/secrets.html")
            .invalid()
            .is_some()
    );
    assert!(source("draft", "a/b.html").invalid().is_none());
}
