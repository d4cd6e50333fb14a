//! The path template: `"/crm/v3/objects/deals/<id>"` into literal and placeholder segments.

use syn::LitStr;

/// One piece of a template.
pub(crate) enum Segment {
    Literal(String),
    Param(String),
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
            let name = &after[..close];
            if name.is_empty() {
                return Err(error(
                    "empty placeholder `<>`: name the parameter, as in `<id>`".into(),
                ));
            }
            if !is_identifier(name) {
                return Err(error(format!(
                    "placeholder `<{name}>` is not a parameter name: use letters, digits and `_`"
                )));
            }
            segments.push(Segment::Param(name.to_owned()));
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
            Segment::Param(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
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
