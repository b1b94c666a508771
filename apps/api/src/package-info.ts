import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: the nearest folder above this file whose package.json is Relais'. */
export function findProjectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let folder = from;
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
      };
      if (manifest.name === 'relais') return folder;
    } catch {
      // not here: look one level up
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error('the Relais package.json was not found above ' + from);
    folder = parent;
  }
}

/** The version in package.json, read once. */
export const relaisVersion: string = (
  JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as { version: string }
).version;
