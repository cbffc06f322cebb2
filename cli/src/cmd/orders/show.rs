//! `agentctl orders show ORDER_ID [--json]`

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use frontdesk::orders::{order_backend, Order};

use crate::context::Context;
use crate::output;

/// Show one order as the agent sees it, from the configured back end
///
/// Reads the built-in order store or the WooCommerce shop, per orders.backend, so it
/// also checks that the shop answers with the configured credentials. Exit status 1
/// when there is no such order.
///
/// Examples:
///   agentctl orders show 1042
///   agentctl orders show 1042 --json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The order id (the number the customer sees)
    order_id: String,
    /// Print the order as JSON
    #[arg(long)]
    json: bool,
}

impl ShowArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = ctx.pool(&config).await?;
        let backend = order_backend(&config.orders, pool)?;
        let order = backend
            .find(&self.order_id)
            .await
            .with_context(|| format!("looking up order {}", self.order_id))?;
        let Some(order) = order else {
            eprintln!(
                "no order {} in the {} back end",
                self.order_id,
                backend.name()
            );
            return Ok(ExitCode::FAILURE);
        };
        if self.json {
            output::print_json(&order)?;
        } else {
            print_order(&order);
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn print_order(order: &Order) {
    let dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".into());
    let mut table = output::table(&["order", &order.order_id]);
    for (field, value) in [
        ("email", order.email.clone()),
        ("status", order.status.clone()),
        ("total", format!("{} {}", order.total, order.currency)),
        ("created", order.created_at.to_rfc3339()),
        ("updated", order.updated_at.to_rfc3339()),
        ("carrier", dash(&order.carrier)),
        ("tracking number", dash(&order.tracking_number)),
        ("tracking url", dash(&order.tracking_url)),
    ] {
        table.add_row(vec![field.to_string(), value]);
    }
    println!("{table}");
    if !order.items.is_empty() {
        let mut items = output::table(&["sku", "name", "quantity", "price"]);
        for item in &order.items {
            items.add_row(vec![
                item.sku.clone(),
                item.name.clone(),
                item.quantity.to_string(),
                item.price.clone(),
            ]);
        }
        println!("{items}");
    }
}
