import type { App } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { handleActionItemButton } from './action-items/buttons.js';
import { handleCommitmentsSubmission, handleOpenCommitments } from './action-items/commitments-modal.js';
import { handleExportActionItems } from './action-items/export.js';
import {
  handleActionShortcut,
  handleActionSubmission,
  handleCreateButton,
  handleReassignItemButton,
  handleReassignItemSubmission,
} from './action-items/modal.js';
import { handleAddAnotherButton, handleAddSessionButton, handleSessionSubmission } from './agenda/modal.js';
import { handleOpenRunOfShow, handleRunOfShowButton } from './agenda/run-of-show.js';
import { handleBudgetButton, handleExpenseSubmission, handleSplitSubmission } from './budget/modal.js';
import { handleCheckInButton } from './check-in/button.js';
import { handleCheckInSubmission } from './check-in/modal.js';
import { handleCommsEditSubmission, handleCommsMenu, handleRecapDetailsButton } from './comms/calendar.js';
import { handlePreviewButton, handleRsvpButton } from './comms/messages.js';
import {
  handleApproveContentButton,
  handleAskChangesButton,
  handleAskChangesSubmission,
  handleSubmitContentButton,
  handleSubmitContentSubmission,
} from './content/approval.js';
import { handleAppHomeOpened, handleOpenSetupFromHome, publishHome } from './home/home.js';
import { handlePauseUntil, handleResume } from './home/pause.js';
import {
  ACTION_ITEMS,
  ACTION_MODAL,
  ACTION_REASSIGN_MODAL,
  ACTION_SHORTCUT,
  ADMINS,
  AGENDA,
  BUDGET,
  CHECK_IN,
  COMMITMENTS,
  COMMS,
  CONTENT,
  EXPORTS,
  HOME,
  IMPORT_READING,
  LESSONS_MODAL,
  QA,
  REASSIGN_MODAL,
  RSVP,
  RUN_OF_SHOW,
  SETTINGS,
  SETUP_CHOICE,
  SETUP_MODAL,
  SURVEY,
  TASKS,
  TRAVEL,
} from './kit/ids.js';
import { handleAdminsSubmission, handleAskAdminsButton } from './people/admins.js';
import { handleOpenSettingsButton, handleSettingsSubmission } from './people/settings-modal.js';
import { handleLessonsButton, handleLessonsSubmission } from './plan/lessons.js';
import { handleReassignButton, handleReassignSubmission } from './plan/reassign-modal.js';
import { handleSetupChoice } from './plan/setup-choice.js';
import { handleSetupSubmission } from './plan/setup-modal.js';
import { handleTaskButton } from './plan/task-list.js';
import { handleMarkAnswered, handleUpvote } from './qa/buttons.js';
import { handleAskButton, handleAskSubmission } from './qa/modal.js';
import { handleExportCrmUpdate } from './sales/crm-export.js';
import { handleFileShareInDm, handleReadingChoice } from './sales/import-dm.js';
import { handleAnswerButton, handleSurveySubmission } from './surveys/modal.js';
import { handleSendSurveyAnswers, handleSendSurveyQuestions } from './surveys/survey-files.js';
import { handleOpenTravelForm, handleTravelSubmission } from './travel/form.js';
import { handleTravelCsvButton } from './travel/message.js';

