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
    roster: 'setup_roster',
    copyFrom: 'setup_copy_from',
  },
  /** Each input block holds one element; its action id is always this. */
  actionId: 'value',
} as const;

/** `/sko setup`'s private reply: "New SKO", and "Edit <name>" per SKO (its id in the value). */
export const SETUP_CHOICE = {
  newSko: 'setup_choice_new',
  edit: 'setup_choice_edit',
} as const;

export const HOME = {
  openSetup: 'home_open_setup',
  /** "Pause my reminders until…": a datepicker, and the button that ends a pause. */
  pauseUntil: 'home_pause_until',
  resume: 'home_resume',
  pauseBlock: 'home_pause',
} as const;

/** Task buttons, wherever a task is shown with them (DMs, `/sko tasks`, `/sko plan`). */
export const TASKS = {
  markDone: 'task_mark_done',
  undo: 'task_undo',
  reassign: 'task_reassign',
  /** On the week-12 "Capture lessons learned" task: opens the lessons form instead of Mark done. */
  lessons: 'task_lessons',
  /** Each task's section block id starts with this, then the task id: messages are updated task by task. */
  blockPrefix: 'task_',
  actionsBlock: 'task_actions',
} as const;

export const LESSONS_MODAL = {
  callbackId: 'sko_lessons',
  blocks: { worked: 'lessons_worked', toChange: 'lessons_change', owner: 'lessons_owner' },
  actionId: 'value',
} as const;

export const REASSIGN_MODAL = {
  callbackId: 'sko_reassign',
  blocks: { task: 'reassign_task', owner: 'reassign_owner' },
  actionId: 'value',
} as const;

/** Action item buttons, wherever an item is shown with them (DMs, `/sko action(s)`, App Home). */
export const ACTION_ITEMS = {
  done: 'action_item_done',
  reopen: 'action_item_reopen',
  snoozeDay: 'action_item_snooze_day',
  snoozeWeek: 'action_item_snooze_week',
  reassign: 'action_item_reassign',
  /** Opens the new-item modal: in `/sko actions` and on App Home. */
  create: 'action_item_create',
  /** Each item's section block id is this and the item id; its buttons' block id is `buttonsPrefix` and the id. */
  blockPrefix: 'action_item_',
  buttonsPrefix: 'action_buttons_',
  listActions: 'action_list_actions',
} as const;

export const ACTION_MODAL = {
  callbackId: 'sko_action_item',
  blocks: { title: 'action_title', owner: 'action_owner', due: 'action_due', notes: 'action_notes', task: 'action_task' },
  actionId: 'value',
} as const;

export const ACTION_REASSIGN_MODAL = {
  callbackId: 'sko_action_reassign',
  blocks: { owner: 'action_reassign_owner' },
  actionId: 'value',
} as const;

/** The message shortcut "Create action item" (manifest.yml, features.shortcuts). */
export const ACTION_SHORTCUT = { callbackId: 'create_action_item' } as const;

export const COMMITMENTS = {
  /** The button in the week-11 invitation. */
  open: 'commitments_open',
  callbackId: 'sko_commitments',
  /** Block ids of row n (1-based): `${text}${n}` and `${due}${n}`. */
  text: 'commitment_text_',
  due: 'commitment_due_',
  actionId: 'value',
} as const;

/** The save-the-date's answer buttons; each carries the event id. */
export const RSVP = {
  attending: 'rsvp_attending',
  notAttending: 'rsvp_not_attending',
  maybe: 'rsvp_maybe',
  block: 'rsvp_buttons',
} as const;

export const SURVEY = {
  /** The Answer button in a survey's DM; its value is the survey id. */
  answer: 'survey_answer',
  callbackId: 'sko_survey',
  /** Each question's input block id is this prefix and the question id. */
  questionPrefix: 'survey_q_',
  actionId: 'value',
} as const;

export const COMMS = {
  /** The overflow menu beside each entry of `/sko comms`. */
  menu: 'comms_menu',
  /** Buttons in a preview, which answer that they are a preview. */
  previewButton: 'comms_preview_button',
  /** In the DM asking for the recap's highlights: opens the recap's edit form. */
  recapDetails: 'comms_recap_details',
  edit: {
    callbackId: 'sko_comms_edit',
    blocks: {
      sendDate: 'comms_send_date',
      sendTime: 'comms_send_time',
      closesDate: 'comms_closes_date',
      closesTime: 'comms_closes_time',
      body: 'comms_body',
      highlights: 'comms_highlights',
      links: 'comms_links',
    },
    actionId: 'value',
  },
} as const;

/** `/sko budget`'s buttons and its two modals. */
export const BUDGET = {
  recordExpense: 'budget_record_expense',
  editSplit: 'budget_edit_split',
  actionsBlock: 'budget_actions',
  expense: {
    callbackId: 'sko_budget_expense',
    blocks: { category: 'expense_category', vendor: 'expense_vendor', amount: 'expense_amount', date: 'expense_date', note: 'expense_note' },
    actionId: 'value',
  },
  split: {
    callbackId: 'sko_budget_split',
    /** Each category's input block id is this prefix and the category's key. */
    categoryPrefix: 'split_',
    actionId: 'value',
  },
} as const;

