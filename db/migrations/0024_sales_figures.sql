CREATE TABLE `sales_figures` (
	`key` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`value` text NOT NULL,
	`computed_at` text NOT NULL
);
