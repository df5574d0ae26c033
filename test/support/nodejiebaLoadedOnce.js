/* global jest */
/**
 * nodejieba for the test runner. Jest evaluates modules afresh for every test file, so nodejieba's
 * "dictionary loaded" flag starts false in each, and the first cut reloads the 5 MB dictionaries (2–5 s a
 * file, most of the suite's time). The native addon is one per process and keeps its dictionary, so this
 * wrapper loads it once and reloads only when an earlier test file inserted words this file did not: each
 * file still segments with the default dictionary plus its own words, as if it ran alone.
 */
const { join } = require('node:path');

const packageDir = join(__dirname, '..', '..', 'node_modules', 'nodejieba');
const nodejieba = jest.requireActual(join(packageDir, 'index.js'));
/** Process-wide: whether the dictionary is loaded, and the words inserted since it was. */
const addon = jest.requireActual(join(packageDir, 'build', 'Release', 'nodejieba.node'));
/** This test file's words. */
const mine = new Set();

const load = nodejieba.load;
const insertWord = nodejieba.insertWord;

function fresh() {
  load();
  addon.wenzhengInserted = new Set(mine);
  for (const word of mine) insertWord(word);
}

/** Before segmenting: loaded, and holding no word of an earlier file that this file did not insert too. */
function ready() {
  if (!addon.wenzhengInserted || addon.wenzhengInserted.size > mine.size) fresh();
}

nodejieba.load = () => true;
nodejieba.insertWord = (word, ...rest) => {
  if (!addon.wenzhengInserted) fresh();
  mine.add(word);
  if (addon.wenzhengInserted.has(word)) return true;
  addon.wenzhengInserted.add(word);
  return insertWord(word, ...rest);
};
for (const name of ['cut', 'cutAll', 'cutHMM', 'cutForSearch', 'cutSmall', 'tag', 'extract', 'textRankExtract']) {
  const real = nodejieba[name];
  nodejieba[name] = (...args) => {
    ready();
    return real(...args);
  };
}

module.exports = nodejieba;
