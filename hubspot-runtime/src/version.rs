//! HubSpot's dated API versions: which one a call uses, and where in its path it goes.

use std::borrow::Cow;
use std::fmt::{self, Display};

use crate::error::Error;

/// A dated version of HubSpot's API, such as `2026-03`: a path segment of every dated
/// endpoint (`/crm/objects/2026-03/deals/{id}`), never a header.
///
/// HubSpot ships one every March and September; each is supported for 18 months. Choose it per
/// client ([`ClientBuilder::api_version`](crate::ClientBuilder::api_version)) or per request
/// ([`Request::api_version`](crate::Request::api_version)).
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::ApiVersion;
///
/// assert_eq!(ApiVersion::default(), ApiVersion::V2026_03);
/// assert_eq!(ApiVersion::parse("2026-09-beta")?.as_str(), "2026-09-beta");
/// assert!(ApiVersion::parse("v3").is_err());
/// # Ok::<(), hubspot_crm::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiVersion(Cow<'static, str>);

impl ApiVersion {
    /// `2026-03`, generally available since 2026-03-30: the default.
    pub const V2026_03: Self = Self(Cow::Borrowed("2026-03"));
    /// `2026-09`, shipped in September 2026: what HubSpot's reference calls "latest".
    pub const V2026_09: Self = Self(Cow::Borrowed("2026-09"));
    /// `2026-09-beta`: operations on their way into a later version.
    pub const V2026_09_BETA: Self = Self(Cow::Borrowed("2026-09-beta"));
    /// `2027-03-beta`: what 2027-03 is to bring (goal targets' merge and GDPR delete, lead
    /// scoring, payment links, webhooks journal, forecasts).
    pub const V2027_03_BETA: Self = Self(Cow::Borrowed("2027-03-beta"));

    /// A version from its name: `YYYY-MM`, or `YYYY-MM-beta`.
    ///
    /// # Errors
    /// [`Error::Config`] for anything else (a legacy `v3` is not a dated version).
    pub fn parse(name: &str) -> Result<Self, Error> {
        if is_dated(name) {
            Ok(Self(Cow::Owned(name.to_owned())))
        } else {
            Err(Error::Config(format!(
                "{:?} is not a dated API version: expected `YYYY-MM` or `YYYY-MM-beta`, such as `2026-03`",
                crate::text::truncate(name, 40)
            )))
        }
    }

    /// The version as it appears in paths.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for ApiVersion {
    fn default() -> Self {
        Self::V2026_03
    }
}

impl Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `name` is `YYYY-MM` or `YYYY-MM-beta`, with a month from 01 to 12.
pub(crate) fn is_dated(name: &str) -> bool {
    let date = name.strip_suffix("-beta").unwrap_or(name);
    let bytes = date.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
        && (1..=12).contains(&date[5..].parse::<u8>().unwrap_or(0))
}

/// Where a dated endpoint's version sits in its encoded path, and which versions have this
/// operation with the same path shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VersionSlot {
    /// The byte offset of the version in the path.
    pub(crate) at: usize,
    /// The length of the version now in the path.
    pub(crate) len: usize,
    /// Every version with this operation, the declared (default-path) one first.
    pub(crate) available: &'static [&'static str],
}

impl VersionSlot {
    /// Puts `version` into `path`, or refuses when the operation does not exist in it.
    pub(crate) fn apply(
        &mut self,
        path: &mut String,
        version: &ApiVersion,
        template: &'static str,
    ) -> Result<(), Error> {
        if !self.available.contains(&version.as_str()) {
            return Err(Error::UnsupportedVersion {
                template,
                version: version.clone(),
                available: self.available,
            });
        }
        self.put(path, version.as_str());
        Ok(())
    }

    /// Puts `version` into `path` where the operation has it, else the nearest version that
    /// has it: the earliest later one (a stable one before a beta), or failing that the latest
    /// earlier one. What a client on the default version sends.
    pub(crate) fn apply_or_nearest(&mut self, path: &mut String, version: &ApiVersion) {
        let version = version.as_str();
        // The version itself, then later before earlier, stable before beta; then the nearest
        // on its side.
        let rank = |v: &str| (v != version, v < version, v.ends_with("-beta"));
        let nearest = self.available.iter().copied().min_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| if *a > version { a.cmp(b) } else { b.cmp(a) })
        });
        if let Some(nearest) = nearest {
            self.put(path, nearest);
        }
    }

    fn put(&mut self, path: &mut String, version: &str) {
        path.replace_range(self.at..self.at + self.len, version);
        self.len = version.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names_are_year_month_with_an_optional_beta() {
        for good in ["2026-03", "2026-09", "2026-09-beta", "2027-12"] {
            assert!(is_dated(good), "{good}");
        }
        for bad in [
            "v3",
            "2026-3",
            "2026-13",
            "2026-00",
            "2026_03",
            "2026-03-rc",
            "",
            "20260-03",
        ] {
            assert!(!is_dated(bad), "{bad}");
        }
    }

    #[test]
    fn unpinned_an_operation_the_version_lacks_takes_the_nearest_later_stable_then_beta() {
        let nearest = |available: &'static [&'static str]| {
            let mut path = format!("/crm/lists/{}/1", available[0]);
            let mut slot = VersionSlot {
                at: 11,
                len: available[0].len(),
                available,
            };
            slot.apply_or_nearest(&mut path, &ApiVersion::V2026_03);
            path
        };
        assert_eq!(nearest(&["2026-03", "2026-09"]), "/crm/lists/2026-03/1");
        assert_eq!(
            nearest(&["2027-03-beta", "2026-09", "2026-09-beta", "2027-03"]),
            "/crm/lists/2026-09/1"
        );
        assert_eq!(
            nearest(&["2027-03-beta", "2026-09-beta"]),
            "/crm/lists/2026-09-beta/1"
        );
        assert_eq!(nearest(&["2026-09", "2025-09"]), "/crm/lists/2026-09/1");
        assert_eq!(nearest(&["2025-09", "2025-03"]), "/crm/lists/2025-09/1");
    }

    #[test]
    fn a_slot_swaps_the_version_in_place_and_refuses_one_without_the_operation() {
        let mut path = "/crm/objects/2026-03/deals/1".to_owned();
        let mut slot = VersionSlot {
            at: 13,
            len: 7,
            available: &["2026-03", "2026-09-beta"],
        };
        let beta = ApiVersion::parse("2026-09-beta").unwrap();
        slot.apply(&mut path, &beta, "t").unwrap();
        assert_eq!(path, "/crm/objects/2026-09-beta/deals/1");
        slot.apply(&mut path, &ApiVersion::V2026_03, "t").unwrap();
        assert_eq!(path, "/crm/objects/2026-03/deals/1");
        let refused = slot.apply(&mut path, &ApiVersion::V2026_09, "/t");
        let Err(Error::UnsupportedVersion {
            version, available, ..
        }) = refused
        else {
            panic!("{refused:?}");
        };
        assert_eq!((version.as_str(), available.len()), ("2026-09", 2));
        assert_eq!(path, "/crm/objects/2026-03/deals/1");
    }
}
