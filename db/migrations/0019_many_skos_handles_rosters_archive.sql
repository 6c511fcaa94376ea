-- Several SKOs in one workspace (issue 12). The one SKO a database held so far becomes the first of
-- many: it gets a handle derived from its name, keeps everyone as its roster, and keeps its canvas
-- and materials, which until now belonged to "the" SKO without saying which.
ALTER TABLE `events` ADD `handle` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `events` SET `handle` = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(trim(`name`)), ' ', '-'), '_', '-'), '/', '-'), '.', '-'), ',', '-'), ':', '-'), '&', '-'), '''', ''), '(', ''), ')', ''), '---', '-'), '--', '-'), '--', '-'), '-');--> statement-breakpoint
UPDATE `events` SET `handle` = 'sko-' || `id` WHERE `handle` = '';--> statement-breakpoint
UPDATE `events` SET `handle` = `handle` || '-' || `id` WHERE EXISTS (SELECT 1 FROM `events` AS `e` WHERE `e`.`handle` = `events`.`handle` AND `e`.`id` < `events`.`id`);--> statement-breakpoint
ALTER TABLE `events` ADD `roster` text;--> statement-breakpoint
ALTER TABLE `events` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `events` ADD `canvas_id` text;--> statement-breakpoint
ALTER TABLE `events` ADD `canvas_channel_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `events_handle_unique` ON `events` (`handle`);--> statement-breakpoint
UPDATE `events` SET `canvas_id` = (SELECT json_extract(`value`, '$.canvasId') FROM `settings` WHERE `key` = 'channel_canvas' AND json_extract(`value`, '$.eventId') = `events`.`id`), `canvas_channel_id` = (SELECT json_extract(`value`, '$.channelId') FROM `settings` WHERE `key` = 'channel_canvas' AND json_extract(`value`, '$.eventId') = `events`.`id`);--> statement-breakpoint
DELETE FROM `settings` WHERE `key` = 'channel_canvas';--> statement-breakpoint
CREATE TABLE `__new_materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`session` text NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`recorded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Materials could only be added once an SKO existed, and they were its: the newest SKO's.
INSERT INTO `__new_materials` (`id`, `event_id`, `session`, `kind`, `url`, `recorded_by`, `created_at`, `updated_at`)
SELECT `id`, (SELECT max(`id`) FROM `events`), `session`, `kind`, `url`, `recorded_by`, `created_at`, `updated_at` FROM `materials` WHERE EXISTS (SELECT 1 FROM `events`);--> statement-breakpoint
DROP TABLE `materials`;--> statement-breakpoint
ALTER TABLE `__new_materials` RENAME TO `materials`;--> statement-breakpoint
CREATE UNIQUE INDEX `materials_event_url_unique` ON `materials` (`event_id`,`session`,`url`);
