/**
 * What a modal's inputs hold when submitted: `view.state.values`, shaped exactly as Slack sends it.
 */
import type { StoredView } from '../fake-slack/types.js';
import { viewInputs } from '../fake-slack/views.js';

/** One `state.values[block_id][action_id]` entry. */
export interface StateValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_channel?: string | null;
  selected_option?: SelectedOption | null;
  selected_options?: SelectedOption[];
}

export interface SelectedOption {
  text: { type: 'plain_text'; text: string; emoji?: boolean };
  value: string;
}

export type StateValues = Record<string, Record<string, StateValue>>;

/** A selected option as Slack sends it, in `state.values` and in a block action's payload. */
export function option(value: string, text = value): SelectedOption {
  return { text: { type: 'plain_text', text, emoji: true }, value };
}

/** Builders for `state.values` entries, shaped like the ones Slack sends for each element type. */
export const stateValue = {
  text: (value: string | null): StateValue => ({ type: 'plain_text_input', value }),
  number: (value: string | null): StateValue => ({ type: 'number_input', value }),
  email: (value: string | null): StateValue => ({ type: 'email_text_input', value }),
  url: (value: string | null): StateValue => ({ type: 'url_text_input', value }),
  date: (selected_date: string | null): StateValue => ({ type: 'datepicker', selected_date }),
  time: (selected_time: string | null): StateValue => ({ type: 'timepicker', selected_time }),
  user: (selected_user: string | null): StateValue => ({ type: 'users_select', selected_user }),
  users: (selected_users: string[]): StateValue => ({ type: 'multi_users_select', selected_users }),
  channel: (selected_conversation: string | null): StateValue => ({ type: 'conversations_select', selected_conversation }),
  channels: (selected_conversations: string[]): StateValue => ({
    type: 'multi_conversations_select',
    selected_conversations,
  }),
  option: (value: string | null, text?: string): StateValue => ({
    type: 'static_select',
    selected_option: value === null ? null : option(value, text),
  }),
  options: (values: (string | { value: string; text: string })[]): StateValue => ({
    type: 'multi_static_select',
    selected_options: values.map((v) => (typeof v === 'string' ? option(v) : option(v.value, v.text))),
  }),
  radio: (value: string | null, text?: string): StateValue => ({
    type: 'radio_buttons',
    selected_option: value === null ? null : option(value, text),
  }),
  checkboxes: (values: string[]): StateValue => ({ type: 'checkboxes', selected_options: values.map((v) => option(v)) }),
};

const EMPTY_FIELD: Record<string, keyof StateValue> = {
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  users_select: 'selected_user',
  multi_users_select: 'selected_users',
  conversations_select: 'selected_conversation',
  multi_conversations_select: 'selected_conversations',
  channels_select: 'selected_channel',
  static_select: 'selected_option',
  external_select: 'selected_option',
  radio_buttons: 'selected_option',
  multi_static_select: 'selected_options',
  checkboxes: 'selected_options',
};

/** The entry Slack sends for an input of element type `type` left empty: null, or no selections. */
export function emptyValue(type: string): StateValue {
  const field = EMPTY_FIELD[type] ?? 'value';
  // The plural fields (selected_users, selected_options…) hold lists.
  return { type, [field]: field.endsWith('s') ? [] : null };
}

/** `values` as Slack sends them when a person fills those inputs of `view` and leaves the others empty. */
export function withEmptyInputs(view: { blocks: unknown[] }, values: StateValues): StateValues {
  const all: StateValues = { ...values };
  for (const [blockId, input] of viewInputs(view)) all[blockId] ??= { [input.actionId]: emptyValue(input.type) };
  return all;
}

/** Why these values could not be a submission of `view`; empty when a person could have sent them. */
export function submissionMismatch(view: StoredView, callbackId: string | undefined, values: StateValues): string[] {
  const problems: string[] = [];
  if (callbackId !== undefined && callbackId !== view.callback_id) {
    problems.push(`the view's callback_id is ${JSON.stringify(view.callback_id)}, not ${JSON.stringify(callbackId)}`);
  }
  const inputs = viewInputs(view);
  for (const [blockId, actions] of Object.entries(values)) {
    const expected = inputs.get(blockId);
    if (!expected) {
      problems.push(`block ${JSON.stringify(blockId)} is not an input block of the view (its inputs: ${[...inputs.keys()].join(', ') || 'none'})`);
      continue;
    }
    for (const [actionId, value] of Object.entries(actions)) {
      if (actionId !== expected.actionId)
        problems.push(`block ${JSON.stringify(blockId)} holds element ${JSON.stringify(expected.actionId)}, not ${JSON.stringify(actionId)}`);
      else if (value.type !== expected.type) problems.push(`${blockId}.${actionId} is a ${expected.type}, not a ${value.type}`);
    }
    if (!(expected.actionId in actions)) problems.push(`block ${JSON.stringify(blockId)} has no value for its element ${JSON.stringify(expected.actionId)}`);
  }
  for (const blockId of inputs.keys()) {
    if (!(blockId in values)) problems.push(`input block ${JSON.stringify(blockId)} is missing: Slack sends every input, empty ones as null`);
  }
  return problems;
}
