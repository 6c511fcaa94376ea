/**
 * Offline Block Kit limit checks, producing the same messages Slack's API puts in
 * `errors` / `response_metadata.messages`, e.g.
 *   `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`
 *   `no more than 50 items allowed [json-pointer:/blocks]`
 *
 * Limits follow Slack's Block Kit reference (blocks, elements, composition objects, modal/home views)
 * and agree with python-slack-sdk's validators. Message wording for lengths and counts is the wording
 * observed in real API responses; the few rules whose exact wording Slack does not publish
 * (wrong text type, missing required field) use Slack's observed `missing required field: x` style.
 *
 * Pure functions: no I/O, no clock. Character counts are Unicode code points.
 */

/** Limits, named so tests and the fake can refer to them. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  selectOptions: 100,
  selectOptionGroups: 100,
  optionGroupLabel: 75,
  overflowOptions: 5,
  radioOptions: 10,
  checkboxOptions: 10,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputMaxLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  /** views.* answer `view_too_large` above this many bytes of view JSON. */
  viewBytes: 250_000,
  /** chat.postMessage text is rejected (`msg_too_long`) above this. */
  postMessageText: 40_000,
  /** chat.update text is rejected (`msg_too_long`) above this. */
  updateText: 4_000,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function charCount(s: string): number {
  return Array.from(s).length;
}

function at(pointer: string): string {
  return `[json-pointer:${pointer}]`;
}

/** Collects messages while walking a structure. */
class Checker {
  readonly messages: string[] = [];

  add(message: string, pointer: string): void {
    this.messages.push(`${message} ${at(pointer)}`);
  }

  /** A string property limited to `max` characters (and, optionally, at least `min`). */
  maxString(value: unknown, pointer: string, max: number, min = 0): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') {
      this.add('must provide a string', pointer);
      return;
    }
    const n = charCount(value);
    if (n > max) this.add(`must be less than ${max + 1} characters`, pointer);
    else if (n < min) this.add(`must be more than ${min - 1} characters`, pointer);
  }

  /** An array property limited to `max` items. Returns the items (or [] when absent/not an array). */
  maxItems(value: unknown, pointer: string, max: number): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.add('must provide an array', pointer);
      return [];
    }
    if (value.length > max) this.add(`no more than ${max} items allowed`, pointer);
    return value;
  }

  /** A text composition object `{type, text}`, limited to `max` characters of text. */
  textObject(value: unknown, pointer: string, max: number, opts: { plainOnly?: boolean; min?: number } = {}): void {
    if (value === undefined || value === null) return;
    if (!isObject(value)) {
      this.add('must provide an object', pointer);
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.add('must be one of plain_text, mrkdwn', `${pointer}/type`);
    } else if (opts.plainOnly && value.type !== 'plain_text') {
      this.add('must be plain_text', `${pointer}/type`);
    }
    if (value.text === undefined) {
      this.add('missing required field: text', pointer);
      return;
    }
    this.maxString(value.text, `${pointer}/text`, max, opts.min ?? 1);
  }

  required(obj: Json, field: string, pointer: string): boolean {
    if (obj[field] === undefined || obj[field] === null) {
      this.add(`missing required field: ${field}`, pointer);
      return false;
    }
    return true;
  }
}

const SELECTS_WITH_STATIC_OPTIONS = new Set(['static_select', 'multi_static_select']);
const OPTION_COUNT_LIMITS: Record<string, number> = {
  static_select: LIMITS.selectOptions,
  multi_static_select: LIMITS.selectOptions,
  overflow: LIMITS.overflowOptions,
  radio_buttons: LIMITS.radioOptions,
  checkboxes: LIMITS.checkboxOptions,
};

function checkConfirm(c: Checker, confirm: unknown, pointer: string): void {
  if (confirm === undefined || confirm === null) return;
  if (!isObject(confirm)) {
    c.add('must provide an object', pointer);
    return;
  }
  c.textObject(confirm.title, `${pointer}/title`, LIMITS.confirmTitle, { plainOnly: true });
  c.textObject(confirm.text, `${pointer}/text`, LIMITS.confirmText);
  c.textObject(confirm.confirm, `${pointer}/confirm`, LIMITS.confirmButton, { plainOnly: true });
  c.textObject(confirm.deny, `${pointer}/deny`, LIMITS.confirmButton, { plainOnly: true });
}

