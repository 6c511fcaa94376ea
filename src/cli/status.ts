/** `sko status`: the current SKO's status, as /sko status shows it in Slack, or as JSON. */
import { renderPlainText } from '../../views/kit/plain-text.js';
import { buildNoEventMessage, buildStatusMessage } from '../../views/plan/status-message.js';
import { statusNow } from '../services/plan/status.js';
import { openExisting } from './database.js';
import { namesFrom, print } from './terminal.js';

export function status(options: { db?: string | undefined; json?: boolean | undefined }): void {
  const db = openExisting(options);
  const report = statusNow(db, new Date());
  if (options.json) print(JSON.stringify(report, null, 2));
  else print(renderPlainText((report ? buildStatusMessage(report) : buildNoEventMessage()).blocks, namesFrom(db)));
  db.$client.close();
}
