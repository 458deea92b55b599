/**
 * Adds an API key to the service's keys file and prints it (the file keeps only a salted hash):
 *   node src/service/keysCli.ts planner <id> [<city>]        (no city: every city)
 *   node src/service/keysCli.ts manager <id> <line> [<city>] (no city: the default city)
 * The file is KEYS_FILE, default `<DATA_DIR>/keys.json`, replaced whole; a running service
 * reads it at start (POST /v1/keys issues a key that is valid at once).
 */
import { addKey } from './auth/keysFile.ts';
import { loadConfig } from './config.ts';

const args = process.argv.slice(2);
const [role, id] = args;
const line = role === 'manager' ? args[2] : undefined;
const city = role === 'manager' ? args[3] : args[2];
if ((role !== 'planner' && role !== 'manager') || !id || (role === 'manager' && !line) || args.length > (role === 'manager' ? 4 : 3)) {
  process.stderr.write('usage: keysCli.ts planner <id> [<city>] | keysCli.ts manager <id> <line> [<city>]\n');
  process.exit(2);
}
const { keysFile } = loadConfig();
process.stdout.write(`${addKey(keysFile, id, role, { ...(line ? { line } : {}), ...(city ? { city } : {}) })}\n`);
process.stderr.write(`added ${role} key ${id}${line ? ` for line ${line}` : ''}${city ? ` of city ${city}` : ''} to ${keysFile}\n`);
