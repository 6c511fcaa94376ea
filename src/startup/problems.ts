/**
 * Start-up failures an operator can fix, each as one sentence that names the setting and what to
 * do. main.ts prints the sentence alone (no stack) and exits non-zero.
 */
export class StartupProblem extends Error {
  override readonly name = 'StartupProblem';
}

const codeOf = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

/** Why the database file cannot be opened or written, in the words of the setting that chose it. */
export function databaseProblem(path: string, error: unknown): StartupProblem {
  const code = codeOf(error);
  const at = `DATABASE_PATH (${path})`;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new StartupProblem(`${at} goes through a file as if it were a folder: set DATABASE_PATH to a file inside a folder, such as ./data/sko.db.`);
  }
  if (code === 'EISDIR') return new StartupProblem(`${at} is a folder: set DATABASE_PATH to a file name inside it, such as ${path.replace(/\/$/, '')}/sko.db.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    return new StartupProblem(
      `${at} cannot be written by this user: give the user running the app write access to that file and its folder, or set DATABASE_PATH to a writable place.`,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupProblem(`${at} could not be opened (${reason}): check that it is a SQLite file this app made, or set DATABASE_PATH to a new file.`);
}

/** Why the HTTP port cannot be listened on. */
export function portProblem(port: number, error: unknown): StartupProblem {
  const code = codeOf(error);
  if (code === 'EADDRINUSE') return new StartupProblem(`PORT ${port} is already in use by another program: stop that program, or set PORT to a free port.`);
  if (code === 'EACCES') return new StartupProblem(`PORT ${port} needs more privileges than this user has: set PORT to 1024 or above.`);
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupProblem(`PORT ${port} could not be listened on (${reason}): set PORT to a free port between 1 and 65535.`);
}
