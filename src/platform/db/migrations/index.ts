import { Conversations1732550000001 } from './0001-conversations';
import { Knowledge1732550000002 } from './0002-knowledge';
import { Staff1732550000003 } from './0003-staff';
import { WeChat1732550000004 } from './0004-wechat';
import { Disclosure1732550000005 } from './0005-disclosure';
import { Hotline1732550000006 } from './0006-hotline';
import { EntryAnswers1732550000007 } from './0007-entry-answers';
import { Hardening1732550000010 } from './0010-hardening';
import { DisclosureFeesArt391732550000011 } from './0011-disclosure-fees-art39';
import { LearningLoop1732550000012 } from './0012-learning-loop';
import { PersonalDataEncryption1732550000014 } from './0014-personal-data-encryption';
import { AuditRetention1796000015000 } from './0015-audit-retention';
import { KnowledgeDrafts1796000016000 } from './0016-knowledge-drafts';
import { MessageTextHash1796000017000 } from './0017-message-text-hash';
import { ConversationInboundCount1796000018016 } from './0018-conversation-inbound-count';
import { AnswersCountedOnce1796000019000 } from './0019-answers-counted-once';

/** Applied in this order; a new migration is appended, never edited once released. */
export const MIGRATIONS = [
  Conversations1732550000001,
  Knowledge1732550000002,
  WeChat1732550000004,
  Staff1732550000003,
  EntryAnswers1732550000007,
  Hotline1732550000006,
  Disclosure1732550000005,
  LearningLoop1732550000012,
  DisclosureFeesArt391732550000011,
  Hardening1732550000010,
  PersonalDataEncryption1732550000014,
  AuditRetention1796000015000,
  KnowledgeDrafts1796000016000,
  MessageTextHash1796000017000,
  ConversationInboundCount1796000018016,
  AnswersCountedOnce1796000019000,
];
