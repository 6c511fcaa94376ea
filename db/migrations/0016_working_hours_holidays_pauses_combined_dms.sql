CREATE TABLE `delivery_rules` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`work_start` text DEFAULT '08:00' NOT NULL,
	`work_end` text DEFAULT '18:00' NOT NULL,
	`work_days` text DEFAULT '[1,2,3,4,5]' NOT NULL,
	`holiday_country` text,
	`holiday_region` text,
	`holidays_added` text DEFAULT '[]' NOT NULL,
	`holidays_removed` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `carried_by` integer;--> statement-breakpoint
ALTER TABLE `people` ADD `country` text;--> statement-breakpoint
ALTER TABLE `people` ADD `paused_until` text;