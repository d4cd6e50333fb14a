//! The per-API report: operations in the spec, emitted (generated or declared by hand), and
//! skipped with the reason.

use std::fmt;

use crate::plan::{ApiPlan, Outcome};

/// One API's line of the report.
pub struct ApiReport {
    /// The API's folder name in the collection.
    pub api: String,
    /// Its family (`CRM`, `Auth`).
    pub family: String,
    /// The module it is generated into.
    pub module: String,
    /// Operations looked at (2026-03, and legacy ones without a dated twin).
    pub operations: usize,
    /// Generated functions.
    pub generated: usize,
    /// Declared by hand (the curated modules and the object table): where, per operation.
    pub by_hand: Vec<String>,
    /// Skipped: (method, path, version, reason).
    pub skipped: Vec<(String, String, String, String)>,
    /// Generated under a legacy path.
    pub legacy: usize,
}

/// The report of one run.
pub struct Report {
    /// One entry per API, in the order they were planned.
    pub apis: Vec<ApiReport>,
}

impl Report {
    pub(crate) fn of(plans: &[ApiPlan<'_>]) -> Self {
        let apis = plans
            .iter()
            .map(|plan| {
                let mut entry = ApiReport {
                    api: plan.api.clone(),
                    family: plan.family.clone(),
                    module: plan.module.clone(),
                    operations: plan.outcomes.len(),
                    generated: 0,
                    by_hand: Vec::new(),
                    skipped: Vec::new(),
                    legacy: plan
                        .endpoints
                        .iter()
                        .filter(|e| e.versions.is_empty())
                        .count(),
                };
                for (method, path, version, outcome) in &plan.outcomes {
                    match outcome {
                        Outcome::Generated => entry.generated += 1,
                        Outcome::ByHand(at) => entry.by_hand.push(at.clone()),
                        Outcome::Skipped(why)
                        | Outcome::Collides(why)
                        | Outcome::LacksVersions(why) => entry.skipped.push((
                            method.clone(),
                            path.clone(),
                            version.clone(),
                            why.clone(),
                        )),
                    }
                }
                entry
            })
            .collect();
        Self { apis }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| API | module | ops | generated | by hand | skipped | legacy paths |\n|---|---|---|---|---|---|---|"
        )?;
        let mut totals = [0; 5];
        for api in &self.apis {
            writeln!(
                f,
                "| {} / {} | `{}` | {} | {} | {} | {} | {} |",
                api.family,
                api.api,
                api.module,
                api.operations,
                api.generated,
                api.by_hand.len(),
                api.skipped.len(),
                api.legacy
            )?;
            for (i, n) in [
                api.operations,
                api.generated,
                api.by_hand.len(),
                api.skipped.len(),
                api.legacy,
            ]
            .into_iter()
            .enumerate()
            {
                totals[i] += n;
            }
        }
        writeln!(
            f,
            "| all | | {} | {} | {} | {} | {} |",
            totals[0], totals[1], totals[2], totals[3], totals[4]
        )?;
        writeln!(f, "\nDeclared by hand, where:")?;
        for api in self.apis.iter().filter(|a| !a.by_hand.is_empty()) {
            let mut places: Vec<&str> = api
                .by_hand
                .iter()
                .map(|p| p.split(", group").next().unwrap_or(p))
                .collect();
            places.dedup();
            writeln!(f, "- {}: {}", api.api, places.join("; "))?;
        }
        writeln!(f, "\nSkipped, with the reason:")?;
        for api in &self.apis {
            for (method, path, version, why) in &api.skipped {
                writeln!(f, "- {} `{method} {path}` ({version}): {why}", api.api)?;
            }
        }
        Ok(())
    }
}
