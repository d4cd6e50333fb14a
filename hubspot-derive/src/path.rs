//! The path template: `"/crm/v3/objects/deals/<id>"` into literal and placeholder segments;
//! `<path..>` is a placeholder whose slashes stay slashes.

use syn::LitStr;

/// One piece of a template.
pub(crate) enum Segment {
    Literal(String),
    Param(String),
    /// `<name..>`: a file-system location whose `/` stay separators; it ends the path.
    Rest(String),
    /// The API version of a dated path, filled at send time.
    Version,
}

/// A parsed template, with the literal it came from for error spans.
pub(crate) struct PathTemplate {
    pub(crate) lit: LitStr,
    pub(crate) segments: Vec<Segment>,
}

impl PathTemplate {
    pub(crate) fn parse(lit: &LitStr) -> syn::Result<Self> {
        let text = lit.value();
        let error = |message: String| syn::Error::new(lit.span(), message);
        if !text.starts_with('/') {
            return Err(error(format!("path must start with `/`: \"/{text}\"")));
        }
        let mut segments = Vec::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find(['<', '>']) {
            if rest.as_bytes()[open] == b'>' {
                return Err(error("`>` without an opening `<` in the path".into()));
            }
            if open > 0 {
                segments.push(Segment::Literal(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('>')
                .ok_or_else(|| error(format!("unclosed placeholder `<{after}`: add `>`")))?;
            let placeholder = &after[..close];
            let (name, takes_rest) = match placeholder.strip_suffix("..") {
                Some(name) => (name, true),
                None => (placeholder, false),
            };
            if takes_rest && !after[close + 1..].is_empty() {
                return Err(error(format!(
                    "`<{placeholder}>` takes the rest of the path, so it must end it: move \
                     `{}` before it or drop the `..`",
                    &after[close + 1..]
                )));
            }
            if name.is_empty() {
                let example = if takes_rest { "<path..>" } else { "<id>" };
                return Err(error(format!(
                    "empty placeholder `<{placeholder}>`: name the parameter, as in `{example}`"
                )));
            }
            if !is_identifier(name) {
                return Err(error(format!(
                    "placeholder `<{name}>` is not a parameter name: use letters, digits and `_`"
                )));
            }
            segments.push(if takes_rest {
                Segment::Rest(name.to_owned())
            } else {
                Segment::Param(name.to_owned())
            });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            segments.push(Segment::Literal(rest.to_owned()));
        }
        if text.contains(['?', '#']) {
            return Err(error(
                "the path cannot hold `?` or `#`: declare query parameters with `#[query]`".into(),
            ));
        }
        Ok(Self {
            lit: lit.clone(),
            segments,
        })
    }

    pub(crate) fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Param(name) | Segment::Rest(name) => Some(name.as_str()),
            Segment::Literal(_) | Segment::Version => None,
        })
    }

    /// Marks the first whole path segment equal to `version` as the version slot; false when
    /// there is none.
    pub(crate) fn mark_version(&mut self, version: &str) -> bool {
        let needle = format!("/{version}");
        let count = self.segments.len();
        for i in 0..count {
            let Segment::Literal(text) = &self.segments[i] else {
                continue;
            };
            // A whole segment: followed by `/`, or by the end of the path.
            let found = text.match_indices(&needle).map(|(at, _)| at).find(|&at| {
                let end = at + needle.len();
                text[end..].starts_with('/') || (end == text.len() && i + 1 == count)
            });
            let Some(at) = found else { continue };
            let (before, after) = (text[..=at].to_owned(), text[at + needle.len()..].to_owned());
            let mut replacement = vec![Segment::Literal(before), Segment::Version];
            if !after.is_empty() {
                replacement.push(Segment::Literal(after));
            }
            self.segments.splice(i..=i, replacement);
            return true;
        }
        false
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}
