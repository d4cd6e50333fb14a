//! Form submissions: data sent to a HubSpot form from your own site or backend, as if a visitor
//! had filled it in. They go to the forms host (`https://api.hsforms.com`, or
//! [`ClientBuilder::forms_base_url`](crate::ClientBuilder::forms_base_url)), not the API's, and
//! are in no OpenAPI spec of HubSpot's: declared here by hand.
//!
//! ```no_run
//! use hubspot_crm::forms::{self, Submission, SubmissionContext};
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! let submission = Submission::new()
//!     .field("0-1", "email", "ada@example.com")
//!     .field("0-1", "firstname", "Ada")
//!     .context(SubmissionContext::new().page_uri("https://example.com/signup"));
//! let answer = forms::secure_submit("123456", "a1b2c3d4-form-guid", &submission).await?;
//! println!("{:?}", answer.inline_message);
//! # Ok(()) }
//! ```
//!
//! [`submit`] sends no credentials: HubSpot accepts only the fields the form defines, and
//! limits it to 50 requests per 10 seconds. [`secure_submit`] sends the client's token (scope
//! `forms`), accepts any property usable in forms, and has a higher limit; HubSpot recommends it
//! for server-side code. Neither is retried once it may have reached HubSpot: a submission
//! is a write.

use serde::{Deserialize, Serialize};

/// A form submission: the fields, and where it came from.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Submission {
    /// The fields, at most 1,000.
    pub fields: Vec<SubmissionField>,
    /// When it was submitted, in milliseconds since the Unix epoch (as text); HubSpot refuses
    /// a time more than a month old. Unset, it is when HubSpot receives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// The page and visitor it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<SubmissionContext>,
    /// The visitor's consent to processing and communications (GDPR).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_consent_options: Option<LegalConsentOptions>,
}

impl Submission {
    /// A submission without fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the field `name` of the object type `object_type_id` (`"0-1"` for a contact
    /// property, `"0-2"` for a company's).
    #[must_use]
    pub fn field(
        mut self,
        object_type_id: impl Into<String>,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.fields.push(SubmissionField {
            object_type_id: object_type_id.into(),
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Backdates the submission to `millis` since the Unix epoch.
    #[must_use]
    pub fn submitted_at(mut self, millis: u64) -> Self {
        self.submitted_at = Some(millis.to_string());
        self
    }

    /// Says where the submission came from.
    #[must_use]
    pub fn context(mut self, context: SubmissionContext) -> Self {
        self.context = Some(context);
        self
    }

    /// Records the visitor's consent.
    #[must_use]
    pub fn legal_consent(mut self, options: LegalConsentOptions) -> Self {
        self.legal_consent_options = Some(options);
        self
    }
}

/// One field of a submission.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SubmissionField {
    /// The object type the property belongs to (`"0-1"`: contacts).
    pub object_type_id: String,
    /// The property's internal name.
    pub name: String,
    /// The value, as text (several checkbox values joined with `;`).
    pub value: String,
}

/// Where a submission came from. Every field is optional.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SubmissionContext {
    /// The visitor's `hubspotutk` cookie, which ties the submission to their page views.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hutk: Option<String>,
    /// The page's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_uri: Option<String>,
    /// The page's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_name: Option<String>,
    /// The id of the HubSpot page it was sent from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_id: Option<String>,
    /// The visitor's IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// A Salesforce campaign to add the contact to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sfdc_campaign_id: Option<String>,
    /// A GoToWebinar webinar to register the contact for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go_to_webinar_webinar_key: Option<String>,
}

impl SubmissionContext {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the visitor's `hubspotutk` cookie.
    #[must_use]
    pub fn hutk(mut self, hutk: impl Into<String>) -> Self {
        self.hutk = Some(hutk.into());
        self
    }

    /// Sets the page's URL.
    #[must_use]
    pub fn page_uri(mut self, uri: impl Into<String>) -> Self {
        self.page_uri = Some(uri.into());
        self
    }

