-- Use pgvector for the final vectors where the server ships it; otherwise keep real[]
-- (Debian 12's PostgreSQL has no pgvector package). Readers always use embedding::real[].
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
        IF EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = 'upload_pipeline' AND table_name = 'document_chunks'
                     AND column_name = 'embedding' AND udt_name <> 'vector') THEN
            ALTER TABLE upload_pipeline.document_chunks
                ALTER COLUMN embedding TYPE vector USING embedding::vector;
        END IF;
    END IF;
END
$$;
