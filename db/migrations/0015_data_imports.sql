CREATE TABLE `data_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`rows` integer NOT NULL,
	`file_name` text,
	`imported_by` text,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `data_imports_kind_idx` ON `data_imports` (`kind`,`imported_at`);