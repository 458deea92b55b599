/**
 * Adds an API key to the service's keys file and prints it (the file keeps only a salted hash):
 *   node src/service/keysCli.ts planner <id>
 *   node src/service/keysCli.ts manager <id> <line>
 * The file is KEYS_FILE, default `<DATA_DIR>/keys.json`; a running service reads it at start.
 */
import { addKey } from './auth/keysFile.ts';
import { loadConfig } from './config.ts';

const [role, id, line] = process.argv.slice(2);
if ((role !== 'planner' && role !== 'manager') || !id || (role === 'manager') !== (line !== undefined)) {
  process.stderr.write('usage: keysCli.ts planner <id> | keysCli.ts manager <id> <line>\n');
  process.exit(2);
}
const { keysFile } = loadConfig();
process.stdout.write(`${addKey(keysFile, id, role, line)}\n`);
process.stderr.write(`added ${role} key ${id}${line ? ` for line ${line}` : ''} to ${keysFile}\n`);
