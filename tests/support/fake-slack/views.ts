/**
 * Modals and Home tabs: trigger_ids (3 s, single use), views.open/push/update/publish, and what a
 * view_submission's acknowledgement does to the modal (update, push, clear, errors), each view
 * checked against Block Kit's limits as Slack checks it.
 */
import { randomBytes } from 'node:crypto';
import { checkView, LIMITS, viewByteSize } from '../block-kit-limits.js';
import type { ApiArgs, ApiResponse, StoredView, Workspace } from './types.js';
import { fail, invalidArguments, isObject, ok, randomDigits, randomId, str } from './wire.js';

const TRIGGER_TTL_MS = 3_000;
const MAX_STACKED_MODALS = 3;

interface Trigger {
  issuedAt: number;
  used: boolean;
  viewId?: string;
}

type Checked = { error: ApiResponse } | { view: Record<string, unknown> };

/** Why Slack would refuse a view object (byte size, then Block Kit limits); empty when it passes. */
function viewProblems(view: unknown): string[] {
  if (!isObject(view)) return ['must provide an object [json-pointer:/view]'];
  if (viewByteSize(view) > LIMITS.viewBytes) return [`view_too_large: more than ${LIMITS.viewBytes} bytes`];
  return checkView(view);
}

/** What a submission of `view` carries in `state.values`: one entry per input block, under its element's action_id and type. */
export function viewInputs(view: { blocks: unknown[] }): Map<string, { actionId: string; type: string }> {
  const inputs = new Map<string, { actionId: string; type: string }>();
  for (const block of view.blocks) {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) continue;
    const blockId = str(block.block_id);
    const actionId = str(block.element.action_id);
    const type = str(block.element.type);
    if (blockId !== undefined && actionId !== undefined && type !== undefined) inputs.set(blockId, { actionId, type });
  }
  return inputs;
}

export class Views {
  #views = new Map<string, StoredView>();
  #homeViews = new Map<string, string>(); // user id -> view id
  #triggers = new Map<string, Trigger>();

  constructor(
    readonly workspace: Workspace,
    readonly isDeletedUser: (userId: string) => boolean,
  ) {}

  reset(): void {
    this.#views.clear();
    this.#homeViews.clear();
    this.#triggers.clear();
  }

  get(viewId: string): StoredView | undefined {
    return this.#views.get(viewId);
  }

