/** What an SKO's people do in Slack around the event, beside answering the save-the-date and surveys: content put up for approval, travel details, checking in, the run of show, live questions, and the new fiscal year's first sales. */
import type { Db } from '../../db/client.js';
import { checkInSteps } from './check-in.js';
import { contentApprovalSteps } from './content-approval.js';
import type { DemoLife, Step } from './living.js';
import { q1SalesSteps } from './q1-sales.js';
import { questionsSteps } from './questions.js';
import { runOfShowSteps } from './run-of-show.js';
import { travelSteps } from './travel.js';

export function eventLife(db: Db, life: DemoLife): Step[] {
  return [
    ...contentApprovalSteps(db, life),
    ...travelSteps(db, life),
    ...checkInSteps(db, life),
    ...runOfShowSteps(db, life),
    ...questionsSteps(db, life),
    ...q1SalesSteps(db, life),
  ];
}
