// SQL against the embedded PostgreSQL of a server started by support/server.mjs (see Sql.java).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const source = fileURLToPath(new URL('./Sql.java', import.meta.url));

/** The JDBC URL of the server's embedded database: its port is line 4 of postmaster.pid. */
export function embeddedJdbcUrl(server) {
  const pid = readFileSync(join(server.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  return `jdbc:postgresql://127.0.0.1:${pid[3].trim()}/postgres?user=postgres`;
}

/** Runs the statements in order; returns what the last `select` printed (its first value), trimmed. */
export async function sql(server, ...statements) {
  const { stdout } = await run('java', ['--class-path', server.jar, source, embeddedJdbcUrl(server), ...statements]);
  return stdout.trim().split('\n').at(-1) ?? '';
}
