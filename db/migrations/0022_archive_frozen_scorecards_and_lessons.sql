CREATE TABLE `lessons` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`worked` text NOT NULL,
	`to_change` text NOT NULL,
	`owner_id` integer,
	`saved_by` integer,
	`saved_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `events` ADD `frozen_scorecard` text;