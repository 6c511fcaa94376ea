/** Every callback, block and action id the app's surfaces use, so handlers and builders cannot drift apart. */
export const SETUP_MODAL = {
  callbackId: 'sko_setup',
  blocks: {
    name: 'setup_name',
    day1: 'setup_day1',
    days: 'setup_days',
    hasDay0: 'setup_day0',
    timeZone: 'setup_time_zone',
    location: 'setup_location',
    headcount: 'setup_headcount',
    budget: 'setup_budget',
    channelId: 'setup_channel',
    gtmChallenge: 'setup_gtm',
    sko_lead: 'setup_sko_lead',
    content_lead: 'setup_content_lead',
    logistics_lead: 'setup_logistics_lead',
    communications_lead: 'setup_communications_lead',
    technology_lead: 'setup_technology_lead',
    salesLeaders: 'setup_sales_leaders',
    reminderTime: 'setup_reminder_time',
  },
  /** Each input block holds one element; its action id is always this. */
  actionId: 'value',
} as const;

export const HOME = {
  openSetup: 'home_open_setup',
} as const;

/** Task buttons, wherever a task is shown with them (DMs, `/sko tasks`, `/sko plan`). */
export const TASKS = {
  markDone: 'task_mark_done',
  undo: 'task_undo',
  reassign: 'task_reassign',
  /** Each task's section block id starts with this, then the task id: messages are updated task by task. */
  blockPrefix: 'task_',
  actionsBlock: 'task_actions',
} as const;

export const REASSIGN_MODAL = {
  callbackId: 'sko_reassign',
  blocks: { task: 'reassign_task', owner: 'reassign_owner' },
  actionId: 'value',
} as const;
