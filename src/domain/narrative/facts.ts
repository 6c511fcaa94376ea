/**
 * An agent's result as the facts a model may write from. Every number is taken out of the
 * outline and replaced by a figure id: the model sees the shape and the names, and must ask for a
 * figure (a tool call) to use it, so what it writes can be checked against the same figures.
 */

/** A JSON value as the agents return it. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Facts {
  /** The result with each number replaced by `"#<id>"`, long lists cut. */
  outline: Json;
  /** Figure id → value, every number the outline stood in for (and each list's full length). */
  figures: ReadonlyMap<string, number>;
  /** Numbers inside the words of the result (dates, fiscal years, stage names): text may repeat them. */
  wordNumbers: ReadonlySet<number>;
}

/** Lists are cut to this many rows: the story needs the leaders and the laggards, not every rep. */
const MAX_ROWS = 12;

/**
 * Keys that hold one person's figures. With individual data turned off for the model (a setting),
 * these never reach it; comp results never reach it at all (the narrative layer takes no comp agent).
 */
const INDIVIDUAL_KEYS = new Set(['byRep', 'top', 'bottom', 'unranked', 'overlays', 'packages', 'reps', 'person', 'rep']);

export interface FactOptions {
  /** False when the setting keeps individual data away from the model. */
  individual: boolean;
}

export function toFacts(result: unknown, options: FactOptions): Facts {
  const figures = new Map<string, number>();
  const wordNumbers = new Set<number>();
  const walk = (value: unknown, path: string): Json => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return null;
      figures.set(path, value);
      return `#${path}`;
    }
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\d+(?:\.\d+)?/g)) wordNumbers.add(Number(match[0]));
      return value;
    }
    if (value === null || typeof value === 'boolean') return value;
    if (Array.isArray(value)) {
      figures.set(`${path}.length`, value.length);
      return value.slice(0, MAX_ROWS).map((item, i) => walk(item, `${path}.${i}`));
    }
    if (typeof value === 'object') {
      const out: Record<string, Json> = {};
      for (const [key, inner] of Object.entries(value)) {
        if (inner === undefined || (!options.individual && INDIVIDUAL_KEYS.has(key))) continue;
        out[key] = walk(inner, path ? `${path}.${key}` : key);
      }
      return out;
    }
    return null;
  };
  const outline = walk(result, '');
  return { outline, figures, wordNumbers };
}

/** The figures asked for by id; an unknown id is named as such so the model can correct itself. */
export function lookUpFigures(facts: Facts, ids: readonly string[]): Record<string, number | string> {
  const found: Record<string, number | string> = {};
  for (const raw of ids) {
    const id = raw.replace(/^#/, '');
    const value = facts.figures.get(id);
    found[id] = value === undefined ? 'no such figure' : value;
  }
  return found;
}
