CREATE TABLE "kb_chunk" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"knowledge_base_id" text NOT NULL,
	"document_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"content" text NOT NULL,
	"metadata" jsonb,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_chunk" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_document" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"knowledge_base_id" text NOT NULL,
	"title" text NOT NULL,
	"source_type" text NOT NULL,
	"source_url" text,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"bytes" integer NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"metadata" jsonb,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_document" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "knowledge_base" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"embedding_model" text NOT NULL,
	"dimensions" integer NOT NULL,
	"chunk_size" integer DEFAULT 800 NOT NULL,
	"chunk_overlap" integer DEFAULT 100 NOT NULL,
	"ef_search" integer DEFAULT 100 NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "knowledge_base" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_chunk" ADD CONSTRAINT "kb_chunk_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_chunk" ADD CONSTRAINT "kb_chunk_knowledge_base_id_knowledge_base_id_fk" FOREIGN KEY ("knowledge_base_id") REFERENCES "public"."knowledge_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_chunk" ADD CONSTRAINT "kb_chunk_document_id_kb_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."kb_document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_document" ADD CONSTRAINT "kb_document_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_document" ADD CONSTRAINT "kb_document_knowledge_base_id_knowledge_base_id_fk" FOREIGN KEY ("knowledge_base_id") REFERENCES "public"."knowledge_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_base" ADD CONSTRAINT "knowledge_base_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kb_chunk_document_id_ordinal_index" ON "kb_chunk" USING btree ("document_id","ordinal");--> statement-breakpoint
CREATE INDEX "kb_chunk_knowledge_base_id_index" ON "kb_chunk" USING btree ("knowledge_base_id");--> statement-breakpoint
CREATE INDEX "kb_chunk_tsv_index" ON "kb_chunk" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "kb_chunk_tenant_id_created_at_index" ON "kb_chunk" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_chunk_created_at_index" ON "kb_chunk" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "kb_document_knowledge_base_id_created_at_index" ON "kb_document" USING btree ("knowledge_base_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_document_tenant_id_created_at_index" ON "kb_document" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_document_created_at_index" ON "kb_document" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_base_tenant_id_slug_index" ON "knowledge_base" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "knowledge_base_tenant_id_created_at_index" ON "knowledge_base" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "knowledge_base_created_at_index" ON "knowledge_base" USING btree ("created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_chunk" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_document" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "knowledge_base" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
ALTER TABLE "kb_chunk" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_document" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "knowledge_base" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Embeddings need pgvector: created here when the server offers it and this role may (else by a superuser, after
-- which Trellis adds the column at start); without it, knowledge bases search by full text alone.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'vector')
    AND EXISTS (SELECT FROM pg_available_extensions WHERE name = 'vector') THEN
    BEGIN
      CREATE EXTENSION vector;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pgvector is available but this role may not create it: knowledge bases use full text only';
    END;
  END IF;
  IF EXISTS (SELECT FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE "kb_chunk" ADD COLUMN IF NOT EXISTS "embedding" vector;
  END IF;
END $$;
