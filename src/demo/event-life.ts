/** What an SKO's people do in Slack around the event, beside answering the save-the-date and surveys: the run of show, travel details. */
import type { Db } from '../../db/client.js';
import type { DemoLife, Step } from './living.js';
import { runOfShowSteps } from './run-of-show.js';
import { travelSteps } from './travel.js';

export function eventLife(db: Db, life: DemoLife): Step[] {
  return [...travelSteps(db, life), ...runOfShowSteps(db, life)];
}
