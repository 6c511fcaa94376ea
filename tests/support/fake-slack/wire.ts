/** Decoding requests the way Slack's API does, and the small value helpers every part of the fake shares. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiArgs, ApiResponse, FailureFilter } from './types.js';

/** What a handler returns: a JSON body, optionally with a non-200 status and headers. */
export interface Reply {
  status: number;
  body: ApiResponse;
  headers?: Record<string, string>;
  /** Carried out, never answered. */
  hang?: boolean;
}

/** A request body the fake cannot decode; the message is the Slack error code to answer. */
export class BadRequest extends Error {}

export const ok = (fields: Record<string, unknown> = {}): ApiResponse => ({ ok: true, ...fields });
export const fail = (error: string, fields: Record<string, unknown> = {}): ApiResponse => ({ ok: false, error, ...fields });

/** `invalid_arguments` with Slack's `[ERROR] …` messages. */
export const invalidArguments = (...messages: string[]): ApiResponse =>
  fail('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function randomId(prefix: string, length = 10): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function randomDigits(n: number): string {
  let out = String(1 + (randomBytes(1)[0]! % 9));
  while (out.length < n) out += String(randomBytes(1)[0]! % 10);
  return out;
}

/** "1700000000.000100" <-> microseconds since epoch. */
export function tsToMicros(ts: string): number {
  const [sec, frac = '0'] = ts.split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export function microsToTs(micros: number): string {
  const sec = Math.floor(micros / 1_000_000);
  return `${sec}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Parses JSON-looking form fields (`blocks`, `view`, `metadata`...) the way Slack does. */
function decodeFormValue(value: string): unknown {
  const t = value.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

export function parseArgs(contentType: string, raw: string, query: URLSearchParams): ApiArgs {
  const args: ApiArgs = {};
  for (const [k, v] of query) args[k] = decodeFormValue(v);
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (raw.length === 0) return args;
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed)) throw new BadRequest('invalid_json');
    return { ...args, ...parsed };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = decodeFormValue(v);
    return args;
  }
  throw new BadRequest('invalid_form_data');
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function matchesFilter(filter: FailureFilter | undefined, args: ApiArgs, resolveChannel: (c: string) => string): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'function') return filter(args);
  if (filter.channel !== undefined) {
    const channel = str(args.channel);
    if (channel === undefined) return false;
    if (channel !== filter.channel && resolveChannel(channel) !== resolveChannel(filter.channel)) return false;
  }
  if (filter.user !== undefined) {
    const user = str(args.user) ?? str(args.user_id) ?? str(args.users);
    if (user !== filter.user) return false;
  }
  return true;
}
