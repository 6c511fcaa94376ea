ALTER TABLE `people` ADD `unreachable_since` text;--> statement-breakpoint
ALTER TABLE `people` ADD `unreachable_reason` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `performed` text;