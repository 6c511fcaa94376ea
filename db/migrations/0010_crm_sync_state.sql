CREATE TABLE `crm_syncs` (
	`crm` text PRIMARY KEY NOT NULL,
	`synced_through` text,
	`last_run_at` text NOT NULL,
	`last_status` text NOT NULL,
	`changes` text,
	`problem` text
);
