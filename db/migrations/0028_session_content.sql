CREATE TABLE `session_content` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`link` text NOT NULL,
	`state` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`submitted_by` integer,
	`submitted_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`note` text,
	`first_approved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `agenda_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_content_event_idx` ON `session_content` (`event_id`);