//! Which TLS backend reqwest gets, and the extra roots a client trusts. With more than one TLS
//! feature on, `native-tls` wins over `rustls` (aws-lc-rs), which wins over `rustls-ring` (the
//! default), so that a TLS feature asked for by name is the one used.

use crate::error::Error;

/// Installs ring as the process's rustls crypto provider, unless one is installed already. For
/// an app that also makes reqwest clients of its own with no TLS feature: under the default
/// `rustls-ring`, reqwest is built with no provider, and building such a client panics while
/// none is installed. Call it first thing in `main`. The SDK's own clients never need it, and
/// under `rustls` or `native-tls` (whose reqwest has a provider of its own) it does nothing.
pub fn install_crypto_provider() {
    #[cfg(all(
        feature = "rustls-ring",
        not(any(feature = "rustls", feature = "native-tls"))
    ))]
    {
        // Installed already (by the app, or an earlier call): that one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Sets up `builder`'s TLS, trusting the platform's roots and the PEM certificates in `roots`.
/// The ring backend is handed to reqwest as a finished config, so no process-wide crypto
/// provider is installed (a second install elsewhere could fail).
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
    roots: &[Vec<u8>],
) -> Result<reqwest::ClientBuilder, Error> {
    #[cfg(feature = "native-tls")]
    {
        with_reqwest_roots(builder.tls_backend_native(), roots)
    }
    #[cfg(all(feature = "rustls", not(feature = "native-tls")))]
    {
        with_reqwest_roots(builder.tls_backend_rustls(), roots)
    }
    #[cfg(all(
        feature = "rustls-ring",
        not(any(feature = "rustls", feature = "native-tls"))
    ))]
    {
        Ok(builder.tls_backend_preconfigured(ring::config(roots)?))
    }
    #[cfg(not(any(feature = "rustls-ring", feature = "rustls", feature = "native-tls")))]
    {
        // No TLS: only plain `http://` to loopback can be reached, and there is nothing to trust.
        let _ = roots;
        Ok(builder)
    }
}

#[cfg(any(feature = "native-tls", feature = "rustls"))]
fn with_reqwest_roots(
    mut builder: reqwest::ClientBuilder,
    roots: &[Vec<u8>],
) -> Result<reqwest::ClientBuilder, Error> {
    for pem in roots {
        for certificate in reqwest::Certificate::from_pem_bundle(pem).map_err(bad_root)? {
            builder = builder.add_root_certificate(certificate);
        }
    }
    Ok(builder)
}

#[cfg(any(feature = "rustls-ring", feature = "rustls", feature = "native-tls"))]
fn bad_root(error: impl std::fmt::Display) -> Error {
    Error::Config(format!(
        "a root certificate could not be read as PEM: {error}"
    ))
}

#[cfg(all(
    feature = "rustls-ring",
    not(any(feature = "rustls", feature = "native-tls"))
))]
mod ring {
    use std::sync::Arc;

    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    use rustls_platform_verifier::Verifier;

    use super::bad_root;
    use crate::error::Error;

    /// rustls on ring, verifying with the platform's roots and `roots`.
    pub(super) fn config(roots: &[Vec<u8>]) -> Result<rustls::ClientConfig, Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut extra = Vec::new();
        for pem in roots {
            for certificate in CertificateDer::pem_slice_iter(pem) {
                extra.push(certificate.map_err(bad_root)?);
            }
        }
        let verifier = Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|e| Error::Config(format!("could not load the platform's roots: {e}")))?;
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Config(format!("could not set up TLS: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        // As reqwest sets it for its own configs.
        config.alpn_protocols = vec![
            #[cfg(feature = "http2")]
            b"h2".to_vec(),
            b"http/1.1".to_vec(),
        ];
        Ok(config)
    }
}

#[cfg(all(
    test,
    feature = "rustls-ring",
    not(any(feature = "rustls", feature = "native-tls"))
))]
mod tests {
    /// An app's own bare reqwest client builds once the provider is installed, and installing it
    /// again changes nothing (no other test of this binary installs one).
    #[test]
    fn an_apps_own_reqwest_client_builds_once_installed() {
        super::install_crypto_provider();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        assert!(reqwest::Client::builder().build().is_ok());
        super::install_crypto_provider();
    }
}
