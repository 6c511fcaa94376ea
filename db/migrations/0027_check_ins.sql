CREATE TABLE `check_ins` (
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`day` integer NOT NULL,
	`checked_in_at` text NOT NULL,
	`by_person_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `person_id`, `day`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
