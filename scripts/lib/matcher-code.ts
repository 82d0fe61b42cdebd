/**
 * A hash of the matcher's source code, built into the extension. The stored matcher's signature
 * includes it, so an update of Dossier that changes how names are folded or compiled rebuilds the
 * matcher instead of loading one that an older version built from the same packs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function matcherCodeHash(root: string): string {
  const dir = join(root, 'utils', 'detect');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}
