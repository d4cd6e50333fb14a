//! The search request, as a builder that enforces HubSpot's limits before anything is sent.

use hubspot_runtime::Error;
use serde::{Deserialize, Serialize};

/// At most this many filter groups (ORed).
pub const MAX_FILTER_GROUPS: usize = 5;
/// At most this many filters in one group (ANDed).
pub const MAX_FILTERS_PER_GROUP: usize = 6;
/// At most this many filters in all.
pub const MAX_FILTERS: usize = 18;
/// At most this many results per page.
pub const MAX_LIMIT: u32 = 200;
/// At most this many characters of free text.
pub const MAX_QUERY_CHARS: usize = 3000;
/// Search pages through at most this many results of one query.
pub const MAX_RESULTS: u64 = 10_000;
/// The property keyset paging sorts and filters by.
const KEYSET_PROPERTY: &str = "hs_object_id";

/// A CRM search. Build it with [`SearchRequest::builder`].
///
/// ```
/// use hubspot_models::{Direction, Filter, SearchRequest};
///
/// let search = SearchRequest::builder()
///     .filter(Filter::eq("dealstage", "closedwon"))
///     .filter(Filter::gte("amount", "1000"))
///     .or()
///     .filter(Filter::contains_token("dealname", "renewal*"))
///     .sort("amount", Direction::Descending)
///     .properties(["dealname", "amount"])
///     .limit(100)
///     .build()?;
/// assert_eq!(search.filter_groups().len(), 2);
/// # Ok::<(), hubspot_runtime::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    filter_groups: Vec<FilterGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sorts: Vec<Sort>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    query: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    properties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<String>,
}

impl SearchRequest {
    /// A builder for a search.
    pub fn builder() -> SearchBuilder {
        SearchBuilder::default()
    }

    /// The filter groups (ORed together).
    pub fn filter_groups(&self) -> &[FilterGroup] {
        &self.filter_groups
    }

    /// The page size, when set.
    pub fn limit(&self) -> Option<u32> {
        self.limit
    }

    /// The same search with another page size.
    #[doc(hidden)]
    pub fn with_limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// This search in keyset form: sorted by `hs_object_id` ascending, so that it can go on
    /// past the 10,000-result cap with [`SearchRequest::after_id`]. `None` when it sorts by
    /// another property, or when one more filter in each group would pass HubSpot's limits.
    #[doc(hidden)]
    pub fn keyset(&self) -> Option<Self> {
        let by_id = Sort {
            property_name: KEYSET_PROPERTY.into(),
            direction: Direction::Ascending,
        };
        let sorted_by_id = match self.sorts.as_slice() {
            [] => true,
            [sort] => *sort == by_id,
            _ => false,
        };
        let filters: usize = self.filter_groups.iter().map(|g| g.filters.len()).sum();
        let room = self
            .filter_groups
            .iter()
            .all(|g| g.filters.len() < MAX_FILTERS_PER_GROUP)
            && filters + self.filter_groups.len().max(1) <= MAX_FILTERS;
        (sorted_by_id && room).then(|| Self {
            sorts: vec![by_id],
            after: None,
            ..self.clone()
        })
    }

    /// The keyset search from the start again, for the records whose id is above `last`.
    #[doc(hidden)]
    pub fn after_id(&self, last: &str) -> Self {
        let above = Filter::gt(KEYSET_PROPERTY, last);
        let mut filter_groups = self.filter_groups.clone();
        if filter_groups.is_empty() {
            filter_groups.push(FilterGroup::default());
        }
        for group in &mut filter_groups {
            group.filters.push(above.clone());
        }
        Self {
            filter_groups,
            after: None,
            ..self.clone()
        }
    }

    /// The same search from cursor `after`.
    #[must_use]
    pub fn with_after(&self, after: impl Into<String>) -> Self {
        Self {
            after: Some(after.into()),
            ..self.clone()
        }
    }
}

