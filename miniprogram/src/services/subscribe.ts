import Taro from '@tarojs/taro';
import { patchMe } from './resident';

/**
 * The notice subscribe-message template (WeChat console), from TARO_APP_NOTICE_TEMPLATE_ID at build time
 * (config/index.ts always defines it, '' when unset). The try covers a build made without that config, where
 * `process` does not exist at run time.
 */
function templateId(): string {
  try {
    return process.env.TARO_APP_NOTICE_TEMPLATE_ID ?? '';
  } catch {
    return '';
  }
}
export const NOTICE_TEMPLATE_ID = templateId();

export type SubscribeOutcome = 'accepted' | 'rejected' | 'unavailable';

/**
 * Must run inside a tap handler (WeChat refuses requestSubscribeMessage otherwise). One acceptance allows one
 * message (one-time subscription), so the button stays available to top up. H5 has no subscribe messages: the
 * preference is stored and notices arrive in the app.
 */
export async function subscribeNotices(): Promise<SubscribeOutcome> {
  if (process.env.TARO_ENV === 'weapp') {
    if (!NOTICE_TEMPLATE_ID) return 'unavailable';
    try {
      const res = await Taro.requestSubscribeMessage({ tmplIds: [NOTICE_TEMPLATE_ID], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
      const answer = (res as unknown as Record<string, string>)[NOTICE_TEMPLATE_ID];
      if (answer !== 'accept') {
        await patchMe({ subscribeNotices: false }).catch(() => undefined);
        return 'rejected';
      }
    } catch {
      return 'unavailable';
    }
  }
  await patchMe({ subscribeNotices: true });
  return 'accepted';
}

export const unsubscribeNotices = () => patchMe({ subscribeNotices: false });
