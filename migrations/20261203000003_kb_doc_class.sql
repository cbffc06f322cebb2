-- What a knowledge-base document is for, so retrieval can prefer policy pages for
-- questions about policy on a catalogue of many products: 'policy' (help, policies,
-- FAQ), 'product' (a catalogue page) or 'other'; and the language its text is
-- written in (ISO 639-1), when known. Ingest fills both; documents stored before
-- this migration get them on their next ingest (the content hash changes).
ALTER TABLE kb_docs
    ADD COLUMN doc_class text NOT NULL DEFAULT 'other'
        CHECK (doc_class IN ('policy', 'product', 'other')),
    ADD COLUMN language text;
