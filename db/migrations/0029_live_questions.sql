CREATE TABLE `question_votes` (
	`question_id` integer NOT NULL,
	`voter_key` text NOT NULL,
	PRIMARY KEY(`question_id`, `voter_key`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`text` text NOT NULL,
	`asker_key` text,
	`asker_id` integer,
	`answered_at` text,
	`answered_by` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `agenda_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asker_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_event_idx` ON `questions` (`event_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `thread_key` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `replaces_key` text;