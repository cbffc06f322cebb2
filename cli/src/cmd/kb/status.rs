//! `agentctl kb status [--json]`

use std::process::ExitCode;

use clap::Args;
use frontdesk::kb::status::status;

use crate::context::Context;
use crate::output;

/// Show what the knowledge base holds and whether it is fresh
///
/// Reports documents, chunks, the model that built the vectors, dimension, last
/// update and counts per channel. Stale means: empty, built with another model than
/// the configured one, or older than retrieval.stale_after_days. Exit status 3 when stale.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print the status as JSON
    #[arg(long)]
    json: bool,
}

impl StatusArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = ctx.pool(&config).await?;
        // the model name is known without loading the weights
        let configured = configured_model_name(&config);
        let s = status(&pool, &configured, config.retrieval.stale_after_days).await?;
        if self.json {
            output::print_json(&s)?;
        } else {
            let mut table = output::table(&[
                "documents",
                "chunks",
                "model",
                "dimension",
                "last update",
                "stale",
            ]);
            table.add_row(vec![
                s.documents.to_string(),
                s.chunks.to_string(),
                s.model.clone().unwrap_or_else(|| "-".into()),
                s.dimension
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                s.last_update
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_else(|| "never".into()),
                match &s.stale_reason {
                    Some(reason) => format!("yes: {reason}"),
                    None => "no".into(),
                },
            ]);
            println!("{table}");
            let mut channels = output::table(&["channel", "documents", "chunks"]);
            for c in &s.channels {
                channels.add_row(vec![
                    c.channel.clone(),
                    c.documents.to_string(),
                    c.chunks.to_string(),
                ]);
            }
            println!("{channels}");
        }
        Ok(if s.stale {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        })
    }
}

fn configured_model_name(config: &frontdesk::config::Config) -> String {
    use frontdesk::config::EmbeddingProviderKind;
    match config.embedding.provider {
        EmbeddingProviderKind::Local => config
            .embedding
            .model_dir
            .clone()
            .unwrap_or_else(frontdesk_embed::default_model_dir)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        EmbeddingProviderKind::Openai => format!("openai:{}", config.embedding.openai.model),
    }
}
