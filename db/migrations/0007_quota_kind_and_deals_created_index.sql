ALTER TABLE `quotas` ADD `kind` text;--> statement-breakpoint
CREATE INDEX `deals_created_idx` ON `deals` (`created_date`);