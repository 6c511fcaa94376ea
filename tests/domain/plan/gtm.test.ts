import { describe, expect, it } from 'vitest';
import { GTM_CHALLENGE_INFO, GTM_CHALLENGES, isGtmChallenge } from '../../../src/domain/plan/gtm.js';

describe('the go-to-market challenge', () => {
  it('accepts the four challenges of seed 001 and nothing else', () => {
    for (const c of GTM_CHALLENGES) expect(isGtmChallenge(c), c).toBe(true);
    for (const v of ['', 'Misalignment', 'low belief', 'other']) expect(isGtmChallenge(v), v).toBe(false);
  });

  it('gives each a radio-button description Slack accepts (at most 75 characters)', () => {
    for (const c of GTM_CHALLENGES) expect(GTM_CHALLENGE_INFO[c].short.length, c).toBeLessThanOrEqual(75);
  });
});