/** `/sko agenda`'s button and the session modal. */
export const AGENDA = {
  addSession: 'agenda_add_session',
  /** In the modal that says a session was added: the form again for the next one. */
  addAnother: 'agenda_add_another',
  actionsBlock: 'agenda_actions',
  session: {
    callbackId: 'sko_agenda_session',
    blocks: {
      day: 'session_day',
      start: 'session_start',
      end: 'session_end',
      title: 'session_title',
      kind: 'session_kind',
      format: 'session_format',
      speakers: 'session_speakers',
      takeaways: 'session_takeaways',
      nextSteps: 'session_next_steps',
    },
    actionId: 'value',
  },
} as const;

/** Who is an admin: `/sko admins` opens the modal; a refused setup offers to ask the admins. */
export const ADMINS = {
  callbackId: 'sko_admins',
  blocks: { added: 'admins_added' },
  actionId: 'value',
  askSetup: 'admins_ask_setup',
} as const;

/** The buttons under a refused import that read the same file again with the choice the file left open. */
export const IMPORT_READING = {
  /** Each button's action id is this and the choice (`import_read_DMY`): ids must differ within a block. */
  prefix: 'import_read_',
  blocks: { ask: 'import_reading_ask', buttons: 'import_reading_buttons' },
} as const;

/** The model layer's buttons: the story under an agent's reply, and the feedback under any text the model wrote. */
export const NARRATIVE = {
  writeStory: 'narrative_write_story',
  /** Under the post-event survey's results (the week-12 analysis): a lessons-learned canvas to edit. */
  draftLessons: 'narrative_draft_lessons',
  useful: 'narrative_useful',
  notUseful: 'narrative_not_useful',
} as const;

/** Under every agent reply: the whole reply in place of its short first answer, and its figures as CSV files in the DM. */
export const AGENT_REPLY = {
  showDetails: 'agent_show_details',
  download: 'agent_download_csv',
  actionsBlock: 'agent_reply_actions',
} as const;

/** The admins' settings modal (`/sko settings`, and App Home's button). Each section's fields are input blocks of their own. */
export const SETTINGS = {
  callbackId: 'sko_settings',
  open: 'settings_open',
  blocks: {
    fiscalStartMonth: 'settings_fiscal_start',
    planYear: 'settings_plan_year',
    target: 'settings_target',
    overAssignment: 'settings_over',
    ramp: 'settings_ramp',
    historyWeight: 'settings_history',
  },
  /** The SKO's working hours and holiday calendar: shown to the SKO lead and admins once there is an SKO. */
  deliveryBlocks: {
    workStart: 'settings_work_start',
    workEnd: 'settings_work_end',
    workDays: 'settings_work_days',
    holidayCountry: 'settings_holiday_country',
    holidayRegion: 'settings_holiday_region',
    holidaysAdded: 'settings_holidays_added',
    holidaysRemoved: 'settings_holidays_removed',
  },
  actionId: 'value',
} as const;

/** Buttons that send a file to the person's DM: the figures shown, whole, as the file they came from. */
export const EXPORTS = {
  actionItems: 'export_action_items',
  surveyAnswers: 'export_survey_answers',
  surveyQuestions: 'export_survey_questions',
  crmUpdate: 'export_crm_update',
} as const;

/** The run of show's buttons; each carries the SKO and the session (`<sko>:<session>`). */
export const RUN_OF_SHOW = {
  started: 'run_of_show_started',
  ended: 'run_of_show_ended',
  shift: 'run_of_show_shift',
  /** In the content lead's morning DM: the day's run of show (`<sko>:<day>`). */
  open: 'run_of_show_open',
};

/** Travel details: the button that opens a person's form (after Attending, in the reminder, under `/sko travel`), the form, and the list as CSV. */
export const TRAVEL = {
  open: 'travel_open',
  csv: 'travel_csv',
  callbackId: 'sko_travel',
  blocks: {
    arrival: 'travel_arrival',
    departure: 'travel_departure',
    hotelNights: 'travel_hotel_nights',
    dietary: 'travel_dietary',
    accessibility: 'travel_accessibility',
    note: 'travel_note',
  },
  actionId: 'value',
} as const;

/** Check-in at the event: "I'm here" on each morning's agenda (its value the SKO), and the logistics lead's check-in form. */
export const CHECK_IN = {
  here: 'check_in_here',
  block: 'check_in_actions',
  callbackId: 'sko_check_in',
  blocks: { people: 'check_in_people' },
  actionId: 'value',
} as const;

/** Session content and its approval (`/sko content`, the leaders' DM, the two modals). */
export const CONTENT = {
  submit: 'content_submit',
  approve: 'content_approve',
  askChanges: 'content_ask_changes',
  submitModal: { callbackId: 'sko_content_submit', blocks: { link: 'content_link' }, actionId: 'value' },
  changesModal: { callbackId: 'sko_content_changes', blocks: { note: 'content_note' }, actionId: 'value' },
} as const;

/** Live Q&A: the Ask a question button (value: the SKO's id), its modal, and each question's buttons (value: the question's id). */
export const QA = {
  ask: 'qa_ask',
  callbackId: 'sko_ask',
  blocks: { question: 'qa_question', anonymous: 'qa_anonymous' },
  actionId: 'value',
  upvote: 'qa_upvote',
  answered: 'qa_answered',
} as const;
