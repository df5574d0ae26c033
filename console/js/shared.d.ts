/**
 * Served by the server from its own definitions (src/api/console/routes.ts, SHARED_MODULE_PATH): section
 * names and headings as the bot uses them, and the labels of the codes the API speaks (typed there
 * against the server's unions, so every code has one). Only the types live here.
 */
export declare const SECTION_LABELS: Readonly<Record<string, string>>;
export declare const GUIDE_SECTIONS: readonly string[];
export declare const INTERPRETATION_SECTIONS: readonly string[];
export declare const ROLE_LABELS: Readonly<Record<string, string>>;
export declare const CHANNEL_LABELS: Readonly<Record<string, string>>;
export declare const TICKET_FLOW: readonly { code: string; label: string }[];
export declare const RATING_LABELS: Readonly<Record<string, string>>;
export declare const DISCLOSURE_EVENT_LABELS: Readonly<Record<string, string>>;
export declare const TICKET_VIA_LABELS: Readonly<Record<string, string>>;
export declare const DISCLOSURE_FORM_LABELS: Readonly<Record<string, string>>;
export declare const DISCLOSURE_DELIVERY_LABELS: Readonly<Record<string, string>>;
export declare const AUTHOR_LABELS: Readonly<Record<string, string>>;
export declare const THREAD_STATUS_LABELS: Readonly<Record<string, string>>;
export declare const CLOSE_REASON_LABELS: Readonly<Record<string, string>>;
export declare const ENTRY_KIND_CHOICES: readonly { code: string; label: string }[];
export declare const ENTRY_STATUS_CHOICES: readonly { code: string; label: string }[];
export declare const VALIDITY_CHOICES: readonly { code: string; label: string }[];
export declare const ENTRY_FIELD_LABELS: Readonly<Record<string, string>>;
export declare const SOURCE_FIELD_LABELS: Readonly<Record<string, string>>;
export declare const DECISION_LABELS: Readonly<Record<string, string>>;
export declare const REVIEW_REASON_LABELS: Readonly<Record<string, string>>;
export declare const IMPACT_LABELS: Readonly<Record<string, string>>;
export declare const HOTLINE_RATE_LABELS: Readonly<Record<string, string>>;
/** 表四's kinds: litigation ones carry their group (行政诉讼). */
export declare const DISCLOSURE_PROCEEDING_KINDS: readonly { code: string; label: string; group?: string }[];
export declare const DISCLOSURE_PROCEEDING_RESULTS: readonly { code: string; label: string }[];
export declare const TICKET_RESOLUTION_LABELS: Readonly<Record<string, string>>;
export declare const DISCLOSURE_IDENTITY_KIND_LABELS: Readonly<Record<string, string>>;
