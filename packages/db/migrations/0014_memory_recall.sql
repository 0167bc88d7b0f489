CREATE INDEX "memory_message_tenant_id_resource_id_created_at_index" ON "memory_message" USING btree ("tenant_id","resource_id","created_at");--> statement-breakpoint
-- Semantic recall over conversation memory: each remembered message gets an embedding (the offline embedder's 512
-- dimensions) when pgvector is installed; without it, memory recalls the latest messages only.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE "memory_message" ADD COLUMN IF NOT EXISTS "embedding" vector;
  END IF;
END $$;
