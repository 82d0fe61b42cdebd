/**
 * npm run zip: store packages for Chrome (MV3) and Firefox, plus the sources zip Firefox's review
 * asks for, all in .output/.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/pack-sources';

for (const args of [['zip'], ['zip', '-b', 'firefox']]) {
  const result = spawnSync('npx', ['wxt', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const zips = readdirSync(join(ROOT, '.output')).filter((f) => f.endsWith('.zip'));
console.log(`\nStore packages in .output/:\n${zips.map((z) => `  ${z}`).join('\n')}`);