/// Builds a [`SearchRequest`]; [`SearchBuilder::build`] checks HubSpot's limits.
#[derive(Debug, Clone, Default)]
pub struct SearchBuilder {
    request: SearchRequest,
    sorts: usize,
}

impl SearchBuilder {
    /// ANDs a filter into the current group.
    #[must_use]
    pub fn filter(mut self, filter: Filter) -> Self {
        if self.request.filter_groups.is_empty() {
            self.request.filter_groups.push(FilterGroup::default());
        }
        if let Some(group) = self.request.filter_groups.last_mut() {
            group.filters.push(filter);
        }
        self
    }

    /// Starts a new group: records match when every filter of any one group matches.
    #[must_use]
    pub fn or(mut self) -> Self {
        self.request.filter_groups.push(FilterGroup::default());
        self
    }

    /// Free text, matched against the object's default searchable properties.
    #[must_use]
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.request.query = Some(query.into());
        self
    }

    /// Sorts by one property (HubSpot applies one sort only).
    #[must_use]
    pub fn sort(mut self, property: impl Into<String>, direction: Direction) -> Self {
        self.sorts += 1;
        self.request.sorts = vec![Sort {
            property_name: property.into(),
            direction,
        }];
        self
    }

    /// The properties to return.
    #[must_use]
    pub fn properties<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.request.properties = names.into_iter().map(Into::into).collect();
        self
    }

    /// The page size (1 to 200).
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.request.limit = Some(limit);
        self
    }

    /// Starts from this cursor.
    #[must_use]
    pub fn after(mut self, after: impl Into<String>) -> Self {
        self.request.after = Some(after.into());
        self
    }

    /// Checks HubSpot's limits and returns the request.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] when a limit is passed: more than 5 groups, 6 filters in a group,
    /// 18 filters in all, more than one sort, a query over 3,000 characters, a limit outside
    /// 1..=200, or an empty group.
    pub fn build(self) -> Result<SearchRequest, Error> {
        let request = self.request;
        let invalid = |message: String| Err(Error::InvalidRequest(message));
        if request.filter_groups.len() > MAX_FILTER_GROUPS {
            return invalid(format!(
                "a search has at most {MAX_FILTER_GROUPS} filter groups, not {}",
                request.filter_groups.len()
            ));
        }
        if let Some(group) = request
            .filter_groups
            .iter()
            .find(|g| g.filters.len() > MAX_FILTERS_PER_GROUP)
        {
            return invalid(format!(
                "a filter group has at most {MAX_FILTERS_PER_GROUP} filters, not {}",
                group.filters.len()
            ));
        }
        if request.filter_groups.iter().any(|g| g.filters.is_empty()) {
            return invalid("a filter group is empty: call filter() after or()".into());
        }
        let filters: usize = request.filter_groups.iter().map(|g| g.filters.len()).sum();
        if filters > MAX_FILTERS {
            return invalid(format!(
                "a search has at most {MAX_FILTERS} filters in all, not {filters}"
            ));
        }
        if self.sorts > 1 {
            return invalid("HubSpot applies one sort only: call sort() once".into());
        }
        if let Some(query) = &request.query
            && query.chars().count() > MAX_QUERY_CHARS
        {
            return invalid(format!(
                "a search query has at most {MAX_QUERY_CHARS} characters"
            ));
        }
        if let Some(limit) = request.limit
            && !(1..=MAX_LIMIT).contains(&limit)
        {
            return invalid(format!("a search limit is 1 to {MAX_LIMIT}, not {limit}"));
        }
        Ok(request)
    }
}

/// Filters ANDed together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterGroup {
    /// The filters.
    pub filters: Vec<Filter>,
}

/// One condition on a property. `associations.contact` filters by an associated record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    /// The property.
    pub property_name: String,
    /// The comparison.
    pub operator: Operator,
    /// The value compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The upper bound of `BETWEEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_value: Option<String>,
    /// The values of `IN` and `NOT_IN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

