/**
 * The message mode set on the WeChat platform: plaintext, compatible (both) or safe (encrypted only: a
 * plaintext body is refused, so a captured URL cannot carry a forged message).
 */
export const WECHAT_MODES = ['plain', 'compat', 'safe'] as const;
export type WeChatMode = (typeof WECHAT_MODES)[number];

export interface WeChatChannelConfig {
  token: string;
  mode: WeChatMode;
  appId: string | null;
  appSecret: string | null;
  aesKey: string | null;
}
