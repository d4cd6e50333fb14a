//! HTTPS on 127.0.0.1 through the build's TLS backend (`.ci/run` runs this once with the default
//! `rustls-ring` and once with `rustls` (aws-lc-rs) alone): a certificate the platform does not
//! trust is refused before anything is sent, and one the client was told to trust works.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(any(feature = "rustls", feature = "rustls-ring"))]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hubspot_runtime::transport::TransportErrorKind;
use hubspot_runtime::{Client, Error, Method, PathBuilder, Request, WriteOutcome};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

const CA: &[u8] = include_bytes!("fixtures/tls/ca.pem");
const CERT: &[u8] = include_bytes!("fixtures/tls/server.pem");
const KEY: &[u8] = include_bytes!("fixtures/tls/server.key");

/// An HTTPS server for `localhost` signed by the test CA; it counts the requests it read.
async fn https_server() -> (String, Arc<AtomicUsize>) {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(CERT)
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, counted) = (acceptor.clone(), counted.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && tls.read(&mut byte).await.unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                counted.fetch_add(1, Ordering::SeqCst);
                let body = r#"{"ok":true}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("https://localhost:{port}"), requests)
}

fn ping() -> Request<serde_json::Value> {
    Request::new(Method::Get, "/ping", PathBuilder::new().literal("/ping"))
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_before_anything_is_sent() {
    let (url, requests) = https_server().await;
    let client = Client::builder()
        .access_token("pat-na1-tls")
        .base_url(&url)
        .retry(hubspot_runtime::RetryConfig::disabled())
        .build()
        .unwrap();
    let error = ping().send(&client).await.unwrap_err();
    // A handshake refused is a connection never made: retried (here: no retries left).
    let Error::GaveUp {
        last: Some(last), ..
    } = &error
    else {
        panic!("{error:?}")
    };
    let Error::Transport(transport) = &**last else {
        panic!("{last:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect, "{error}");
    assert!(format!("{last:?}").contains("UnknownIssuer"), "{last:?}");
    assert_eq!(error.write_outcome(), WriteOutcome::NotApplied);
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "no request reached the server"
    );
}

#[tokio::test]
async fn a_root_the_client_was_given_is_trusted() {
    let (url, requests) = https_server().await;
    let client = Client::builder()
        .access_token("pat-na1-tls")
        .base_url(&url)
        .add_root_certificate(CA)
        .build()
        .unwrap();
    let answer = ping().send(&client).await.unwrap();
    assert_eq!(answer, serde_json::json!({"ok": true}));
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}

#[test]
fn a_root_that_is_not_pem_fails_the_build() {
    let result = Client::builder()
        .access_token("pat-na1-tls")
        .add_root_certificate("not a certificate")
        .build();
    // No PEM block at all reads as no certificate; a broken one is an error.
    let broken = Client::builder()
        .access_token("pat-na1-tls")
        .add_root_certificate("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n")
        .build();
    assert!(result.is_ok());
    assert!(matches!(broken, Err(Error::Config(_))), "{broken:?}");
}
