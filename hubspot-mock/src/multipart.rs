//! Reading a multipart body part by part (imports, file uploads), a malformed body answered
//! with HubSpot's validation error.

use axum::extract::Multipart;
use axum::extract::multipart::Field;

use crate::error::{ApiError, ApiResult};

/// The next part: its name, its file name if it has one, and the part to read.
pub(crate) async fn next_part(
    multipart: &mut Multipart,
) -> ApiResult<Option<(String, Option<String>, Field<'_>)>> {
    let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::multipart(None, e))?
    else {
        return Ok(None);
    };
    let name = field.name().unwrap_or_default().to_owned();
    let file_name = field.file_name().map(str::to_owned);
    Ok(Some((name, file_name, field)))
}
