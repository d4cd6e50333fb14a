//! Whatever the API host answers (status, rate-limit and `Retry-After` headers, error bodies,
//! record bodies), up to three attempts of it: a call ends in a value or a typed error, the
//! token never shows, and a create is never reported unapplied after a 2xx.

use hubspot_crm::models::CreateInput;
use hubspot_crm::{Error, WriteOutcome, contacts};

use crate::fake::{Scripted, TOKEN, assert_hidden, block_on, client, pieces, response};

/// Fuzz target: the responses to one read and one create.
pub fn api_response(data: &[u8]) {
    let answers: Vec<_> = pieces(data, 3).into_iter().map(response).collect();
    let transport = Scripted::default();
    let client = client(transport.clone());

    transport.script(answers.clone());
    if let Err(error) = block_on(contacts::get("1001").send(&client)) {
        check(&error);
    }

    transport.script(answers.clone());
    let input = CreateInput::new().set("email", "fuzz@example.com");
    let created = block_on(contacts::create(&input).send(&client));
    let sent = transport.sent();
    if let Err(error) = created {
        check(&error);
        // A create is sent once unless nothing reached the server before.
        let reached = sent.len();
        if error.write_outcome() == WriteOutcome::NotApplied {
            assert!(
                answers
                    .iter()
                    .take(reached)
                    .all(|a| !(200..300).contains(&a.status)),
                "a 2xx answer was reported not applied: {error}"
            );
        }
    }
    // Never more attempts than the answers the script held, plus the refused connections met
    // once it ran out (at most the client's 3 attempts).
    assert!(
        sent.len() <= answers.len() + 3,
        "{} sent for {} answers: {:?}",
        sent.len(),
        answers.len(),
        sent.iter().map(|r| &r.url).collect::<Vec<_>>()
    );
}

fn check(error: &Error) {
    assert_hidden(&error.to_string(), &[TOKEN]);
    assert_hidden(&format!("{error:?}"), &[TOKEN]);
}
