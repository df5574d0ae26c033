import { AskedQuestion } from './AskedQuestion';
import { AuditEvent } from './AuditEvent';
import { ChatToken } from './ChatToken';
import { Conversation } from './Conversation';
import { DisclosureCounter } from './DisclosureCounter';
import { DisclosureEvent } from './DisclosureEvent';
import { DisclosureProceeding } from './DisclosureProceeding';
import { DisclosureRequest } from './DisclosureRequest';
import { EntryAnswer } from './EntryAnswer';
import { EntryFeedback } from './EntryFeedback';
import { HandoffThread } from './HandoffThread';
import { HotlineTicket } from './HotlineTicket';
import { HotlineTicketCounter } from './HotlineTicketCounter';
import { HotlineTicketEvent } from './HotlineTicketEvent';
import { KnowledgeEntry } from './KnowledgeEntry';
import { KnowledgeEntryVersion } from './KnowledgeEntryVersion';
import { KnowledgeEntryDraft } from './KnowledgeEntryDraft';
import { KnowledgeRevision } from './KnowledgeRevision';
import { LabelledQuestion } from './LabelledQuestion';
import { Message } from './Message';
import { OutboxMessage } from './OutboxMessage';
import { StaffAccount } from './StaffAccount';
import { StaffToken } from './StaffToken';
import { WeChatAccessToken } from './WeChatAccessToken';
import { UnansweredQuestion } from './UnansweredQuestion';
import { RateCounter } from './RateCounter';
import { WeChatNonce } from './WeChatNonce';

export { AuditEvent, EntryFeedback, StaffAccount, StaffToken };
export { EntryAnswer, KnowledgeEntryDraft };
export { AskedQuestion, LabelledQuestion, RateCounter, WeChatNonce };
export { DisclosureCounter, DisclosureEvent, DisclosureProceeding, DisclosureRequest };
export { HandoffThread, HotlineTicket, HotlineTicketCounter, HotlineTicketEvent };
export {
  ChatToken,
  Conversation,
  KnowledgeEntry,
  KnowledgeEntryVersion,
  KnowledgeRevision,
  Message,
  OutboxMessage,
  UnansweredQuestion,
  WeChatAccessToken,
};

/** Every entity, listed explicitly so the DataSource needs no globbing. */
export const ENTITIES = [
  Conversation,
  Message,
  ChatToken,
  KnowledgeEntry,
  KnowledgeEntryVersion,
  KnowledgeEntryDraft,
  KnowledgeRevision,
  UnansweredQuestion,
  OutboxMessage,
  WeChatAccessToken,
  StaffAccount,
  StaffToken,
  AuditEvent,
  EntryFeedback,
  EntryAnswer,
  HotlineTicket,
  HotlineTicketEvent,
  HotlineTicketCounter,
  HandoffThread,
  DisclosureRequest,
  DisclosureEvent,
  DisclosureProceeding,
  DisclosureCounter,
  AskedQuestion,
  LabelledQuestion,
  WeChatNonce,
  RateCounter,
];
