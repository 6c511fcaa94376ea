/** Seed 001: the core go-to-market challenge decides what the SKO must install. */
export const GTM_CHALLENGES = ['misalignment', 'inconsistent-execution', 'low-belief', 'manager-variability'] as const;
export type GtmChallenge = (typeof GTM_CHALLENGES)[number];

export interface GtmChallengeInfo {
  label: string;
  /** What the plan follows when this is the challenge (seed 001, "How leaders should decide"). */
  focus: string;
  /** The same in a few words, for a radio button's description (Slack allows 75 characters). */
  short: string;
}

export const GTM_CHALLENGE_INFO: Record<GtmChallenge, GtmChallengeInfo> = {
  misalignment: {
    label: 'Misalignment',
    focus: 'Re-establish a single narrative every seller and manager can say without slides.',
    short: 'One narrative every seller can say without slides',
  },
  'inconsistent-execution': {
    label: 'Inconsistent execution',
    focus: 'Install standards for discovery, qualification, account planning and deal progression.',
    short: 'Install standards: discovery, qualification, deal progression',
  },
  'low-belief': {
    label: 'Low belief',
    focus: 'Name what did not work last year and what will be different now.',
    short: 'Name what did not work last year and what changes now',
  },
  'manager-variability': {
    label: 'Manager variability',
    focus: 'Train managers first, and differently, so they reinforce behaviours rather than inspect numbers.',
    short: 'Train managers first, to coach behaviours, not inspect numbers',
  },
};

export function isGtmChallenge(value: string): value is GtmChallenge {
  return (GTM_CHALLENGES as readonly string[]).includes(value);
}
