/**
 * The evaluation sets beside the tuning set (test/eval/questions.yaml), oldest first: one list that
 * `npm run eval` (bench/eval-cli.ts) reports and test/eval.test.ts checks. Which are unseen and which spent
 * is recorded in BENCHMARKS.md and README.
 */

/** Questions against the seed base: test/eval/NAME.yaml. */
export const SEED_BASE_SETS = [
  'heldout',
  'heldout-2',
  'heldout-3',
  'heldout-4',
  'heldout-5',
  'heldout-6',
  'heldout-7',
  'heldout-8',
  'heldout-9',
  'heldout-11',
  'heldout-12',
  'heldout-13',
  'heldout-14',
  'heldout-15',
  'heldout-16',
  'heldout-17',
] as const;

/** From heldout-3 on, each seed-base set was written blind to the same rules (at least 300 questions, every entry asked). */
export const BLIND_SEED_BASE_SETS = SEED_BASE_SETS.slice(SEED_BASE_SETS.indexOf('heldout-3'));

/**
 * System-intent sets written blind to the same rules, test/eval/NAME-intents.yaml: one beside each blind seed-base set, and
 * heldout-10, written as an intent set alone.
 */
export const BLIND_INTENT_SETS = [...BLIND_SEED_BASE_SETS, 'heldout-10'];

/** Knowledge bases the project has never seen, each with its own knowledge/knowledge.yaml and questions.yaml. */
export const OTHER_CITY_SETS = [
  'other-city',
  'other-city-2',
  'other-city-3',
  'other-city-4',
  'other-city-5',
  'other-city-6',
  'other-city-7',
  'other-city-8',
  'other-city-9',
  'other-city-10',
] as const;

/** From other-city-2 on, each base and its questions were written blind to the same rules. */
export const BLIND_OTHER_CITY_SETS = OTHER_CITY_SETS.slice(OTHER_CITY_SETS.indexOf('other-city-2'));
