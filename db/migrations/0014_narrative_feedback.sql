CREATE TABLE `narrative_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purpose` text NOT NULL,
	`verdict` text NOT NULL,
	`slack_user_id` text NOT NULL,
	`given_at` text NOT NULL
);
