use hubspot_crm::associations;
use hubspot_crm::models::DealId;

fn main() {
    let deal = DealId::from("2");
    let _ = associations::link("1", &deal);
}