    /// Sets the page's title.
    #[must_use]
    pub fn page_name(mut self, name: impl Into<String>) -> Self {
        self.page_name = Some(name.into());
        self
    }

    /// Sets the visitor's IP address.
    #[must_use]
    pub fn ip_address(mut self, ip: impl Into<String>) -> Self {
        self.ip_address = Some(ip.into());
        self
    }
}

/// The visitor's consent: to processing and communications, or a legitimate interest instead.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum LegalConsentOptions {
    /// Consent the visitor gave.
    Consent(Consent),
    /// Processing on the grounds of a legitimate interest.
    LegitimateInterest(LegitimateInterest),
}

/// Consent to processing and, per subscription type, to communications.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Consent {
    /// Whether the visitor agreed to the processing of their data.
    pub consent_to_process: bool,
    /// The consent text they were shown.
    pub text: String,
    /// Their choice for each subscription type.
    pub communications: Vec<Communication>,
}

impl Consent {
    /// Consent to processing (or not), with the text shown, and no communications yet.
    pub fn new(consent_to_process: bool, text: impl Into<String>) -> Self {
        Self {
            consent_to_process,
            text: text.into(),
            communications: Vec::new(),
        }
    }

    /// Adds the visitor's choice for the subscription type `subscription_type_id`.
    #[must_use]
    pub fn communication(
        mut self,
        subscription_type_id: i64,
        value: bool,
        text: impl Into<String>,
    ) -> Self {
        self.communications.push(Communication {
            value,
            subscription_type_id,
            text: text.into(),
        });
        self
    }
}

/// A visitor's choice for one subscription type.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Communication {
    /// Whether they agreed.
    pub value: bool,
    /// The subscription type.
    pub subscription_type_id: i64,
    /// The checkbox's text.
    pub text: String,
}

/// Processing on the grounds of a legitimate interest, for one subscription type.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LegitimateInterest {
    /// Whether the interest applies.
    pub value: bool,
    /// The subscription type.
    pub subscription_type_id: i64,
    /// `"LEGITIMATE_INTEREST_PQL"`, `"LEGITIMATE_INTEREST_CLIENT"`, `"PERFORMANCE_OF_CONTRACT"`,
    /// `"CONSENT_WITH_NOTICE"`, `"NON_GDPR"`, `"PROCESS_AND_STORE"` or
    /// `"LEGITIMATE_INTEREST_OTHER"`.
    pub legal_basis: String,
    /// The notice the visitor was shown.
    pub text: String,
}

impl LegitimateInterest {
    /// A legitimate interest for `subscription_type_id` on `legal_basis`, with the notice shown.
    pub fn new(
        subscription_type_id: i64,
        legal_basis: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Self {
            value: true,
            subscription_type_id,
            legal_basis: legal_basis.into(),
            text: text.into(),
        }
    }
}

/// What HubSpot answers a submission: the form's thank-you message, or where to send the
/// visitor.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SubmissionAnswer {
    /// The message to show the visitor.
    pub inline_message: Option<String>,
    /// The page to send the visitor to.
    pub redirect_uri: Option<String>,
}

/// Submits to the form `form_guid` of the account `portal_id`, without credentials.
#[crate::hubspot_endpoint(
    method = "POST",
    path = "/submissions/v3/integration/submit/<portal_id>/<form_guid>",
    host = "forms",
    auth = "none"
)]
pub fn submit(
    portal_id: &str,
    form_guid: &str,
    #[body] submission: &Submission,
) -> SubmissionAnswer;

/// Submits to the form `form_guid` of the account `portal_id` with the client's token (scope
/// `forms`).
#[crate::hubspot_endpoint(
    method = "POST",
    path = "/submissions/v3/integration/secure/submit/<portal_id>/<form_guid>",
    host = "forms"
)]
pub fn secure_submit(
    portal_id: &str,
    form_guid: &str,
    #[body] submission: &Submission,
) -> SubmissionAnswer;