  all(): StoredView[] {
    return [...this.#views.values()];
  }

  homeViewOf(userId: string): StoredView | undefined {
    const id = this.#homeViews.get(userId);
    return id ? this.#views.get(id) : undefined;
  }

  issueTriggerId(context: { viewId?: string }): string {
    const id = `${randomDigits(12)}.${randomDigits(13)}.${randomBytes(16).toString('hex')}`;
    this.#triggers.set(id, { issuedAt: this.workspace.now(), used: false, viewId: context.viewId });
    return id;
  }

  viewsOpen(args: ApiArgs, mode: 'open' | 'push'): ApiResponse {
    const t = this.#useTrigger(args);
    if ('error' in t) return t.error;
    const v = checkViewArg(args);
    if ('error' in v) return v.error;
    if (v.view.type !== 'modal') return invalidArguments('must be modal [json-pointer:/view/type]');
    if (this.#externalIdTaken(v.view.external_id)) return fail('duplicate_external_id');
    const from = mode === 'push' && t.trigger.viewId ? this.#views.get(t.trigger.viewId) : undefined;
    if (from && this.#stackOf(from).length >= MAX_STACKED_MODALS) return fail('push_limit_reached');
    t.trigger.used = true;
    const id = randomId('V');
    const view = this.#store(v.view, { id, root_view_id: from?.root_view_id ?? id, previous_view_id: from?.id ?? null });
    return ok({ view });
  }

  viewsUpdate(args: ApiArgs): ApiResponse {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) return invalidArguments('either view_id or external_id is required');
    const existing = viewId ? this.#views.get(viewId) : [...this.#views.values()].find((x) => x.external_id === externalId);
    if (!existing) return fail('not_found');
    const hash = str(args.hash);
    if (hash && hash !== existing.hash) return fail('hash_conflict');
    const v = checkViewArg(args);
    if ('error' in v) return v.error;
    if (this.#externalIdTaken(v.view.external_id, existing.id)) return fail('duplicate_external_id');
    return ok({ view: this.#replace(existing, v.view) });
  }

  viewsPublish(args: ApiArgs): ApiResponse {
    const userId = str(args.user_id);
    if (!userId) return invalidArguments('missing required field: user_id');
    if (!/^[UW][A-Z0-9]+$/.test(userId) || this.isDeletedUser(userId)) return fail('user_not_found');
    const v = checkViewArg(args);
    if ('error' in v) return v.error;
    if (v.view.type !== 'home') return invalidArguments('must be home [json-pointer:/view/type]');
    const existing = this.homeViewOf(userId);
    const hash = str(args.hash);
    if (existing && hash && hash !== existing.hash) return fail('hash_conflict');
    const id = existing?.id ?? randomId('V');
    const view = this.#store(v.view, { id, root_view_id: id });
    this.#homeViews.set(userId, id);
    return ok({ view });
  }

  /**
   * What Slack does with a view_submission's acknowledgement body, or why it would refuse it (then
   * the person sees "We had some trouble connecting" and the modal stays as it was).
   */
  acknowledgeSubmission(submitted: StoredView, ack: Record<string, unknown> | undefined): string[] {
    const action = ack?.response_action;
    if (ack === undefined || action === undefined) return [];
    switch (action) {
      case 'update':
      case 'push': {
        const view = ack.view;
        const problems = viewProblems(view);
        if (problems.length > 0 || !isObject(view)) return problems;
        if (view.type !== 'modal') return ['must be modal [json-pointer:/view/type]'];
        if (action === 'update') {
          this.#replace(submitted, view);
          return [];
        }
        if (this.#stackOf(submitted).length >= MAX_STACKED_MODALS) return ['push_limit_reached: no more than 3 modals in a stack'];
        this.#store(view, { id: randomId('V'), root_view_id: submitted.root_view_id, previous_view_id: submitted.id });
        return [];
      }
      case 'errors':
        return submissionErrorProblems(submitted, ack.errors);
      case 'clear':
        return [];
      default:
        return [`unknown response_action ${JSON.stringify(action)}`];
    }
  }

  #stackOf(view: StoredView): StoredView[] {
    return [...this.#views.values()].filter((x) => x.root_view_id === view.root_view_id);
  }

  /** Applies the trigger_id rules; returns an error response or the trigger. */
  #useTrigger(args: ApiArgs): { error: ApiResponse } | { trigger: Trigger } {
    const id = str(args.trigger_id);
    if (!id) return { error: invalidArguments('missing required field: trigger_id [json-pointer:/trigger_id]') };
    const trigger = this.#triggers.get(id);
    if (!trigger) return { error: fail('invalid_trigger_id') };
    if (trigger.used) return { error: fail('exchanged_trigger_id') };
    if (this.workspace.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: fail('expired_trigger_id') };
    return { trigger };
  }

  /** A new version of a view: same id, stack and external_id, new content and hash. */
  #replace(existing: StoredView, input: Record<string, unknown>): StoredView {
    return this.#store(input, {
      id: existing.id,
      root_view_id: existing.root_view_id,
      previous_view_id: existing.previous_view_id,
      external_id: existing.external_id,
    });
  }

  #store(input: Record<string, unknown>, base: Partial<StoredView> & { id: string; root_view_id: string }): StoredView {
    const { teamId, appId, botId } = this.workspace;
    const externalId = str(input.external_id) ?? base.external_id ?? '';
    const view: StoredView = {
      team_id: teamId,
      title: null,
      close: null,
      submit: null,
      clear_on_close: false,
      notify_on_close: false,
      state: { values: {} },
      app_id: appId,
      app_installed_team_id: teamId,
      bot_id: botId,
      previous_view_id: null,
      ...base,
      ...input,
      id: base.id,
      type: str(input.type) ?? 'modal',
      blocks: Array.isArray(input.blocks) ? input.blocks : [],
      private_metadata: str(input.private_metadata) ?? '',
      callback_id: str(input.callback_id) ?? '',
      external_id: externalId,
      root_view_id: base.root_view_id,
      hash: `${Math.floor(this.workspace.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    };
    this.#views.set(view.id, view);
    return view;
  }

  #externalIdTaken(externalId: unknown, exceptViewId?: string): boolean {
    const ext = str(externalId);
    if (!ext) return false;
    return [...this.#views.values()].some((v) => v.external_id === ext && v.id !== exceptViewId);
  }
}

/** Validates a view argument; returns an error response or the view object. */
function checkViewArg(args: ApiArgs): Checked {
  const view = args.view;
  if (view === undefined) return { error: invalidArguments('missing required field: view') };
  if (!isObject(view)) return { error: invalidArguments('must provide an object [json-pointer:/view]') };
  if (viewByteSize(view) > LIMITS.viewBytes) return { error: fail('view_too_large') };
  const errors = checkView(view);
  if (errors.length > 0) return { error: invalidArguments(...errors) };
  return { view };
}

/** `response_action: 'errors'` names input blocks of the submitted view, each with a message to show under it. */
function submissionErrorProblems(view: StoredView, errors: unknown): string[] {
  if (!isObject(errors) || Object.keys(errors).length === 0) return ['response_action errors needs an `errors` object naming at least one input block'];
  const inputs = viewInputs(view);
  const problems: string[] = [];
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputs.has(blockId)) problems.push(`errors names ${JSON.stringify(blockId)}, which is not an input block of the view`);
    if (typeof message !== 'string' || message.trim() === '') problems.push(`errors.${blockId} must be a non-empty string`);
  }
  return problems;
}