function checkOption(c: Checker, option: unknown, pointer: string): void {
  if (!isObject(option)) {
    c.add('must provide an object', pointer);
    return;
  }
  if (c.required(option, 'text', pointer)) c.textObject(option.text, `${pointer}/text`, LIMITS.optionText);
  c.maxString(option.value, `${pointer}/value`, LIMITS.optionValue);
  c.textObject(option.description, `${pointer}/description`, LIMITS.optionDescription);
  c.maxString(option.url, `${pointer}/url`, LIMITS.buttonUrl);
}

function checkOptions(c: Checker, element: Json, pointer: string): void {
  const type = String(element.type);
  const maxOptions = OPTION_COUNT_LIMITS[type] ?? LIMITS.selectOptions;
  const options = c.maxItems(element.options, `${pointer}/options`, maxOptions);
  options.forEach((o, i) => {
    checkOption(c, o, `${pointer}/options/${i}`);
  });
  if (SELECTS_WITH_STATIC_OPTIONS.has(type)) {
    const groups = c.maxItems(element.option_groups, `${pointer}/option_groups`, LIMITS.selectOptionGroups);
    groups.forEach((g, gi) => {
      const gp = `${pointer}/option_groups/${gi}`;
      if (!isObject(g)) {
        c.add('must provide an object', gp);
        return;
      }
      c.textObject(g.label, `${gp}/label`, LIMITS.optionGroupLabel, { plainOnly: true });
      const groupOptions = c.maxItems(g.options, `${gp}/options`, LIMITS.selectOptions);
      groupOptions.forEach((o, oi) => {
        checkOption(c, o, `${gp}/options/${oi}`);
      });
    });
  }
  if (element.initial_option !== undefined) checkOption(c, element.initial_option, `${pointer}/initial_option`);
}

/** Checks one interactive/non-interactive element (button, selects, inputs, image, text in context...). */
function checkElement(c: Checker, element: unknown, pointer: string): void {
  if (!isObject(element)) {
    c.add('must provide an object', pointer);
    return;
  }
  if (typeof element.type !== 'string') {
    c.add('missing required field: type', pointer);
    return;
  }
  c.maxString(element.action_id, `${pointer}/action_id`, LIMITS.actionId);
  c.textObject(element.placeholder, `${pointer}/placeholder`, LIMITS.placeholder, { plainOnly: true });
  checkConfirm(c, element.confirm, `${pointer}/confirm`);

  switch (element.type) {
    case 'button':
      if (c.required(element, 'text', pointer)) {
        c.textObject(element.text, `${pointer}/text`, LIMITS.buttonText, { plainOnly: true });
      }
      c.maxString(element.value, `${pointer}/value`, LIMITS.buttonValue);
      c.maxString(element.url, `${pointer}/url`, LIMITS.buttonUrl);
      break;
    case 'plain_text_input':
      checkMaxLength(c, element, pointer);
      break;
    case 'static_select':
    case 'multi_static_select':
    case 'overflow':
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(c, element, pointer);
      break;
    default:
      break;
  }
}

function checkMaxLength(c: Checker, element: Json, pointer: string): void {
  for (const field of ['max_length', 'min_length'] as const) {
    const v = element[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      c.add('must provide an integer', `${pointer}/${field}`);
    } else if (v > LIMITS.plainTextInputMaxLength) {
      c.add(`must be less than ${LIMITS.plainTextInputMaxLength + 1}`, `${pointer}/${field}`);
    } else if (field === 'max_length' && v < 1) {
      c.add('must be more than 0', `${pointer}/${field}`);
    } else if (v < 0) {
      c.add('must be more than -1', `${pointer}/${field}`);
    }
  }
}

