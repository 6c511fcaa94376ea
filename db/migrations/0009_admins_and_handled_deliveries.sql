CREATE TABLE `admins` (
	`slack_user_id` text NOT NULL,
	`source` text NOT NULL,
	`added_by` text,
	`added_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`slack_user_id`, `source`)
);
--> statement-breakpoint
CREATE TABLE `handled_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`handled_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workspace_roles` (
	`slack_user_id` text PRIMARY KEY NOT NULL,
	`is_admin` integer NOT NULL,
	`checked_at` text NOT NULL
);
