import { ChatToken } from './ChatToken';
import { Conversation } from './Conversation';
import { Message } from './Message';

export { ChatToken, Conversation, Message };

/** Every entity, listed explicitly so the DataSource needs no globbing. */
export const ENTITIES = [Conversation, Message, ChatToken];
