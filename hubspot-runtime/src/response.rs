//! What a success answer becomes: JSON decoded into a model, or the bytes as they came for the
//! few answers HubSpot does not send as JSON (a HubDB table exported as CSV or XLS, a plain-text
//! list of IP ranges).

use std::fmt;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::executor::Answer;

/// A success body kept as bytes, with the content type the server named. It is bounded like
/// every response (the client's `max_response_bytes`).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Raw {
    /// The `Content-Type` the server sent, if any (the server's text, bounded).
    pub content_type: Option<String>,
    /// The body.
    pub bytes: Bytes,
}

impl Raw {
    /// The body as UTF-8 text.
    ///
    /// # Errors
    /// [`Error::Decode`] when the body is not UTF-8.
    pub fn text(&self) -> Result<&str, Error> {
        std::str::from_utf8(&self.bytes).map_err(|error| Error::Decode {
            status: 200,
            path: String::new(),
            source: crate::error::DecodeError::new(
                format!("the body is not UTF-8: {error}"),
                0,
                0,
                self.content_type.clone(),
            ),
        })
    }
}

impl fmt::Debug for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The bytes are the account's data: their size says enough.
        f.debug_struct("Raw")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// How a success answer becomes a call's result: every `DeserializeOwned` model is decoded from
/// JSON; [`Raw`] keeps the bytes.
pub trait FromResponse: Sized + Send + 'static {
    #[doc(hidden)]
    fn from_answer(answer: AnswerBody<'_>) -> Result<Self, Error>;
}

/// A success answer as [`FromResponse`] sees it. Not public API.
#[doc(hidden)]
pub struct AnswerBody<'a> {
    answer: &'a Answer<'a>,
    ignore_body: bool,
}

impl<'a> AnswerBody<'a> {
    pub(crate) fn new(answer: &'a Answer<'a>, ignore_body: bool) -> Self {
        Self {
            answer,
            ignore_body,
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> FromResponse for T {
    fn from_answer(answer: AnswerBody<'_>) -> Result<Self, Error> {
        let response = &answer.answer.response;
        let body: &[u8] = if answer.ignore_body {
            b""
        } else {
            &response.body
        };
        crate::decode::decode(response.status, body, || {
            (answer.answer.redactor(), response.header("content-type"))
        })
    }
}

impl FromResponse for Raw {
    fn from_answer(answer: AnswerBody<'_>) -> Result<Self, Error> {
        let response = &answer.answer.response;
        Ok(Self {
            content_type: response
                .header("content-type")
                .map(|kind| crate::text::truncate(kind, 128).into_owned()),
            bytes: response.body.clone(),
        })
    }
}