function checkBlock(c: Checker, block: unknown, pointer: string): void {
  if (!isObject(block)) {
    c.add('must provide an object', pointer);
    return;
  }
  if (typeof block.type !== 'string') {
    c.add('missing required field: type', pointer);
    return;
  }
  c.maxString(block.block_id, `${pointer}/block_id`, LIMITS.blockId);

  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        c.add('must provide either text or fields', pointer);
      }
      c.textObject(block.text, `${pointer}/text`, LIMITS.sectionText);
      const fields = c.maxItems(block.fields, `${pointer}/fields`, LIMITS.sectionFields);
      fields.forEach((f, i) => {
        c.textObject(f, `${pointer}/fields/${i}`, LIMITS.sectionFieldText);
      });
      if (block.accessory !== undefined) checkElement(c, block.accessory, `${pointer}/accessory`);
      break;
    }
    case 'header':
      if (c.required(block, 'text', pointer)) {
        c.textObject(block.text, `${pointer}/text`, LIMITS.headerText, { plainOnly: true });
      }
      break;
    case 'actions': {
      if (!c.required(block, 'elements', pointer)) break;
      const elements = c.maxItems(block.elements, `${pointer}/elements`, LIMITS.actionsElements);
      elements.forEach((e, i) => {
        checkElement(c, e, `${pointer}/elements/${i}`);
      });
      break;
    }
    case 'context': {
      if (!c.required(block, 'elements', pointer)) break;
      const elements = c.maxItems(block.elements, `${pointer}/elements`, LIMITS.contextElements);
      elements.forEach((e, i) => {
        const ep = `${pointer}/elements/${i}`;
        if (isObject(e) && (e.type === 'plain_text' || e.type === 'mrkdwn')) {
          c.textObject(e, ep, LIMITS.sectionText);
        } else {
          checkElement(c, e, ep);
        }
      });
      break;
    }
    case 'input':
      if (c.required(block, 'label', pointer)) {
        c.textObject(block.label, `${pointer}/label`, LIMITS.inputLabel, { plainOnly: true });
      }
      c.textObject(block.hint, `${pointer}/hint`, LIMITS.inputHint, { plainOnly: true });
      if (c.required(block, 'element', pointer)) checkElement(c, block.element, `${pointer}/element`);
      break;
    default:
      break;
  }
}

/**
 * Checks a `blocks` array. `pointerPrefix` is the JSON pointer of the array itself
 * (`/blocks` for messages, `/view/blocks` for views). Returns Slack-style messages (no `[ERROR]` prefix);
 * an empty array means the blocks pass.
 */
export function checkBlocks(blocks: unknown, pointerPrefix = '/blocks', maxBlocks: number = LIMITS.messageBlocks): string[] {
  const c = new Checker();
  if (!Array.isArray(blocks)) {
    c.add('must provide an array', pointerPrefix);
    return c.messages;
  }
  if (blocks.length > maxBlocks) c.add(`no more than ${maxBlocks} items allowed`, pointerPrefix);
  blocks.forEach((b, i) => {
    checkBlock(c, b, `${pointerPrefix}/${i}`);
  });
  return c.messages;
}

/**
 * Checks a view object as sent to views.open/push/update/publish. Pointers start at `/view`.
 * Does not check the byte size (that is a separate `view_too_large` error; see `viewByteSize`).
 */
export function checkView(view: unknown): string[] {
  const c = new Checker();
  if (!isObject(view)) {
    c.add('must provide an object', '/view');
    return c.messages;
  }
  const hasType = c.required(view, 'type', '/view');
  const isModal = view.type === 'modal';
  if (hasType && view.type !== 'modal' && view.type !== 'home') {
    c.add('must be one of modal, home', '/view/type');
  }
  if (isModal) {
    if (c.required(view, 'title', '/view')) {
      c.textObject(view.title, '/view/title', LIMITS.viewTitle, { plainOnly: true });
    }
    c.textObject(view.submit, '/view/submit', LIMITS.viewSubmit, { plainOnly: true });
    c.textObject(view.close, '/view/close', LIMITS.viewClose, { plainOnly: true });
  }
  if (c.required(view, 'blocks', '/view')) {
    c.messages.push(...checkBlocks(view.blocks, '/view/blocks', LIMITS.viewBlocks));
    if (isModal && (view.submit === undefined || view.submit === null) && Array.isArray(view.blocks)) {
      const firstInput = view.blocks.findIndex((b) => isObject(b) && b.type === 'input');
      if (firstInput >= 0) {
        c.add('must define `submit` to use an `input` block in modals', `/view/blocks/${firstInput}/input`);
      }
    }
  }
  c.maxString(view.private_metadata, '/view/private_metadata', LIMITS.privateMetadata);
  c.maxString(view.callback_id, '/view/callback_id', LIMITS.callbackId);
  c.maxString(view.external_id, '/view/external_id', LIMITS.externalId);
  return c.messages;
}

/** Size of the view as Slack measures it for `view_too_large` (bytes of its JSON). */
export function viewByteSize(view: unknown): number {
  return Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8');
}
