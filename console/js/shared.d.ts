/**
 * Served by the server from its own definitions (src/api/console/routes.ts, SHARED_MODULE_PATH): section
 * names and headings as the bot uses them. Only the types live here.
 */
export declare const SECTION_LABELS: Readonly<Record<string, string>>;
export declare const GUIDE_SECTIONS: readonly string[];
export declare const INTERPRETATION_SECTIONS: readonly string[];
export declare const ROLE_LABELS: Readonly<Record<string, string>>;
export declare const CHANNEL_LABELS: Readonly<Record<string, string>>;
export declare const TICKET_FLOW: readonly { code: string; label: string }[];
export declare const RATING_LABELS: Readonly<Record<string, string>>;
export declare const DISCLOSURE_EVENT_LABELS: Readonly<Record<string, string>>;
