import { AuditEvent } from './AuditEvent';
import { ChatToken } from './ChatToken';
import { Conversation } from './Conversation';
import { EntryAnswer } from './EntryAnswer';
import { EntryFeedback } from './EntryFeedback';
import { KnowledgeEntry } from './KnowledgeEntry';
import { KnowledgeEntryVersion } from './KnowledgeEntryVersion';
import { KnowledgeRevision } from './KnowledgeRevision';
import { Message } from './Message';
import { OutboxMessage } from './OutboxMessage';
import { StaffAccount } from './StaffAccount';
import { StaffToken } from './StaffToken';
import { WeChatAccessToken } from './WeChatAccessToken';
import { UnansweredQuestion } from './UnansweredQuestion';

export { AuditEvent, EntryFeedback, StaffAccount, StaffToken };
export { EntryAnswer };
export { ChatToken, Conversation, KnowledgeEntry, KnowledgeEntryVersion, KnowledgeRevision, Message, OutboxMessage, UnansweredQuestion, WeChatAccessToken };

/** Every entity, listed explicitly so the DataSource needs no globbing. */
export const ENTITIES = [Conversation, Message, ChatToken, KnowledgeEntry, KnowledgeEntryVersion, KnowledgeRevision, UnansweredQuestion, OutboxMessage, WeChatAccessToken, StaffAccount, StaffToken, AuditEvent, EntryFeedback, EntryAnswer];
