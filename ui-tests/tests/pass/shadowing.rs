//! Generated code must not depend on anything in scope at the call site.
#![deny(missing_docs)]
#![no_implicit_prelude]

/// A module that shadows the prelude names generated code could reach for.
pub mod shadowed {
    #![allow(dead_code, non_camel_case_types)]
    struct Result;
    struct Option;
    struct Box;
    struct String;
    struct Vec;
    struct Request;
    struct Method;
    mod core {}
    mod std {}
    mod serde {}

    /// The input.
    #[derive(::serde::Serialize)]
    pub struct Input {
        /// A property.
        pub name: ::std::string::String,
    }

    /// The output.
    #[derive(::serde::Deserialize)]
    pub struct Output {
        /// Its id.
        pub id: ::std::string::String,
    }

    /// Update something.
    #[::hubspot_crm::hubspot_endpoint(method = "PATCH", path = "/things/<id>")]
    pub fn update(id: &str, #[body] input: &Input, #[query] query: &Input) -> Output;
}

pub(crate) fn main() {
    let input = shadowed::Input {
        name: ::std::string::ToString::to_string("x"),
    };
    let request = shadowed::update("1", &input, &input);
    ::std::assert_eq!(request.path_and_query(), "/things/1?name=x");
}
