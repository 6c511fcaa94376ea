import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, explainDeliveryError, isPermanentError, retryDelayMs, TokenBucket } from '../../src/domain/delivery.js';

describe('retry delays', () => {
  it('double from 2 s, stay between half and all of each step, and stop growing at 5 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(9, DEFAULT_RETRY, () => 1)).toBe(300_000);
    expect(retryDelayMs(30, DEFAULT_RETRY, () => 0)).toBe(150_000);
  });
});

describe('which Slack errors are worth retrying', () => {
  it('retries Slack’s own trouble and records everything else once', () => {
    for (const code of ['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']) expect(isPermanentError(code), code).toBe(false);
    for (const code of ['channel_not_found', 'is_archived', 'user_not_found', 'account_inactive', 'not_in_channel', 'invalid_blocks', 'something_new'])
      expect(isPermanentError(code), code).toBe(true);
  });
});

describe('explaining a failure to the SKO lead', () => {
  it('says what to do for the common cases', () => {
    expect(explainDeliveryError('not_in_channel', { kind: 'channel', mention: '<#C1>' })).toBe(
      'I am not a member of <#C1>: invite me there (`/invite @SKO Conductor`), or choose another event channel in `/sko setup`.',
    );
    expect(explainDeliveryError('account_inactive', { kind: 'person', mention: '<@U1>' })).toBe(
      "<@U1>'s Slack account is deactivated or gone: reassign their tasks (`/sko plan`) or name someone else in `/sko setup`.",
    );
    expect(explainDeliveryError('http_503 after 10 attempts', { kind: 'person', mention: '<@U1>' })).toBe('Slack kept answering `http_503 after 10 attempts`.');
    expect(explainDeliveryError('unconfirmed: missing_scope', { kind: 'person', mention: '<@U1>' })).toBe(
      'The app stopped while sending it and could not check whether it arrived (missing_scope), so it was not sent again.',
    );
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then one token per interval', () => {
    const bucket = new TokenBucket(3, 1 / 1000, 0);
    for (let i = 0; i < 3; i += 1) {
      expect(bucket.waitMs(0)).toBe(0);
      bucket.take(0);
    }
    expect(bucket.waitMs(0)).toBe(1000);
    expect(bucket.waitMs(400)).toBe(600);
    bucket.take(1000);
    expect(bucket.waitMs(1000)).toBe(1000);
    expect(bucket.isFull(4000)).toBe(true);
  });
});