/// A filter's comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Operator {
    /// Equal.
    Eq,
    /// Not equal.
    Neq,
    /// Less than.
    Lt,
    /// Less than or equal.
    Lte,
    /// Greater than.
    Gt,
    /// Greater than or equal.
    Gte,
    /// Within `value..=high_value`.
    Between,
    /// One of `values` (lowercase for strings).
    In,
    /// None of `values`.
    NotIn,
    /// Has a value.
    HasProperty,
    /// Has no value.
    NotHasProperty,
    /// Contains the token (`*` wildcards allowed).
    ContainsToken,
    /// Does not contain the token.
    NotContainsToken,
}

impl Filter {
    fn new(property: impl Into<String>, operator: Operator) -> Self {
        Self {
            property_name: property.into(),
            operator,
            value: None,
            high_value: None,
            values: None,
        }
    }

    fn with_value(
        property: impl Into<String>,
        operator: Operator,
        value: impl Into<String>,
    ) -> Self {
        Self {
            value: Some(value.into()),
            ..Self::new(property, operator)
        }
    }

    fn with_values<S: Into<String>>(
        property: impl Into<String>,
        operator: Operator,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            values: Some(values.into_iter().map(Into::into).collect()),
            ..Self::new(property, operator)
        }
    }

    /// `property == value`.
    pub fn eq(property: impl Into<String>, value: impl Into<String>) -> Self {
        Self::with_value(property, Operator::Eq, value)
    }

    /// `property != value`.
    pub fn neq(property: impl Into<String>, value: impl Into<String>) -> Self {
        Self::with_value(property, Operator::Neq, value)
    }

    /// `property < value`.
    pub fn lt(property: impl Into<String>, value: impl Into<String>) -> Self {
        Self::with_value(property, Operator::Lt, value)
    }

    /// `property <= value`.
    pub fn lte(property: impl Into<String>, value: impl Into<String>) -> Self {
        Self::with_value(property, Operator::Lte, value)
    }

    /// `property > value`.
    pub fn gt(property: impl Into<String>, value: impl Into<String>) -> Self {
        Self::with_value(property, Operator::Gt, value)
    }

    /// `property >= value`.
    pub fn gte(property: impl Into<String>, value: impl Into<String>) -> Self {
        Self::with_value(property, Operator::Gte, value)
    }

    /// `low <= property <= high`.
    pub fn between(
        property: impl Into<String>,
        low: impl Into<String>,
        high: impl Into<String>,
    ) -> Self {
        Self {
            high_value: Some(high.into()),
            ..Self::with_value(property, Operator::Between, low)
        }
    }

    /// `property` is one of `values` (HubSpot wants string values lowercase).
    pub fn is_in<S: Into<String>>(
        property: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        Self::with_values(property, Operator::In, values)
    }

    /// `property` is none of `values`.
    pub fn not_in<S: Into<String>>(
        property: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        Self::with_values(property, Operator::NotIn, values)
    }

    /// `property` has a value.
    pub fn has_property(property: impl Into<String>) -> Self {
        Self::new(property, Operator::HasProperty)
    }

    /// `property` has no value.
    pub fn not_has_property(property: impl Into<String>) -> Self {
        Self::new(property, Operator::NotHasProperty)
    }

    /// `property` contains the token (`*` wildcards allowed).
    pub fn contains_token(property: impl Into<String>, token: impl Into<String>) -> Self {
        Self::with_value(property, Operator::ContainsToken, token)
    }

    /// `property` does not contain the token.
    pub fn not_contains_token(property: impl Into<String>, token: impl Into<String>) -> Self {
        Self::with_value(property, Operator::NotContainsToken, token)
    }
}

/// A sort rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sort {
    /// The property.
    pub property_name: String,
    /// The direction.
    pub direction: Direction,
}

/// A sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Direction {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}
