//! Ingest against a real PostgreSQL with pgvector: idempotency by content hash,
//! atomic replacement of changed documents, pruning, and bad files reported.

use frontdesk::kb::ingest::{read_paths, IngestSummary, Ingester, Quiet};
use frontdesk::kb::{chunk_params, ChunkParams};

use crate::support::{self, TestDb};

fn params() -> ChunkParams {
    chunk_params(&support::config().retrieval, 256)
}

async fn ingest(db: &TestDb, path: &std::path::Path, prune: bool) -> IngestSummary {
    let embedder = support::embedder();
    Ingester::new(&db.pool, &embedder, params(), &Quiet)
        .run(read_paths(&[path.to_path_buf()]), prune)
        .await
        .expect("ingest runs")
}

const RETURNS: &str = "---\ntitle: Returns\nurl: https://shop.example/returns\n---\n# Returns\n\n## Window\n\nYou have 30 days to send an item back.\n\n## Refunds\n\nRefunds take 5 business days.\n";
const SHIPPING: &str = "# Shipping\n\nWe ship to the EU and the UK within 3 days.\n";

#[tokio::test]
async fn reingesting_unchanged_documents_computes_no_embeddings() {
    let db = TestDb::new().await;
    let kb = support::kb_folder(&[("returns.md", RETURNS), ("shipping.md", SHIPPING)]);

    let first = ingest(&db, kb.path(), false).await;
    assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
    assert_eq!(first.chunks, 3, "two sections + one section");
    assert!(first.embeddings_computed >= first.chunks);

    let second = ingest(&db, kb.path(), false).await;
    assert_eq!((second.added, second.updated, second.unchanged), (0, 0, 2));
    assert_eq!(second.embeddings_computed, 0);
}

#[tokio::test]
async fn changed_document_replaces_its_chunks() {
    let db = TestDb::new().await;
    let kb = support::kb_folder(&[("returns.md", RETURNS), ("shipping.md", SHIPPING)]);
    ingest(&db, kb.path(), false).await;

    support::write(
        kb.path(),
        "shipping.md",
        "# Shipping\n\nWe now ship worldwide.\n\n## Costs\n\nFree over 50 EUR.\n",
    );
    let summary = ingest(&db, kb.path(), false).await;
    assert_eq!(
        (summary.added, summary.updated, summary.unchanged),
        (0, 1, 1)
    );

    let contents: Vec<String> = sqlx::query_scalar(
        "SELECT c.content FROM kb_chunks c JOIN kb_docs d ON d.id = c.doc_id WHERE d.source = 'shipping.md' ORDER BY ordinal",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(contents, ["We now ship worldwide.", "Free over 50 EUR."]);
}

#[tokio::test]
async fn prune_removes_documents_gone_from_the_folder() {
    let db = TestDb::new().await;
    let kb = support::kb_folder(&[("returns.md", RETURNS), ("shipping.md", SHIPPING)]);
    ingest(&db, kb.path(), false).await;
    std::fs::remove_file(kb.path().join("shipping.md")).unwrap();

    let without_prune = ingest(&db, kb.path(), false).await;
    assert_eq!(without_prune.pruned, 0);
    let with_prune = ingest(&db, kb.path(), true).await;
    assert_eq!(with_prune.pruned, 1);

    let sources: Vec<String> = sqlx::query_scalar("SELECT source FROM kb_docs")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(sources, ["returns.md"]);
    let orphans: i64 = sqlx::query_scalar("SELECT count(*) FROM kb_chunks c WHERE NOT EXISTS (SELECT 1 FROM kb_docs d WHERE d.id = c.doc_id)")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(orphans, 0);
}

#[tokio::test]
async fn bad_files_are_reported_and_the_rest_is_ingested() {
    let db = TestDb::new().await;
    let kb = support::kb_folder(&[
        ("returns.md", RETURNS),
        ("broken.md", "---\ntitle: [unclosed\n---\nbody\n"),
        ("logo.png", "not a document"),
        ("faq.csv", "question,answer\n"),
    ]);
    let summary = ingest(&db, kb.path(), false).await;
    assert_eq!(summary.added, 1);
    assert_eq!(summary.failed, 2, "{:?}", summary.problems);
    assert_eq!(summary.skipped, 1, "{:?}", summary.problems);
    let broken = summary
        .problems
        .iter()
        .find(|p| p.source == "broken.md")
        .expect("broken.md reported");
    assert_eq!(broken.outcome, "failed");
    assert!(broken.reason.contains("front matter"), "{}", broken.reason);
    let png = summary
        .problems
        .iter()
        .find(|p| p.source == "logo.png")
        .expect("logo.png reported");
    assert_eq!(png.outcome, "skipped");
}

#[tokio::test]
async fn chunks_stay_within_the_model_window_and_overlap() {
    let db = TestDb::new().await;
    let long: String = (1..=120)
        .map(|i| format!("Sentence number {i} about kettles and tea. "))
        .collect();
    let kb = support::kb_folder(&[(
        "long.md",
        &format!("# Long guide\n\n## Details\n\n{long}\n"),
    )]);
    let summary = ingest(&db, kb.path(), false).await;
    assert!(
        summary.chunks >= 3,
        "a long section is split: {}",
        summary.chunks
    );

    let rows: Vec<(String, i32, String)> =
        sqlx::query_as("SELECT section, token_count, content FROM kb_chunks ORDER BY ordinal")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    let tokenizer = support::embedder();
    for (section, tokens, content) in &rows {
        assert_eq!(section, "Details");
        let with_prefix = frontdesk::kb::chunk::embedding_text("Long guide", section, content);
        let n = tokenizer
            .tokenizer()
            .encode(with_prefix.as_str(), true)
            .unwrap()
            .len();
        assert!(
            n <= 256,
            "chunk of {n} word pieces exceeds the model window"
        );
        assert!(*tokens as usize <= 256);
    }
    // consecutive windows share text (80-token overlap): the second repeats the first's last sentence
    let last_sentence = format!("Sentence{}", rows[0].2.rsplit("Sentence").next().unwrap());
    assert!(rows[1].2.contains(last_sentence.trim()), "windows overlap");
}
