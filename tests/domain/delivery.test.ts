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

describe('explaining every kind of failure', () => {
  const channel = { kind: 'channel', mention: '<#C1>' } as const;
  const person = { kind: 'person', mention: '<@U1>' } as const;

  it('tells a channel problem from a direct-message problem', () => {
    expect(explainDeliveryError('channel_not_found', channel)).toBe(
      'I am not a member of <#C1>: invite me there (`/invite @SKO Conductor`), or choose another event channel in `/sko setup`.',
    );
    expect(explainDeliveryError('channel_not_found', person)).toBe('Slack could not open a direct message with <@U1>.');
    expect(explainDeliveryError('not_in_channel', person)).toBe('Slack could not open a direct message with <@U1>.');
    expect(explainDeliveryError('is_archived', channel)).toBe('<#C1> is archived: choose another event channel in `/sko setup`.');
  });

  it('asks to reassign a person who is gone, whichever way Slack says it', () => {
    for (const code of ['user_not_found', 'users_not_found', 'account_inactive', 'user_disabled'])
      expect(explainDeliveryError(code, person), code).toBe(
        "<@U1>'s Slack account is deactivated or gone: reassign their tasks (`/sko plan`) or name someone else in `/sko setup`.",
      );
    expect(explainDeliveryError('cannot_dm_bot', person)).toBe('<@U1> is a bot and cannot receive direct messages: name a person in `/sko setup`.');
  });

  it('sends permission problems to a reinstall and malformed messages to the maintainers, naming the code', () => {
    for (const code of ['missing_scope', 'invalid_auth', 'not_authed', 'token_revoked', 'token_expired'])
      expect(explainDeliveryError(`${code}: after 1 attempt`, channel), code).toBe(
        `SKO Conductor's Slack permissions are missing or revoked (\`${code}\`): reinstall the app from its manifest.`,
      );
    for (const code of ['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'no_text'])
      expect(explainDeliveryError(`${code} after 1 attempt`, channel), code).toBe(
        `Slack refused the message as malformed (\`${code}\`): a bug in SKO Conductor, logged for its maintainers.`,
      );
  });

  it('says a message that went stale was dropped, and quotes anything it does not know', () => {
    expect(explainDeliveryError('stale', person)).toBe('It could not be sent before it stopped being useful, so it was dropped.');
    expect(explainDeliveryError('weird_error: details', person)).toBe('Slack kept answering `weird_error: details`.');
  });
});

describe('TokenBucket edges', () => {
  it('is full when created and stops being full after one send', () => {
    const bucket = new TokenBucket(2, 1 / 1000, 0);
    expect(bucket.isFull(0)).toBe(true);
    bucket.take(0);
    expect(bucket.isFull(0)).toBe(false);
    expect(bucket.isFull(999)).toBe(false);
    expect(bucket.isFull(1000)).toBe(true);
  });

  it('never stores more than its burst, however long it sat idle', () => {
    const bucket = new TokenBucket(2, 1 / 1000, 0);
    for (let i = 0; i < 2; i += 1) {
      expect(bucket.waitMs(60_000)).toBe(0);
      bucket.take(60_000);
    }
    expect(bucket.waitMs(60_000)).toBe(1000);
  });

  it('ignores a clock that steps back instead of taking tokens away', () => {
    const bucket = new TokenBucket(1, 1 / 1000, 0);
    bucket.take(1000);
    expect(bucket.waitMs(500)).toBe(1000);
    expect(bucket.waitMs(1500)).toBe(500);
  });
});

describe('retry delays from the first attempt', () => {
  it('never go below half the base, even for an attempt numbered 0', () => {
    expect(retryDelayMs(0, DEFAULT_RETRY, () => 0)).toBe(1_000);
    expect(retryDelayMs(0, DEFAULT_RETRY, () => 1)).toBe(2_000);
  });
});
