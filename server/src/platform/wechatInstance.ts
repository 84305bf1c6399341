import type { Config } from './config';
import { WechatClient } from './wechat';

/**
 * The process's WeChat settings. The client class lives in wechat.ts; this holds the configured instance
 * so domains call `wechat()` without threading config through every function.
 */
let settings: { apiBase: string; appid: string; secret: string; noticeTemplateId: string } | undefined;
let client: WechatClient | undefined;

export function configureWechat(cfg: Config) {
  settings = { apiBase: cfg.WECHAT_API_BASE, appid: cfg.WECHAT_APPID, secret: cfg.WECHAT_SECRET, noticeTemplateId: cfg.WECHAT_TEMPLATE_NOTICE };
  client = undefined;
}

export function wechatSettings() {
  if (!settings) throw new Error('WeChat not configured');
  return settings;
}

export function wechat() {
  if (!client) {
    client = new WechatClient(wechatSettings());
  }
  return client;
}
