import { describe, expect, it } from 'vitest';
import { agendaRowInput, mapAgendaHeader, parseAgendaRows, repeatedSession } from '../../../src/domain/agenda/agenda-csv.js';

const THREE_DAYS = { days: 3, hasDay0: false };

describe('the agenda CSV', () => {
  it('reads the header without regard to case, spaces or underscores, lists optional', () => {
    expect(mapAgendaHeader(['Day', 'Start', 'END', 'title', 'Kind', 'format', 'Next Steps'])).toEqual({
      ok: true,
      columns: ['day', 'start', 'end', 'title', 'kind', 'format', 'next_steps'],
    });
  });

  it('names every problem with the header and the row it must be', () => {
    const result = mapAgendaHeader(['day', 'day', 'start', 'title', 'room', 'kind', 'format']);
    expect(result).toEqual({
      ok: false,
      problem:
        'The header row is wrong: "room" is not a column this file can have; the "day" column appears more than once; the "end" column is missing. The first row must be: day,start,end,title,kind,format,speakers,takeaways,next_steps (speakers, takeaways and next_steps may be left out).',
    });
  });

  it('splits the lists at ";" and drops empty items', () => {
    const columns = ['day', 'start', 'end', 'title', 'kind', 'format', 'speakers', 'takeaways', 'next_steps'] as const;
    expect(agendaRowInput([...columns], ['1', '09:00', '10:00', 'Vision', 'strategy', 'lecture', 'Ana; Ben;', '', 'Plan;Do'])).toEqual({
      day: '1',
      start: '09:00',
      end: '10:00',
      title: 'Vision',
      kind: 'strategy',
      format: 'lecture',
      speakers: ['Ana', ' Ben', ''],
      takeaways: [''],
      nextSteps: ['Plan', 'Do'],
    });
    const parsed = parseAgendaRows(
      [{ line: 2, input: agendaRowInput([...columns], ['1', '09:00', '10:00', 'Vision', 'strategy', 'lecture', 'Ana; Ben;', '', 'Plan;Do']) }],
      THREE_DAYS,
      [],
    );
    expect(parsed).toEqual({
      ok: true,
      sessions: [
        {
          day: 1,
          start: '09:00',
          end: '10:00',
          title: 'Vision',
          kind: 'strategy',
          format: 'lecture',
          speakers: ['Ana', 'Ben'],
          takeaways: [],
          nextSteps: ['Plan', 'Do'],
        },
      ],
    });
  });

  it('refuses a session already on the agenda, or twice in the file, naming the first line', () => {
    const row = (line: number, title: string, start = '09:00') => ({
      line,
      input: { day: '2', start, end: '10:00', title, kind: 'training', format: 'workshop' },
    });
    expect(
      parseAgendaRows([row(2, 'Clinic'), row(3, 'clinic'), row(4, 'Clinic', '09:30'), row(5, 'Demo')], THREE_DAYS, [{ day: 2, start: '09:00', title: 'Demo' }]),
    ).toEqual({
      ok: false,
      problems: [
        { line: 3, messages: ['It repeats line 2 (day 2, 09:00, “clinic”); keep one of them.'] },
        { line: 5, messages: ['Day 2 already has “Demo” at 09:00; change the title or the time, or leave it out.'] },
      ],
    });
    expect(repeatedSession({ day: 1, start: '09:00', title: 'Demo' }, [{ day: 2, start: '09:00', title: 'Demo' }])).toBeNull();
  });
});
