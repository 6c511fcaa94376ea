PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_survey_responses` (
	`id` integer PRIMARY KEY NOT NULL,
	`survey_id` integer NOT NULL,
	`respondent_key` text NOT NULL,
	`person_id` integer,
	`group_label` text,
	`answers` text,
	`draft` text,
	`held` text,
	`held_group` text,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Each answer row gets a random id in place of the order it was first submitted in.
INSERT INTO `__new_survey_responses`("id", "survey_id", "respondent_key", "person_id", "group_label", "answers", "draft") SELECT abs(random() % 281474976710655) + 1, "survey_id", "respondent_key", "person_id", "group_label", "answers", "draft" FROM `survey_responses`;--> statement-breakpoint
DROP TABLE `survey_responses`;--> statement-breakpoint
ALTER TABLE `__new_survey_responses` RENAME TO `survey_responses`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_survey_respondent_unique` ON `survey_responses` (`survey_id`,`respondent_key`);--> statement-breakpoint
ALTER TABLE `survey_invitations` ADD `answered` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Named answers say who answered; anonymous ones are flagged by the app, which holds the key.
UPDATE `survey_invitations` SET `answered` = 1 WHERE EXISTS (SELECT 1 FROM `survey_responses` r WHERE r.`survey_id` = `survey_invitations`.`survey_id` AND r.`person_id` = `survey_invitations`.`person_id` AND r.`answers` IS NOT NULL);
