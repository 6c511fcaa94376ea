CREATE TABLE `travel_cutoffs` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`cutoff` text NOT NULL,
	`set_by` integer,
	`set_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `travel_details` (
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`arrival` text NOT NULL,
	`departure` text NOT NULL,
	`hotel_nights` text NOT NULL,
	`dietary` text NOT NULL,
	`accessibility` text,
	`note` text,
	`saved_at` text NOT NULL,
	PRIMARY KEY(`event_id`, `person_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
