//! `hubspot-mock`: run the mock HubSpot server from the command line.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use hubspot_mock::{FaultRule, Limits, MockConfig, MockServer, OAuthConfig};

/// A local HubSpot-compatible CRM server with HubSpot's rate limits and fault injection.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// An accepted bearer token (repeatable).
    #[arg(long = "token", default_value = MockConfig::DEFAULT_TOKEN)]
    tokens: Vec<String>,
    /// An accepted developer API key, for the app-level APIs (repeatable).
    #[arg(long = "developer-key", default_value = MockConfig::DEFAULT_DEVELOPER_KEY)]
    developer_keys: Vec<String>,
    /// Accept any non-empty bearer token.
    #[arg(long)]
    any_token: bool,
    /// Requests allowed per rolling window, per token.
    #[arg(long, default_value_t = 100)]
    window_limit: u32,
    /// The rolling window in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    window_ms: u64,
    /// Search requests per second, per token.
    #[arg(long, default_value_t = 5)]
    search_per_second: u32,
    /// Requests per day, per token.
    #[arg(long, default_value_t = 250_000)]
    daily_limit: u32,
    /// Send `Retry-After` (seconds until the window frees a slot) on 429s.
    #[arg(long)]
    retry_after: bool,
    /// A fault rule as JSON, such as '{"path":"/crm/v3/objects/*","probability":0.1,"fault":{"kind":"drop"}}' (repeatable).
    #[arg(long = "fault")]
    faults: Vec<String>,
    /// Store any property name, as if every type defined it (HubSpot refuses undefined ones).
    #[arg(long)]
    lax_properties: bool,
    /// A transactional e-mail's `emailId` that single-send sends (repeatable; the default is
    /// `MockConfig::DEFAULT_EMAIL_ID`).
    #[arg(long = "transactional-email", default_value = "4242")]
    transactional_emails: Vec<i64>,

    /// Seed for random faults.
    #[arg(long, default_value_t = 0x5eed)]
    seed: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let mut faults = Vec::new();
    for text in &args.faults {
        match serde_json::from_str::<FaultRule>(text) {
            Ok(rule) => faults.push(rule),
            Err(error) => {
                eprintln!("hubspot-mock: bad --fault {text:?}: {error}");
                return ExitCode::from(2);
            }
        }
    }
    let config = MockConfig {
        tokens: if args.any_token {
            Vec::new()
        } else {
            args.tokens
        },
        developer_keys: args.developer_keys,
        limits: Limits {
            window_max: args.window_limit,
            window: Duration::from_millis(args.window_ms),
            search_per_second: args.search_per_second,
            daily: args.daily_limit,
        },
        retry_after_on_429: args.retry_after,
        faults,
        seed: args.seed,
        port: args.port,
        oauth: OAuthConfig::default(),
        strict_properties: !args.lax_properties,
        transactional_emails: args.transactional_emails,
    };
    let mut server = match MockServer::start(config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!(
                "hubspot-mock: cannot listen on 127.0.0.1:{}: {error}",
                args.port
            );
            return ExitCode::FAILURE;
        }
    };
    eprintln!("hubspot-mock listening on {}", server.base_url());
    tokio::select! {
        result = server.wait() => {
            if let Err(error) = result {
                eprintln!("hubspot-mock: {error}");
                return ExitCode::FAILURE;
            }
        }
        _ = tokio::signal::ctrl_c() => {}
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_lines_defaults_are_the_configurations() {
        let args = Args::parse_from(["hubspot-mock"]);
        assert_eq!(args.transactional_emails, [MockConfig::DEFAULT_EMAIL_ID]);
        assert_eq!(args.tokens, [MockConfig::DEFAULT_TOKEN]);
    }
}
