CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`event_id` integer,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`channel` text NOT NULL,
	`text` text NOT NULL,
	`blocks` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`not_before` text,
	`stale_at` text,
	`notify_on_failure` text,
	`sending_at` text,
	`slack_channel` text,
	`slack_ts` text,
	`sent_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_unique` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_status_idx` ON `outbox` (`event_id`,`status`);--> statement-breakpoint
CREATE TABLE `schedule` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`event_id` integer,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`due_at` text NOT NULL,
	`stale_at` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`dispatched_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_key_unique` ON `schedule` (`key`);--> statement-breakpoint
CREATE INDEX `schedule_status_due_idx` ON `schedule` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `schedule_event_idx` ON `schedule` (`event_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `reminder_time` text DEFAULT '09:00' NOT NULL;