//! Reindex, status, isolated namespaces and the start-up schema policy.

use frontdesk::db::{self, DbError};
use frontdesk::kb::ingest::{read_paths, Ingester, Quiet};
use frontdesk::kb::namespace::Namespace;
use frontdesk::kb::{chunk_params, reindex, status, Retriever, SearchMode, SearchRequest};

use crate::support::{self, TestDb};

const DOC: &str = "# Returns\n\n## Window\n\nYou have 30 days to send an item back.\n\n## Refunds\n\nRefunds take 5 business days.\n";

async fn ingest_small(pool: &sqlx::PgPool) {
    let kb = support::kb_folder(&[("returns.md", DOC)]);
    Ingester::new(
        pool,
        &support::embedder(),
        chunk_params(&support::config().retrieval, 256),
        &Quiet,
    )
    .run(read_paths(&[kb.path().to_path_buf()]), false)
    .await
    .expect("ingest");
}

#[tokio::test]
async fn status_reports_empty_then_fresh() {
    let db = TestDb::new().await;
    let model = support::embedder().model_name();
    let empty = status::status(&db.pool, &model, 0).await.unwrap();
    assert!(empty.stale);
    assert!(empty.stale_reason.unwrap().contains("agentctl kb ingest"));

    ingest_small(&db.pool).await;
    let fresh = status::status(&db.pool, &model, 0).await.unwrap();
    assert_eq!((fresh.documents, fresh.chunks), (1, 2));
    assert_eq!(fresh.model.as_deref(), Some(model.as_str()));
    assert_eq!(fresh.dimension, Some(384));
    assert!(!fresh.stale, "{:?}", fresh.stale_reason);
    assert_eq!(fresh.channels.len(), 1);
    assert_eq!(fresh.channels[0].channel, "all");

    let other = status::status(&db.pool, "another-model", 0).await.unwrap();
    assert!(other.stale_reason.unwrap().contains("agentctl kb reindex"));
}

#[tokio::test]
async fn reindex_swaps_vectors_and_search_keeps_working() {
    let db = TestDb::new().await;
    ingest_small(&db.pool).await;
    sqlx::query("UPDATE kb_index_meta SET model = 'old-model'")
        .execute(&db.pool)
        .await
        .unwrap();
    // scramble the vectors so the reindex has visible work to do
    sqlx::query("UPDATE kb_chunks SET embedding = heading_embedding")
        .execute(&db.pool)
        .await
        .unwrap();

    let embedder = support::embedder();
    let summary = reindex::reindex(&db.pool, &embedder, &|_, _| {})
        .await
        .unwrap();
    assert_eq!(summary.chunks, 2);
    assert_eq!(
        summary.embeddings_computed, 4,
        "content and heading per chunk"
    );

    let meta_model: String = sqlx::query_scalar("SELECT model FROM kb_index_meta")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(meta_model, embedder.model_name());
    let differs: i64 =
        sqlx::query_scalar("SELECT count(*) FROM kb_chunks WHERE embedding <> heading_embedding")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(differs, 2, "content vectors were rebuilt");
    let staging: bool = sqlx::query_scalar("SELECT to_regclass('kb_reindex_staging') IS NOT NULL")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(!staging, "staging table removed");

    let retriever = Retriever::new(db.pool.clone(), embedder, support::config().retrieval);
    let hits = retriever
        .search(&SearchRequest {
            query: "you have 30 days to send an item back",
            top_k: 1,
            channel: None,
            mode: SearchMode::Vector,
        })
        .await
        .unwrap();
    assert_eq!(hits[0].citation.section, "Window");
}

#[tokio::test]
async fn namespaces_never_touch_the_live_knowledge_base() {
    let db = TestDb::new().await;
    ingest_small(&db.pool).await;
    let ns = Namespace::create(&db.pool, &db.config, "bench")
        .await
        .unwrap();
    let schema = ns.schema.clone();
    ingest_small(&ns.pool).await;

    let live: i64 = sqlx::query_scalar("SELECT count(*) FROM public.kb_docs")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let isolated: i64 = sqlx::query_scalar("SELECT count(*) FROM kb_docs")
        .fetch_one(&ns.pool)
        .await
        .unwrap();
    assert_eq!((live, isolated), (1, 1));
    ns.drop().await.unwrap();
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)")
            .bind(&schema)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert!(!exists, "schema dropped");
}

#[tokio::test]
async fn outdated_schema_is_refused_without_auto_migrate() {
    let db = TestDb::empty().await;
    let err = db::ensure_schema(&db.pool, false).await.unwrap_err();
    assert!(matches!(err, DbError::PendingMigrations { .. }));
    assert!(err.to_string().contains("agentctl db migrate"), "{err}");
    db::ensure_schema(&db.pool, true)
        .await
        .expect("auto-migrate applies the schema");
    assert_eq!(db::pending_migrations(&db.pool).await.unwrap(), 0);
}
