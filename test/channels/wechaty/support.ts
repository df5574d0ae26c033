import { PuppetMock, type mock } from 'wechaty-puppet-mock';
import { Conversation, Message } from '../../../entities';
import type { TestApp } from '../../support/testApp';
import { waitFor } from '../../support/waitFor';

export type ContactMock = mock.ContactMock;
export type RoomMock = mock.RoomMock;

/** The mocker behind the app's wechaty bot (the puppet was loaded by name from the configuration). */
export function mockerOf(app: TestApp): mock.Mocker {
  const puppet = app.wechaty?.bot.puppet;
  if (!(puppet instanceof PuppetMock)) throw new Error('the app does not run the mock puppet');
  return puppet.mocker;
}

/** A mock WeChat user who talks to the bot and records what the bot says to them directly. */
export function citizen(mocker: mock.Mocker, bot: ContactMock, payload: Parameters<mock.Mocker['createContact']>[0] = {}) {
  const contact = mocker.createContact(payload);
  const received: string[] = [];
  contact.on('message', (message) => {
    if (message.talker().id === bot.id && !message.room()) received.push(message.text() ?? '');
  });
  return {
    contact,
    received,
    say: (text: string) => contact.say(text).to(bot),
    /** Waits for the n-th (1-based) direct message from the bot. */
    reply: (n = 1) => waitFor(`direct reply #${n} to ${contact.id}`, () => received[n - 1]),
  };
}

/** What the bot says in a room. */
export function roomLog(room: RoomMock, bot: ContactMock): string[] {
  const said: string[] = [];
  room.on('message', (message) => {
    if (message.talker().id === bot.id) said.push(message.text() ?? '');
  });
  return said;
}

export function conversationOf(app: TestApp, citizenId: string): Promise<Conversation | null> {
  return app.db.dataSource.getRepository(Conversation).findOne({ where: { channel: 'wechaty', citizenId } });
}

/** The citizen's stored inbound messages, oldest first. */
export async function inboundOf(app: TestApp, citizenId: string): Promise<Message[]> {
  const conversation = await conversationOf(app, citizenId);
  if (!conversation) return [];
  return app.db.dataSource
    .getRepository(Message)
    .find({ where: { conversationId: conversation.id, direction: 'in' }, order: { id: 'ASC' } });
}
