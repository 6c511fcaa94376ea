/** `sko survey`: a survey's answers as CSV, and its questions shown as JSON and loaded back once edited. */
import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../db/client.js';
import type { SurveyRow } from '../../db/schema.js';
import { parseSurveyFile } from '../domain/surveys/survey-file.js';
import { InputError } from '../errors.js';
import { skoForCommandLine } from '../services/plan/which-sko.js';
import { isSurveyKind, replaceSurveyDefinition, SURVEY_KIND_NAMES, surveyById, surveyCsv, surveyOf } from '../services/surveys/surveys.js';
import { existingDatabasePath, openMigrated } from './database.js';
import { print } from './terminal.js';

/** A survey by its number, or by its kind in the SKO `--sko` names (or the only one running). */
function findSurvey(db: Db, id: string | undefined, path: string, sko: string | undefined): SurveyRow {
  if (id !== undefined && /^\d+$/.test(id)) {
    const byNumber = surveyById(db, Number(id));
    if (byNumber) return byNumber;
  }
  const event = skoForCommandLine(db, sko);
  const row = id !== undefined && isSurveyKind(id) ? surveyOf(db, event.id, id) : undefined;
  if (row) return row;
  const known = (['pre', 'post', 'quiz'] as const).map((k) => surveyOf(db, event.id, k)).filter((r) => r !== undefined);
  const list = known.map((r) => `${r.kind} (${r.id}): ${SURVEY_KIND_NAMES[r.kind]}`).join(', ');
  throw new InputError(
    `${id === undefined ? 'Name the survey' : `There is no survey "${id}" in ${path}`}: give pre, post, quiz or a survey number${list ? ` (${list})` : ''}.`,
  );
}

export function survey(positionals: string[], options: { db?: string | undefined; csv?: boolean | undefined; sko?: string | undefined }): void {
  const [action, id, file] = positionals;
  const path = existingDatabasePath(options);
  const db = openMigrated(path);
  try {
    switch (action) {
      case 'export':
        if (!options.csv) throw new InputError('Add --csv: `survey export ID --csv` prints the answers as CSV.');
        process.stdout.write(surveyCsv(db, findSurvey(db, id, path, options.sko)));
        return;
      case 'show':
        print(JSON.stringify(findSurvey(db, id, path, options.sko).definition, null, 2));
        return;
      case 'load': {
        const row = findSurvey(db, id, path, options.sko);
        if (!file || !existsSync(file))
          throw new InputError(`Give the edited survey's JSON file: \`survey load ${id} FILE\` (\`survey show ${id}\` prints the current one).`);
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
        }
        const edited = parseSurveyFile(data);
        if (!edited.ok)
          throw new InputError(
            `${file} is not a survey as \`survey show\` prints one; the survey was not changed:\n${edited.problems.map((p) => `  - ${p}`).join('\n')}`,
          );
        const saved = replaceSurveyDefinition(db, row, edited.survey, new Date());
        print(
          `Saved: ${saved.definition.title} (${SURVEY_KIND_NAMES[saved.kind]}, survey ${saved.id}) now has ${saved.definition.questions.length} questions.`,
        );
        return;
      }
      default:
        throw new InputError('Use `survey export ID --csv`, `survey show ID` or `survey load ID FILE`.');
    }
  } finally {
    db.$client.close();
  }
}
