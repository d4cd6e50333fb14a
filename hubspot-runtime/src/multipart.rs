//! `multipart/form-data` bodies whose parts are built again for each attempt: bytes are kept, a
//! file is opened and read again, so a retried import sends the same file. A part read from a
//! stream can be read once only: a request holding one is sent once, never retried.

use std::fmt::Write as _;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Mutex;

use bytes::{BufMut, Bytes, BytesMut};
use serde::Serialize;

use crate::error::Error;

/// The largest file part read (512 MiB: HubSpot refuses larger imports anyway).
pub const MAX_PART_BYTES: u64 = 512 * 1024 * 1024;

/// Where a part's content comes from.
enum Source {
    Bytes(Bytes),
    File(PathBuf),
    /// Read on the first attempt; there is no second.
    Once(Mutex<Option<Box<dyn Read + Send>>>),
}

struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<&'static str>,
    source: Source,
}

/// A `multipart/form-data` body.
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::Multipart;
///
/// #[derive(serde::Serialize)]
/// struct ImportRequest { name: &'static str }
///
/// let body = Multipart::new()
///     .json("importRequest", &ImportRequest { name: "contacts" })?
///     .bytes("files", "contacts.csv", "text/csv", "email\na@example.com\n");
/// assert!(body.is_replayable());
/// # Ok::<(), hubspot_crm::Error>(())
/// ```
#[derive(Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Part contents can be personal data; their names cannot.
        f.debug_list()
            .entries(self.parts.iter().map(|p| &p.name))
            .finish()
    }
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text field.
    #[must_use]
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: None,
            content_type: None,
            source: Source::Bytes(Bytes::from(value.into())),
        });
        self
    }

    /// A field holding `value` as JSON text, sent with part type `application/json` (HubSpot's
    /// `importRequest` and files `options`).
    ///
    /// # Errors
    /// [`Error::Encode`] when `value` does not serialize.
    pub fn json<T: Serialize + ?Sized>(
        mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Self, Error> {
        let json = serde_json::to_vec(value).map_err(Error::Encode)?;
        self.parts.push(Part {
            name: name.into(),
            filename: None,
            content_type: Some("application/json"),
            source: Source::Bytes(Bytes::from(json)),
        });
        Ok(self)
    }

    /// A file part from memory.
    #[must_use]
    pub fn bytes(
        mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: &'static str,
        content: impl Into<Bytes>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(content_type),
            source: Source::Bytes(content.into()),
        });
        self
    }

    /// A file part read from `path` on each attempt (at most [`MAX_PART_BYTES`]).
    #[must_use]
    pub fn file(
        mut self,
        name: impl Into<String>,
        path: impl Into<PathBuf>,
        content_type: &'static str,
    ) -> Self {
        let path = path.into();
        let filename = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename),
            content_type: Some(content_type),
            source: Source::File(path),
        });
        self
    }

    /// A file part read once from `reader`: the request is then sent once, never retried.
    #[must_use]
    pub fn reader(
        mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: &'static str,
        reader: impl Read + Send + 'static,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(content_type),
            source: Source::Once(Mutex::new(Some(Box::new(reader)))),
        });
        self
    }

    /// Whether every part can be built again, so that a failed attempt can be retried.
    pub fn is_replayable(&self) -> bool {
        !self
            .parts
            .iter()
            .any(|p| matches!(p.source, Source::Once(_)))
    }

    /// The body of one attempt, between `boundary` lines.
    pub(crate) fn encode(&self, boundary: &str) -> Result<Bytes, Error> {
        let mut out = BytesMut::new();
        for part in &self.parts {
            let mut head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                quoted(&part.name)
            );
            if let Some(filename) = &part.filename {
                let _ = write!(head, "; filename=\"{}\"", quoted(filename));
            }
            head.push_str("\r\n");
            if let Some(kind) = part.content_type {
                let _ = write!(head, "Content-Type: {kind}\r\n");
            }
            head.push_str("\r\n");
            out.put_slice(head.as_bytes());
            match &part.source {
                Source::Bytes(bytes) => out.put_slice(bytes),
                Source::File(path) => {
                    let file = std::fs::File::open(path).map_err(|e| unreadable(&part.name, &e))?;
                    read_bounded(file, &part.name, &mut out)?;
                }
                Source::Once(reader) => {
                    let taken = reader.lock().ok().and_then(|mut r| r.take());
                    let Some(reader) = taken else {
                        return Err(Error::InvalidRequest(format!(
                            "multipart part `{}` was read from a stream already and cannot be sent again",
                            part.name
                        )));
                    };
                    read_bounded(reader, &part.name, &mut out)?;
                }
            }
            out.put_slice(b"\r\n");
        }
        out.put_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok(out.freeze())
    }
}

fn read_bounded(reader: impl Read, name: &str, out: &mut BytesMut) -> Result<(), Error> {
    let mut content = Vec::new();
    let read = reader
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut content)
        .map_err(|e| unreadable(name, &e))?;
    if read as u64 > MAX_PART_BYTES {
        return Err(Error::InvalidRequest(format!(
            "multipart part `{name}` is over {MAX_PART_BYTES} bytes; nothing was sent"
        )));
    }
    out.put_slice(&content);
    Ok(())
}

fn unreadable(name: &str, error: &std::io::Error) -> Error {
    Error::InvalidRequest(format!(
        "could not read multipart part `{name}` ({}); nothing was sent",
        error.kind()
    ))
}

/// A header parameter's text: quotes and line breaks escaped, as browsers send them.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_framed_and_a_file_is_read_again_for_each_attempt() {
        let dir = std::env::temp_dir().join(format!("hubspot-multipart-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.csv");
        std::fs::write(&path, "email\n").unwrap();
        let body = Multipart::new()
            .text("name", "n\"1")
            .file("files", &path, "text/csv");
        let first = body.encode("B").unwrap();
        assert_eq!(
            String::from_utf8_lossy(&first),
            "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nn\"1\r\n--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nemail\n\r\n--B--\r\n"
        );
        std::fs::write(&path, "email\nb@example.com\n").unwrap();
        assert!(String::from_utf8_lossy(&body.encode("B").unwrap()).contains("b@example.com"));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(body.encode("B"), Err(Error::InvalidRequest(m)) if m.contains("files")));
    }

    #[test]
    fn a_stream_is_sent_once() {
        let body = Multipart::new().reader("files", "x.csv", "text/csv", &b"abc"[..]);
        assert!(!body.is_replayable());
        assert!(body.encode("B").is_ok());
        assert!(body.encode("B").is_err());
    }
}
