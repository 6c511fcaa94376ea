CREATE TABLE `session_runs` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`planned_start` text,
	`started_at` text,
	`started_by` text,
	`ended_at` text,
	`ended_by` text,
	`shifted_rest_by` integer,
	`original_start` text,
	FOREIGN KEY (`session_id`) REFERENCES `agenda_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
