/**
 * npm run packs: validates and compiles every pack under data/packs/ and prints what each holds.
 * The extension build compiles them too (wxt.config.ts); this is the pack author's quick check.
 */
import { compileAllPacks } from './lib/pack-sources';

try {
  for (const pack of compileAllPacks()) {
    const byType = new Map<string, number>();
    for (const e of pack.entities) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    const types = [...byType].map(([type, n]) => `${n} ${type}`).join(', ');
    console.log(`${pack.id} ${pack.version} (as of ${pack.asOf}): ${pack.entities.length} entities — ${types}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
