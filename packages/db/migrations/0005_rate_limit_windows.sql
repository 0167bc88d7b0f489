CREATE UNLOGGED TABLE "rate_limit_hit" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_ms" integer NOT NULL,
	"count" integer NOT NULL
);
