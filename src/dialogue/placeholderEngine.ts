import type { DialogueEngine } from './types';

type State = { mode: 'bot' };

/** Until the knowledge base is wired in, the bot confirms what it received. */
export const placeholderEngine: DialogueEngine<State> = {
  initialState: () => ({ mode: 'bot' }),
  restore: () => ({ mode: 'bot' }),
  turn: (state, message) => ({ state, replies: [{ text: `已收到您的问题：${message.text}` }], effects: [], decision: { decision: 'fallback' } }),
};
