CREATE TABLE `event_roles` (
	`event_id` integer NOT NULL,
	`role` text NOT NULL,
	`person_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`event_id`, `role`, `person_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_roles_person_idx` ON `event_roles` (`person_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`day1` text NOT NULL,
	`days` integer NOT NULL,
	`has_day0` integer DEFAULT false NOT NULL,
	`time_zone` text NOT NULL,
	`location` text,
	`headcount` integer NOT NULL,
	`budget_cents` integer NOT NULL,
	`channel_id` text NOT NULL,
	`gtm_challenge` text NOT NULL,
	`plan_start` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slack_user_id` text,
	`email` text,
	`name` text,
	`role` text DEFAULT 'rep' NOT NULL,
	`manager_id` integer,
	`team` text,
	`region` text,
	`segment` text,
	`title` text,
	`hire_date` text,
	`time_zone` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_slack_user_id_unique` ON `people` (`slack_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_email_unique` ON `people` (`email`);--> statement-breakpoint
CREATE INDEX `people_manager_idx` ON `people` (`manager_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`phase` integer NOT NULL,
	`workstream` text NOT NULL,
	`week_from` integer NOT NULL,
	`week_to` integer NOT NULL,
	`event_day` integer,
	`owner_role` text NOT NULL,
	`owner_id` integer,
	`agent` text,
	`output` text,
	`milestone` integer DEFAULT false NOT NULL,
	`start_date` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` text,
	`done_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_event_key_unique` ON `tasks` (`event_id`,`key`);--> statement-breakpoint
CREATE INDEX `tasks_event_due_idx` ON `tasks` (`event_id`,`status`,`due_date`);