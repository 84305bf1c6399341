import type { Config } from './config';

/**
 * The process's WeChat settings. The client class lives in wechat.ts; this holds the configured instance
 * so domains call `wechat()` without threading config through every function.
 */
let settings: { apiBase: string; appid: string; secret: string; noticeTemplateId: string } | undefined;
let client: any;

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
    // Lazily required so the platform starts even while wechat.ts is being written.
    const { WechatClient } = require('./wechat');
    client = new WechatClient(wechatSettings());
  }
  return client;
}
