import { describe, expect, it } from 'vitest';
import { handleFromName, uniqueHandle } from '../../../src/domain/plan/handles.js';
import { chooseSko, onRoster, type SkoCandidate, skosOf } from '../../../src/domain/plan/which-sko.js';

const sko = (id: number, handle: string, more: Partial<SkoCandidate> = {}): SkoCandidate => ({
  id,
  handle,
  channelId: `C${id}`,
  roster: null,
  archivedAt: null,
  ...more,
});
const amer = sko(1, 'amer-fy27', { roster: { teams: [], regions: ['Americas'] } });
const emea = sko(2, 'emea-fy27', { roster: { teams: ['Nordics', 'DACH'], regions: [] } });
const lastYear = sko(3, 'fy26', { archivedAt: '2026-04-30T00:00:00.000Z' });
const all = [amer, emea, lastYear];
const rep = (team: string | null, region: string | null, leads: number[] = []) => ({ team, region, leads: new Set(leads) });

describe('which SKO a request is about', () => {
  it('is the SKO of the channel it is made in, whoever asks', () => {
    expect(chooseSko(all, { channelId: 'C2', asker: rep('East', 'Americas') })).toEqual({ kind: 'found', event: emea });
  });

  it('elsewhere, is the one SKO the person attends (by team or region, any case) or leads', () => {
    expect(chooseSko(all, { channelId: 'CGENERAL', asker: rep('East', 'americas') })).toEqual({ kind: 'found', event: amer });
    expect(chooseSko(all, { asker: rep('dach', null) })).toEqual({ kind: 'found', event: emea });
    expect(chooseSko(all, { asker: rep(null, null, [2]) })).toEqual({ kind: 'found', event: emea });
  });

  it('asks which when the person is in several, or in none while several run; never offers an archived one', () => {
    expect(chooseSko(all, { asker: rep('Nordics', 'Americas') })).toEqual({ kind: 'ambiguous', choices: [amer, emea] });
    expect(chooseSko(all, { asker: null })).toEqual({ kind: 'ambiguous', choices: [amer, emea] });
  });

  it('takes a handle, any case, archived SKOs too; an unknown one lists the running SKOs', () => {
    expect(chooseSko(all, { handle: 'FY26', channelId: 'C1', asker: null })).toEqual({ kind: 'found', event: lastYear });
    expect(chooseSko(all, { handle: 'apac', asker: null })).toEqual({ kind: 'unknown-handle', handle: 'apac', choices: [amer, emea] });
  });

  it('is the only running SKO for someone outside every roster', () => {
    expect(chooseSko([amer, lastYear], { asker: rep('Partners', 'APAC') })).toEqual({ kind: 'found', event: amer });
  });

  it('when every SKO is archived, is the newest the person attended or led, else the newest; none when there is no SKO', () => {
    const amerLastYear = sko(4, 'amer-fy26', { roster: { teams: [], regions: ['Americas'] }, archivedAt: '2026-04-30T00:00:00.000Z' });
    const emeaLastYear = sko(5, 'emea-fy26', { roster: { teams: [], regions: ['EMEA'] }, archivedAt: '2026-05-07T00:00:00.000Z' });
    expect(chooseSko([emeaLastYear, amerLastYear], { asker: rep('East', 'Americas') })).toEqual({ kind: 'found', event: amerLastYear });
    expect(chooseSko([emeaLastYear, amerLastYear], { asker: rep('Partners', 'APAC', [4]) })).toEqual({ kind: 'found', event: amerLastYear });
    expect(chooseSko([emeaLastYear, amerLastYear], { asker: rep('Partners', 'APAC') })).toEqual({ kind: 'found', event: emeaLastYear });
    expect(chooseSko([], { asker: null })).toEqual({ kind: 'none' });
  });

  it('puts everyone on an SKO with no roster, and only its teams and regions on one with a roster', () => {
    expect(onRoster({ team: null, region: null }, null)).toBe(true);
    expect(onRoster({ team: 'East', region: null }, { teams: ['East'], regions: [] })).toBe(true);
    expect(onRoster({ team: 'West', region: 'EMEA' }, { teams: ['East'], regions: [] })).toBe(false);
    expect(onRoster({ team: null, region: null }, { teams: ['East'], regions: ['EMEA'] })).toBe(false);
  });
});

describe('an SKO handle', () => {
  it('comes from the name: lower case, accents dropped, dashes between words, at most 24 characters', () => {
    expect(handleFromName('EMEA Sales Kickoff FY27')).toBe('emea-fy27');
    expect(handleFromName("Zürich's Partner Kickoff — 2027 (Q1)")).toBe('zurichs-partner-2027-q1');
    expect(handleFromName('The Sales Kick-Off')).toBe('the-sales-kick-off');
    expect(handleFromName('Americas Partner Kickoff and Enablement Summit 2027')).toBe('americas-partner');
    expect(handleFromName('Supercalifragilisticexpialidocious')).toBe('supercalifragilisticexpi');
    expect(handleFromName('  ★★★  ')).toBe('sko');
  });

  it('gets -2, -3… when another SKO has it, and stays within 24 characters', () => {
    expect(uniqueHandle('emea-fy27', new Set(['amer-fy27']))).toBe('emea-fy27');
    expect(uniqueHandle('emea-fy27', new Set(['emea-fy27', 'emea-fy27-2']))).toBe('emea-fy27-3');
    expect(uniqueHandle('a'.repeat(24), new Set(['a'.repeat(24)]))).toBe(`${'a'.repeat(22)}-2`);
  });
});

describe("a person's SKOs (App Home)", () => {
  it('are the running ones they attend or lead, and the archived ones they attended or led', () => {
    const emeaLastYear = sko(4, 'emea-fy26', { roster: { teams: ['DACH'], regions: [] }, archivedAt: '2026-04-30T00:00:00.000Z' });
    const skos = [amer, emea, lastYear, emeaLastYear];
    expect(skosOf(skos, rep('DACH', 'Americas'))).toEqual({ running: [amer, emea], archived: [lastYear, emeaLastYear] });
    expect(skosOf(skos, rep('East', 'Americas'))).toEqual({ running: [amer], archived: [lastYear] });
    expect(skosOf(skos, rep(null, null, [4, 2]))).toEqual({ running: [emea], archived: [lastYear, emeaLastYear] });
  });

  it('are every running one for someone outside every roster, as a request of theirs would be', () => {
    expect(skosOf([amer, emea, lastYear], rep('Sales Ops', null))).toEqual({ running: [amer, emea], archived: [lastYear] });
  });
});
