/** Importing a people file: who they are, their Slack ids, and who reports to whom. */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../../db/client.js';
import { getOrAdd } from '../../../domain/maps.js';
import { PEOPLE_ROLES, type PeopleRole } from '../../../domain/roles.js';
import type { PersonImportRow } from '../../../domain/sales/import-formats.js';
import { mergePeople } from '../../people/people.js';
import { emailIn, nameKey } from './person-resolver.js';
import type { KindHandler } from './staging.js';

interface StagedPerson extends PersonImportRow {
  line: number;
}

export function peopleHandler(db: Db, present: () => Set<string>): KindHandler {
  const slackOwners = new Map<string, string | null>();
  for (const p of db.$client.prepare('SELECT email, slack_user_id AS slack FROM people WHERE slack_user_id IS NOT NULL').iterate() as IterableIterator<{
    email: string | null;
    slack: string;
  }>) {
    slackOwners.set(p.slack, p.email);
  }
  const slackInFile = new Map<string, number>();
  // CRM roles that are no app role (Salesforce's "Western Sales Team"): each with how many people had it.
  const crmRoles = new Map<string, number>();
  // Filled by finish(): each person's manager's email, the file's over what was imported before.
  let managerOf = new Map<string, string | null>();

  return {
    unit: { one: 'person', many: 'people' },
    check(row: PersonImportRow, line) {
      if (row.crmRole) crmRoles.set(row.crmRole, (crmRoles.get(row.crmRole) ?? 0) + 1);
      if (row.slack_user_id) {
        const owner = slackOwners.get(row.slack_user_id);
        if (owner && owner !== row.email) return { problems: [`slack_user_id ${row.slack_user_id} already belongs to ${owner}`] };
        const earlier = slackInFile.get(row.slack_user_id);
        if (earlier !== undefined) return { problems: [`slack_user_id ${row.slack_user_id} is also on line ${earlier}`] };
        slackInFile.set(row.slack_user_id, line);
      }
      return { key: row.email as string, value: { ...row, line } };
    },
    duplicate: (key, first) => `duplicate email ${key} (also on line ${first})`,

    /** Managers may be in the file or imported before; reporting lines must not loop. */
    finish(stage, problems) {
      const known = new Set<string>();
      const names = new Map<string, Set<string>>();
      const addName = (name: string | null, email: string) => {
        if (!name) return;
        const key = nameKey(name);
        names.set(key, (names.get(key) ?? new Set()).add(email));
      };
      const managers = new Map<string, string | null>();
      for (const p of db.$client
        .prepare('SELECT p.email, p.name, m.email AS manager FROM people p LEFT JOIN people m ON m.id = p.manager_id WHERE p.email IS NOT NULL')
        .iterate() as IterableIterator<{ email: string; name: string | null; manager: string | null }>) {
        known.add(p.email);
        addName(p.name, p.email);
        managers.set(p.email, p.manager);
      }
      const staged = [...stage.rows<StagedPerson>()].map((r) => r.row);
      for (const p of staged) {
        known.add(p.email as string);
        addName(p.name, p.email as string);
      }
      if (present().has('manager_email')) {
        for (const p of staged) {
          const email = p.email as string;
          if (!p.manager_email) {
            managers.set(email, null);
            continue;
          }
          const byEmail = emailIn(p.manager_email);
          const matches = byEmail ? (known.has(byEmail) ? [byEmail] : []) : [...(names.get(nameKey(p.manager_email)) ?? [])];
          if (matches.length !== 1) {
            problems.add(
              p.line,
              matches.length
                ? `manager "${p.manager_email}" matches ${matches.length} people by name: use their email`
                : `unknown manager "${p.manager_email}": not in this file nor imported before`,
            );
          } else if (matches[0] === email) {
            problems.add(p.line, 'a person cannot be their own manager');
          } else {
            managers.set(email, matches[0] as string);
          }
        }
      }
      for (const p of staged) {
        const seen = new Set<string>();
        for (let m = managers.get(p.email as string); m && !seen.has(m); m = managers.get(m)) {
          if (m === p.email) {
            problems.add(p.line, `the reporting line loops back to ${p.email}`);
            break;
          }
          seen.add(m);
        }
      }
      managerOf = managers;
    },

    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN people p ON p.email = s.key`).pluck().get() as number,

    *write(stage) {
      const cols = present();
      const byEmail = db.$client.prepare('SELECT id, role FROM people WHERE email = ?');
      const bySlack = db.$client.prepare('SELECT id, role, email FROM people WHERE slack_user_id = ?');
      const insert = db.$client.prepare('INSERT INTO people (email, role) VALUES (?, ?) RETURNING id, role');
      const claimEmail = db.$client.prepare('UPDATE people SET email = ? WHERE id = ?');
      const recordRoleChange = db.$client.prepare("INSERT INTO role_changes (person_id, from_role, to_role, source) VALUES (?, ?, ?, 'import')");
      const named = cols.has('name') || cols.has('first_name') || cols.has('last_name');
      const fields = (['name', 'team', 'region', 'segment', 'hire_date', 'left_on', 'title', 'country'] as const).filter(
        (f) => cols.has(f) || (f === 'name' && named),
      );
      const updates = new Map<string, Statement>();
      let matchedInSlack = 0;
      yield* stage.batches<StagedPerson>((rows) => {
        for (const row of rows) {
          const email = row.email as string;
          let person = byEmail.get(email) as { id: number; role: PeopleRole } | undefined;
          const met = row.slack_user_id ? (bySlack.get(row.slack_user_id) as { id: number; role: PeopleRole; email: string | null } | undefined) : undefined;
          if (met && !met.email) {
            // Someone who used the app in Slack before being imported: one person, keeping what they do in the app.
            if (person) mergePeople(db, met.id, person.id);
            else claimEmail.run(email, met.id);
            person = byEmail.get(email) as { id: number; role: PeopleRole };
            matchedInSlack += 1;
          }
          const existed = person !== undefined;
          person ??= insert.get(email, row.role ?? 'rep') as { id: number; role: PeopleRole };
          const sets = fields.map((f) => `${f} = ?`);
          const values: unknown[] = fields.map((f) => row[f]);
          // An import never takes the admin role away (admins are made in Slack) and never blanks a Slack id.
          if (row.role) {
            const role = person.role === 'admin' ? 'admin' : row.role;
            sets.push('role = ?');
            values.push(role);
            if (existed && role !== person.role) recordRoleChange.run(person.id, person.role, role);
          }
          if (row.slack_user_id) {
            sets.push('slack_user_id = ?');
            values.push(row.slack_user_id);
          }
          // Someone in the people file is someone to try again, whatever Slack refused before.
          sets.push('unreachable_since = NULL', 'unreachable_reason = NULL');
          sets.push(`updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
          const sql = `UPDATE people SET ${sets.join(', ')} WHERE id = ?`;
          const update: Statement = getOrAdd(updates, sql, () => db.$client.prepare(sql));
          update.run(...values, person.id);
        }
      });
      if (cols.has('manager_email')) {
        const link = db.$client.prepare('UPDATE people SET manager_id = (SELECT id FROM people WHERE email = ?) WHERE email = ?');
        yield* stage.batches<StagedPerson>((rows) => {
          for (const row of rows) link.run(managerOf.get(row.email as string) ?? null, row.email);
        });
      }
      const notes = matchedInSlack ? [`${matchedInSlack} had used the app in Slack already and were matched by their Slack ID.`] : [];
      if (crmRoles.size)
        notes.push(
          `Ignored roles that are not app roles: ${[...crmRoles].map(([role, n]) => `"${role}" (${n})`).join(', ')}. The app's roles are ${PEOPLE_ROLES.join(', ')}: give them in an app_role column; anyone without one stays as they were, or a rep.`,
        );
      return notes;
    },
  };
}
