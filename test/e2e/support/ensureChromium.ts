/**
 * `npm run test:e2e` first: Debian's chromium (and a CJK font, so screenshots show the
 * Chinese page) installed with apt-get when missing. Needs root, as on CI and the
 * developers' machines; elsewhere it says what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './browser.ts';

const FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(existsSync(FONT) ? [] : ['fonts-wqy-zenhei'])];
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    process.stderr.write(`the end-to-end tests need ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')} (or set CHROMIUM_PATH)\n`);
    process.exit(1);
  }
  process.stdout.write(`installing ${missing.join(', ')} with apt-get\n`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
