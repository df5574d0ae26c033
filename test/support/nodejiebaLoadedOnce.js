/* global jest */
/**
 * nodejieba for the test runner. Jest evaluates modules afresh for every test file, so the app's
 * "segmenter loaded" flag starts false in each, and every file would reload the dictionary (1–5 s a
 * file, most of the suite's time). The native addon is one per process and keeps its dictionary, so this
 * wrapper loads it once and reloads only when a file asks for other dictionary files or an earlier file
 * inserted words this file did not: each file still segments with the dictionary it loads plus its own
 * words, as if it ran alone.
 */
const { join } = require('node:path');

const packageDir = join(__dirname, '..', '..', 'node_modules', 'nodejieba');
const nodejieba = jest.requireActual(join(packageDir, 'index.js'));
/** Process-wide: whether the dictionary is loaded, and the words inserted since it was. */
const addon = jest.requireActual(join(packageDir, 'build', 'Release', 'nodejieba.node'));
/** This test file's words, and the dictionary files it asked for. */
const mine = new Set();
let files;

const load = nodejieba.load;
const insertWord = nodejieba.insertWord;

function fresh() {
  load(files);
  addon.wenzhengFiles = JSON.stringify(files);
  addon.wenzhengInserted = new Set(mine);
  for (const word of mine) insertWord(word);
}

/** Loaded from the dictionary files this file asked for. */
function loaded() {
  return addon.wenzhengInserted !== undefined && addon.wenzhengFiles === JSON.stringify(files);
}

/** Before segmenting: loaded, and holding no word of an earlier file that this file did not insert too. */
function ready() {
  if (!loaded() || addon.wenzhengInserted.size > mine.size) fresh();
}

// nodejieba's own functions call load() without arguments on their first use in each file: that asks for nothing new.
nodejieba.load = (requested) => {
  if (requested !== undefined) files = requested;
  return true;
};
nodejieba.insertWord = (word, ...rest) => {
  if (!loaded()) fresh();
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
