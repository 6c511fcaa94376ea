/**
 * What the digest, the scorecard and App Home read from the communications, surveys and action-item
 * services. Each source answers null until the service that measures it is installed, and the
 * reader then shows "not measured yet" with what would measure it. Wire the real services here.
 */
import type { Db } from '../../db/client.js';
import type { ActionSummary } from '../domain/action-reports.js';

export interface SurveyRate {
  name: string;
  sent: number;
  answered: number;
}

export interface SurveyFigures {
  rates: SurveyRate[];
  /** Scorecard figures the survey answers give (plan clarity, satisfaction, …), by metric key. */
  measures: Partial<Record<string, number>>;
  /** Surveys a person has not answered yet, for their App Home. */
  pendingFor(personId: number): string[];
}

export interface RsvpFigures {
  attending: number;
  notAttending: number;
  maybe: number;
  /** A person's own answer, for their App Home; null when they have not answered. */
  answerOf(personId: number): 'attending' | 'not attending' | 'maybe' | null;
}

export interface CommunicationFigures {
  sent: { label: string; on: string }[];
  next: { label: string; on: string }[];
}

export interface DigestSources {
  actionItems(db: Db, eventId: number, today: string): ActionSummary | null;
  surveys(db: Db, eventId: number): SurveyFigures | null;
  rsvps(db: Db, eventId: number): RsvpFigures | null;
  communications(db: Db, eventId: number, today: string): CommunicationFigures | null;
}

/** What would measure each source, for the "not measured yet" lines. */
export const SOURCE_NEEDS = {
  actionItems: 'Action items are counted once they are created in Slack ("Create action item") and tracked by the app.',
  surveys: 'Response rates appear once the pre-event survey (week 6) goes out through the app.',
  rsvps: 'RSVPs are counted from the save-the-date buttons (week 6).',
  communications: 'Communications are listed once the communication calendar sends through the app.',
} as const;

/** Nothing measured: the services that record these are not installed yet. */
export const DIGEST_SOURCES: DigestSources = {
  actionItems: () => null,
  surveys: () => null,
  rsvps: () => null,
  communications: () => null,
};