export function register(app: App, deps: Deps): void {
  app.view(SETUP_MODAL.callbackId, handleSetupSubmission(deps));
  app.action(SETUP_CHOICE.newSko, handleSetupChoice(deps, 'new'));
  app.action(SETUP_CHOICE.edit, handleSetupChoice(deps, 'edit'));
  app.view(ADMINS.callbackId, handleAdminsSubmission(deps));
  app.view(SETTINGS.callbackId, handleSettingsSubmission(deps));
  app.action(SETTINGS.open, handleOpenSettingsButton(deps));
  app.action(ADMINS.askSetup, handleAskAdminsButton(deps));
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.action(HOME.openSetup, handleOpenSetupFromHome(deps));
  app.action(HOME.pauseUntil, handlePauseUntil(deps, publishHome));
  app.action(HOME.resume, handleResume(deps, publishHome));
  app.action(TASKS.markDone, handleTaskButton(deps, 'done'));
  app.action(TASKS.undo, handleTaskButton(deps, 'open'));
  app.action(TASKS.reassign, handleReassignButton(deps));
  app.view(REASSIGN_MODAL.callbackId, handleReassignSubmission(deps));
  app.action(TASKS.lessons, handleLessonsButton(deps));
  app.view(LESSONS_MODAL.callbackId, handleLessonsSubmission(deps));
  app.event('message', handleFileShareInDm(deps));
  app.action(new RegExp(`^${IMPORT_READING.prefix}`), handleReadingChoice(deps));
  app.action(ACTION_ITEMS.done, handleActionItemButton(deps, 'done'));
  app.action(ACTION_ITEMS.reopen, handleActionItemButton(deps, 'reopen'));
  app.action(ACTION_ITEMS.snoozeDay, handleActionItemButton(deps, 'snooze-day'));
  app.action(ACTION_ITEMS.snoozeWeek, handleActionItemButton(deps, 'snooze-week'));
  app.action(ACTION_ITEMS.reassign, handleReassignItemButton(deps));
  app.view(ACTION_REASSIGN_MODAL.callbackId, handleReassignItemSubmission(deps));
  app.action(ACTION_ITEMS.create, handleCreateButton(deps));
  app.view(ACTION_MODAL.callbackId, handleActionSubmission(deps));
  app.shortcut({ callback_id: ACTION_SHORTCUT.callbackId, type: 'message_action' }, handleActionShortcut(deps));
  app.action(COMMITMENTS.open, handleOpenCommitments(deps));
  app.view(COMMITMENTS.callbackId, handleCommitmentsSubmission(deps));
  app.action(RSVP.attending, handleRsvpButton(deps, 'attending'));
  app.action(RSVP.notAttending, handleRsvpButton(deps, 'not-attending'));
  app.action(RSVP.maybe, handleRsvpButton(deps, 'maybe'));
  app.action(SURVEY.answer, handleAnswerButton(deps));
  app.view(SURVEY.callbackId, handleSurveySubmission(deps));
  app.action(COMMS.menu, handleCommsMenu(deps));
  app.action(COMMS.recapDetails, handleRecapDetailsButton(deps));
  app.action(new RegExp(`^${COMMS.previewButton}_\\d+$`), handlePreviewButton());
  app.view(COMMS.edit.callbackId, handleCommsEditSubmission(deps));
  app.action(BUDGET.recordExpense, handleBudgetButton(deps, 'expense'));
  app.action(BUDGET.editSplit, handleBudgetButton(deps, 'split'));
  app.view(BUDGET.expense.callbackId, handleExpenseSubmission(deps));
  app.view(BUDGET.split.callbackId, handleSplitSubmission(deps));
  app.action(AGENDA.addSession, handleAddSessionButton(deps));
  app.action(AGENDA.addAnother, handleAddAnotherButton(deps));
  app.view(AGENDA.session.callbackId, handleSessionSubmission(deps));
  app.action(EXPORTS.actionItems, handleExportActionItems(deps));
  app.action(EXPORTS.surveyAnswers, handleSendSurveyAnswers(deps));
  app.action(EXPORTS.surveyQuestions, handleSendSurveyQuestions(deps));
  app.action(EXPORTS.crmUpdate, handleExportCrmUpdate(deps));
  app.action(RUN_OF_SHOW.started, handleRunOfShowButton(deps, 'started'));
  app.action(RUN_OF_SHOW.ended, handleRunOfShowButton(deps, 'ended'));
  app.action(RUN_OF_SHOW.shift, handleRunOfShowButton(deps, 'shift'));
  app.action(RUN_OF_SHOW.open, handleOpenRunOfShow(deps));
  app.action(TRAVEL.open, handleOpenTravelForm(deps));
  app.view(TRAVEL.callbackId, handleTravelSubmission(deps));
  app.action(TRAVEL.csv, handleTravelCsvButton(deps));
  app.action(CHECK_IN.here, handleCheckInButton(deps));
  app.view(CHECK_IN.callbackId, handleCheckInSubmission(deps));
  app.action(CONTENT.submit, handleSubmitContentButton(deps));
  app.view(CONTENT.submitModal.callbackId, handleSubmitContentSubmission(deps));
  app.action(CONTENT.approve, handleApproveContentButton(deps));
  app.action(CONTENT.askChanges, handleAskChangesButton(deps));
  app.view(CONTENT.changesModal.callbackId, handleAskChangesSubmission(deps));
  app.action(QA.ask, handleAskButton(deps));
  app.view(QA.callbackId, handleAskSubmission(deps));
  app.action(QA.upvote, handleUpvote(deps));
  app.action(QA.answered, handleMarkAnswered(deps));
}
