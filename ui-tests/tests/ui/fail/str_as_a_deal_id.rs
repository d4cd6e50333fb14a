use hubspot_crm::deals;

fn main() {
    // The typed id is made from the string: `&"123".into()`.
    let _ = deals::get("123");
}
