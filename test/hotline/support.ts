import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHotlineVocabulary } from '../../src/cases/hotline/classify';
import { createHotlineScope, type HotlineScope } from '../../src/cases/hotline/scope';
import { loadIntents } from '../../src/understanding/intents/load';
import { loadCity } from '../../src/understanding/places/city';

/** Writes files into a fresh temporary folder and returns it. */
export function writeTempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-hotline-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The hotline's scope over the repository's data (seeds/nlp/hotline.yaml, config/city.yaml, intents/), as the app builds it. */
export function repositoryHotlineScope(): HotlineScope {
  const root = join(__dirname, '../..');
  return createHotlineScope({
    vocabulary: loadHotlineVocabulary(join(root, 'seeds/nlp/hotline.yaml')),
    channels: loadCity(join(root, 'config/city.yaml')),
    cityFile: 'config/city.yaml',
    intents: loadIntents(join(root, 'intents')),
  });
}
