/** What a CRM stage name says of a deal's outcome: the one reading the importer and every agent share. */
export type Outcome = 'won' | 'lost' | 'open';

const WON = /^(?:closed[ _-])?won$/i;
const LOST = /^(?:closed[ _-])?lost$/i;

/** `won`, `closed won`, `closed-won`, `closed_won` (any case) are won; the same with `lost` are lost; any other stage is open. */
export function outcomeOf(stage: string): Outcome {
  const s = stage.trim();
  if (WON.test(s)) return 'won';
  if (LOST.test(s)) return 'lost';
  return 'open';
}
