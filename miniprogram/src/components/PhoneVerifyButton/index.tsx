import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { devPhoneCode, devStandInAvailable } from '../../services/binding';
import './index.scss';
import { useLatest } from '../../hooks/useLatest';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

interface Props {
  dwellingId: string | null;
  busy: boolean;
  /** The one-time code of WeChat's 手机号快速验证 (or of the dev server's stand-in). */
  onCode: (code: string) => void;
  onDenied: () => void;
  onError: (e: unknown) => void;
  /** The H5 stand-in's server calls (tests pass their own). */
  dev?: DevStandIn;
}

export interface DevStandIn {
  available: () => Promise<boolean>;
  code: (dwellingId: string) => Promise<string>;
}
const DEV: DevStandIn = { available: devStandInAvailable, code: devPhoneCode };

/**
 * 手机号快速验证. In WeChat: the real open-type="getPhoneNumber" button. On H5 only WeChat can vouch for a phone, so a
 * development server gets a clearly labelled stand-in and production H5 says plainly that this needs WeChat.
 */
export default function PhoneVerifyButton({ dwellingId, busy, onCode, onDenied, onError, dev: calls = DEV }: Props) {
  const { t } = useI18n();
  const [dev, setDev] = useState<boolean | null>(IS_WEAPP ? false : null);
  const devCalls = useLatest(calls);
  useEffect(() => {
    if (!IS_WEAPP) void devCalls.current.available().then(setDev);
  }, [devCalls]);
  const disabled = !dwellingId || busy;
  const label = busy ? t('bind.phone.busy') : t('bind.phone.button');

  if (IS_WEAPP) {
    return (
      <Button
        className="btn phone-btn"
        openType="getPhoneNumber"
        disabled={disabled || undefined}
        onGetPhoneNumber={(e) => (e.detail.code ? onCode(e.detail.code) : onDenied())}
        data-testid="phone-verify"
      >
        {label}
      </Button>
    );
  }
  if (dev === null) return null;
  if (!dev) {
    return (
      <Text className="form-hint phone-btn__only-wechat" data-testid="phone-only-wechat">
        {t('bind.phone.onlyWechat')}
      </Text>
    );
  }
  const standIn = async () => {
    if (disabled || !dwellingId) return;
    try {
      onCode(await calls.code(dwellingId));
    } catch (e) {
      onError(e);
    }
  };
  return (
    <View className="phone-btn__dev">
      <Text className="phone-btn__dev-label">{t('bind.phone.dev')}</Text>
      <Button className="btn phone-btn" disabled={disabled || undefined} onClick={() => void standIn()} data-testid="phone-verify">
        {label}
      </Button>
      <Text className="form-hint">{t('bind.phone.devHint')}</Text>
    </View>
  );
}
