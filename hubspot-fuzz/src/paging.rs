//! Whatever cursors a server hands out: each goes back as exactly one `after` value (it can
//! neither add a parameter nor escape the query), and a listing always ends.

use futures_util::StreamExt;
use hubspot_crm::models::ListOptions;
use hubspot_crm::{contacts, paging};
use percent_encoding::percent_decode_str;
use serde_json::json;

use crate::fake::{Scripted, block_on, client, pieces};
use hubspot_crm::runtime::transport::HttpResponse;

/// Fuzz target: up to eight cursors, one page each, each page holding one record.
pub fn list_cursors(data: &[u8]) {
    let cursors: Vec<String> = pieces(data, 8)
        .into_iter()
        .map(|piece| String::from_utf8_lossy(piece).into_owned())
        .collect();
    let pages = cursors.iter().enumerate().map(|(i, cursor)| {
        let body = json!({
            "results": [{"id": (i + 1).to_string(), "properties": {}, "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z", "archived": false}],
            "paging": {"next": {"after": cursor}},
        });
        HttpResponse::new(200, body.to_string())
    });
    let transport = Scripted::default();
    let client = client(transport.clone());
    transport.script(pages.collect::<Vec<_>>());
    let listing = paging::list_all(contacts::list, ListOptions::default()).with_client(&client);
    // The script ends with a refused connection: the stream ends at the latest then.
    let items: Vec<_> = block_on(listing.take(64).collect());
    assert!(items.len() <= cursors.len() + 1);

    let sent = transport.sent();
    for (request, cursor) in sent.iter().skip(1).zip(&cursors) {
        let query = request.url.query().unwrap_or("");
        let afters: Vec<&str> = query
            .split('&')
            .filter_map(|pair| pair.strip_prefix("after="))
            .collect();
        assert_eq!(afters.len(), 1, "{query}");
        assert_eq!(request.url.fragment(), None, "{}", request.url);
        let decoded = percent_decode_str(afters[0]).decode_utf8_lossy();
        assert_eq!(&decoded, cursor, "the cursor went back changed");
    }
}
