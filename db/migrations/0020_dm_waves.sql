ALTER TABLE `schedule` ADD `next_at` text;--> statement-breakpoint
-- A row's next wave depends on each reader's zone, country and pause and on the SKO's working hours
-- and holidays: when one of them changes, whatever path wrote it, every waiting row is looked at again.
CREATE TRIGGER `schedule_waves_people` AFTER UPDATE OF `time_zone`, `country`, `paused_until` ON `people`
WHEN NEW.`time_zone` IS NOT OLD.`time_zone` OR NEW.`country` IS NOT OLD.`country` OR NEW.`paused_until` IS NOT OLD.`paused_until`
BEGIN UPDATE `schedule` SET `next_at` = NULL WHERE `next_at` IS NOT NULL; END;--> statement-breakpoint
CREATE TRIGGER `schedule_waves_rules_added` AFTER INSERT ON `delivery_rules`
BEGIN UPDATE `schedule` SET `next_at` = NULL WHERE `next_at` IS NOT NULL; END;--> statement-breakpoint
CREATE TRIGGER `schedule_waves_rules_changed` AFTER UPDATE ON `delivery_rules`
BEGIN UPDATE `schedule` SET `next_at` = NULL WHERE `next_at` IS NOT NULL; END;
