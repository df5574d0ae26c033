import { ChatToken } from './ChatToken';
import { Conversation } from './Conversation';
import { KnowledgeEntry } from './KnowledgeEntry';
import { KnowledgeEntryVersion } from './KnowledgeEntryVersion';
import { KnowledgeRevision } from './KnowledgeRevision';
import { Message } from './Message';
import { UnansweredQuestion } from './UnansweredQuestion';

export { ChatToken, Conversation, KnowledgeEntry, KnowledgeEntryVersion, KnowledgeRevision, Message, UnansweredQuestion };

/** Every entity, listed explicitly so the DataSource needs no globbing. */
export const ENTITIES = [Conversation, Message, ChatToken, KnowledgeEntry, KnowledgeEntryVersion, KnowledgeRevision, UnansweredQuestion];
