/** `sko status`: an SKO's status (`--sko`, or the only one running), as /sko status shows it in Slack, or as JSON. */
import { renderPlainText } from '../../views/kit/plain-text.js';
import { buildStatusMessage } from '../../views/plan/status-message.js';
import { statusNow } from '../services/plan/status.js';
import { skoForCommandLine } from '../services/plan/which-sko.js';
import { openExisting } from './database.js';
import { namesFrom, print } from './terminal.js';

export function status(options: { db?: string | undefined; json?: boolean | undefined; sko?: string | undefined }): void {
  const db = openExisting(options);
  try {
    const report = statusNow(db, skoForCommandLine(db, options.sko), new Date());
    if (options.json) print(JSON.stringify(report, null, 2));
    else print(renderPlainText(buildStatusMessage(report).blocks, namesFrom(db)));
  } finally {
    db.$client.close();
  }
}
