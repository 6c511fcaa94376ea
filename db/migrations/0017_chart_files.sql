CREATE TABLE `chart_files` (
	`key` text PRIMARY KEY NOT NULL,
	`file_id` text,
	`error` text,
	`created_at` text NOT NULL
);
