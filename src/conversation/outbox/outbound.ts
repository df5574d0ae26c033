export type SendResult =
  | { status: 'sent' }
  /** Transient (network, timeout, 5xx, system busy): try again later. */
  | { status: 'retryable'; reason: string }
  /** WeChat will not deliver this message (48-hour window closed, quota used up): do not retry. */
  | { status: 'undeliverable'; reason: string }
  /**
   * WeChat refuses the app itself (no access token: server IP not whitelisted 40164, wrong AppSecret; or a
   * token refused again right after a refresh): an administrator can fix it, so retry and alert.
   */
  | { status: 'blocked'; reason: string }
  | { status: 'failed'; reason: string };

/** The outbound port of a channel: deliver one text to one citizen, reporting what happened. */
export interface OutboundSender {
  send(citizenId: string, text: string): Promise<SendResult>;
}
