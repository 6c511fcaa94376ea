import type { Db } from '../../../db/client.js';
import { narrativeFeedback } from '../../../db/schema.js';

export type Verdict = 'useful' | 'not-useful';

/** Keeps one reader's verdict on a text the model wrote; the text itself is not kept. */
export function recordFeedback(db: Db, feedback: { purpose: string; verdict: Verdict; slackUserId: string; at: Date }): void {
  db.insert(narrativeFeedback)
    .values({ purpose: feedback.purpose.slice(0, 100), verdict: feedback.verdict, slackUserId: feedback.slackUserId, givenAt: feedback.at.toISOString() })
    .run();
}
