import type { SendResult } from '../../channels/wechat/apiClient';

export type { SendResult };

/** The outbound port of a channel: deliver one text to one citizen, reporting what happened. */
export interface OutboundSender {
  send(citizenId: string, text: string): Promise<SendResult>;
}
