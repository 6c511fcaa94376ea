CREATE INDEX `outbox_status_not_before_idx` ON `outbox` (`status`,`not_before`);--> statement-breakpoint
CREATE INDEX `people_time_zone_idx` ON `people` (`time_zone`);--> statement-breakpoint
CREATE INDEX `schedule_status_next_idx` ON `schedule` (`status`,`next_at`);