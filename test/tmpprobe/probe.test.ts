import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import { buildKnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { matchQuestion } from '../../src/understanding/nlp/match';
import { loadCity } from '../../src/understanding/places/city';
import { Places } from '../../src/understanding/places/places';
const lexicon = loadLexicon('seeds/nlp');
const index = buildKnowledgeIndex(loadEntryFiles(entryFilesIn('seeds/knowledge')), lexicon);
const places = new Places(loadCity('config/city.yaml'));
const now = new Date('2026-06-01T04:00:00Z');
it('probe', () => {
  for (const t of (process.env.PROBE ?? '').split('|')) {
    const r = matchQuestion(index, t, { now, places });
    console.log(t, r.decision, r.entry, r.score.toFixed(2), r.terms.join(' '), r.candidates.map((c) => c.entry + ':' + c.score.toFixed(2)).join(','));
  }
});
