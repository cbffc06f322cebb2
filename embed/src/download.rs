//! Fetching the model files (`config.json`, `tokenizer.json`, `model.safetensors`,
//! `sentence_bert_config.json`) from a URL prefix such as a Hugging Face
//! `.../resolve/main` address, for machines with internet access. Files already
//! present are kept; each download goes to a temporary name and is renamed when complete.

use std::path::Path;

use tokio::io::AsyncWriteExt;

use super::EmbedError;

/// Files a model folder needs, and whether each is required.
pub const MODEL_FILES: [(&str, bool); 4] = [
    ("config.json", true),
    ("tokenizer.json", true),
    ("model.safetensors", true),
    ("sentence_bert_config.json", false),
];

/// Downloads the missing files of `dir` from `base_url` (`{base_url}/{file}`).
pub async fn ensure_model_files(dir: &Path, base_url: &str) -> Result<usize, EmbedError> {
    let missing: Vec<_> = MODEL_FILES
        .iter()
        .filter(|(name, _)| !dir.join(name).exists())
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| EmbedError::Model(format!("cannot create {}: {e}", dir.display())))?;
    let http = reqwest::Client::new();
    let mut fetched = 0;
    for (name, required) in missing {
        let url = format!("{}/{}", base_url.trim_end_matches('/'), name);
        match fetch(&http, &url, &dir.join(name)).await {
            Ok(()) => fetched += 1,
            Err(e) if *required => return Err(e),
            Err(e) => {
                tracing::debug!(file = name, error = %e, "optional model file not downloaded")
            }
        }
    }
    Ok(fetched)
}

async fn fetch(http: &reqwest::Client, url: &str, target: &Path) -> Result<(), EmbedError> {
    let fail = |msg: String| EmbedError::Model(format!("downloading {url}: {msg}"));
    let mut response = http
        .get(url)
        .send()
        .await
        .map_err(|e| fail(e.to_string()))?;
    if !response.status().is_success() {
        return Err(fail(format!("server answered {}", response.status())));
    }
    let partial = target.with_extension("partial");
    let mut file = tokio::fs::File::create(&partial)
        .await
        .map_err(|e| fail(e.to_string()))?;
    while let Some(bytes) = response.chunk().await.map_err(|e| fail(e.to_string()))? {
        file.write_all(&bytes)
            .await
            .map_err(|e| fail(e.to_string()))?;
    }
    file.flush().await.map_err(|e| fail(e.to_string()))?;
    tokio::fs::rename(&partial, target)
        .await
        .map_err(|e| fail(e.to_string()))?;
    tracing::info!(file = %target.display(), "model file downloaded");
    Ok(())
}
