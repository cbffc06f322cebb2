//! Knowledge-base ingests started through the admin API: run in the background, their
//! state kept in Redis (a day) so any agentd process can report on them.

use chrono::Utc;
use frontdesk::config::Config;
use frontdesk::kb::ingest::{read_paths, CollectionInput, Ingester, Quiet};
use frontdesk_api::admin::{IngestJob, IngestRequest, JobState};
use frontdesk_embed::Embedder;
use redis::aio::ConnectionManager;
use redis::AsyncCommands;
use sqlx::PgPool;
use tokio_util::task::TaskTracker;
use uuid::Uuid;

const JOB_TTL_SECS: u64 = 86_400;

#[derive(Clone)]
pub struct Jobs {
    redis: ConnectionManager,
    prefix: String,
}

impl Jobs {
    pub fn new(redis: ConnectionManager, prefix: &str) -> Self {
        Self {
            redis,
            prefix: prefix.to_string(),
        }
    }

    fn key(&self, id: Uuid) -> String {
        format!("{}:job:{id}", self.prefix)
    }

    async fn save(&self, job: &IngestJob) -> Result<(), redis::RedisError> {
        let mut redis = self.redis.clone();
        redis
            .set_ex(
                self.key(job.job_id),
                serde_json::to_string(job).unwrap_or_default(),
                JOB_TTL_SECS,
            )
            .await
    }

    pub async fn get(&self, id: Uuid) -> Result<Option<IngestJob>, redis::RedisError> {
        let mut redis = self.redis.clone();
        let raw: Option<String> = redis.get(self.key(id)).await?;
        Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
    }

    /// Records the job as running and starts it on `tasks`.
    pub async fn start_ingest(
        &self,
        tasks: &TaskTracker,
        config: &Config,
        pool: PgPool,
        embedder: Embedder,
        request: IngestRequest,
    ) -> Result<IngestJob, redis::RedisError> {
        let job = IngestJob {
            job_id: Uuid::now_v7(),
            state: JobState::Running,
            started_at: Utc::now(),
            finished_at: None,
            summary: None,
            error: None,
        };
        self.save(&job).await?;
        let jobs = self.clone();
        let retrieval = config.retrieval.clone();
        let mut done = job.clone();
        tasks.spawn(async move {
            let result = ingest(&pool, &embedder, &retrieval, &request).await;
            done.finished_at = Some(Utc::now());
            match result {
                Ok(summary) => {
                    done.state = JobState::Done;
                    done.summary = Some(summary);
                }
                Err(error) => {
                    tracing::warn!(%error, job = %done.job_id, "ingest job failed");
                    done.state = JobState::Failed;
                    done.error = Some(error);
                }
            }
            if let Err(error) = jobs.save(&done).await {
                tracing::error!(%error, job = %done.job_id, "could not record the ingest job's end");
            }
        });
        Ok(job)
    }
}

async fn ingest(
    pool: &PgPool,
    embedder: &Embedder,
    retrieval: &frontdesk::config::RetrievalConfig,
    request: &IngestRequest,
) -> Result<serde_json::Value, String> {
    let paths: Vec<std::path::PathBuf> = request.paths.iter().map(Into::into).collect();
    let mut inputs = read_paths(&paths);
    if let Some(site) = &request.wordpress {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .map_err(|e| e.to_string())?;
        let docs = frontdesk::kb::parse::wordpress::fetch_wordpress(&http, site)
            .await
            .map_err(|e| format!("reading WordPress site {site}: {e}"))?;
        inputs.push(CollectionInput {
            collection: site.trim_end_matches('/').to_string(),
            docs,
            problems: Vec::new(),
            complete: true,
        });
    }
    let params = frontdesk::kb::chunk_params(retrieval, embedder.max_seq_len());
    let summary = Ingester::new(pool, embedder, params, &Quiet)
        .run(inputs, request.prune)
        .await
        .map_err(|e| e.to_string())?;
    serde_json::to_value(&summary).map_err(|e| e.to_string())
}
