import type { MeResponse } from '@gongzhi/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../../i18n';
import { api } from '../../services/api';
import { useSession } from '../../services/session';

/**
 * The way into the committee / street-office workbench (subpackage pages-staff), shown on 我的 only to users who
 * hold a grant. Drop-in: `<StaffEntry />`; it renders nothing for residents and when logged out.
 */
export default function StaffEntry() {
  const { t } = useI18n();
  const { loggedIn, user } = useSession();
  const [grants, setGrants] = useState<z.infer<typeof MeResponse>['grants']>([]);
  const load = () => {
    if (!loggedIn) return setGrants([]);
    api.get<z.infer<typeof MeResponse>>('/api/me').then((me) => setGrants(me.grants), () => setGrants([]));
  };
  useEffect(load, [loggedIn, user?.id]);
  useDidShow(load);
  if (!loggedIn || grants.length === 0) return null;
  return (
    <View
      className='card'
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', minHeight: '48px', marginTop: '12px' }}
      onClick={() => Taro.navigateTo({ url: '/pages-staff/index/index' })}
      data-testid='staff-entry'
    >
      <View style={{ display: 'flex', flexDirection: 'column' }}>
        <Text className='card__title'>{t('staff.entry')}</Text>
        <Text className='card__meta'>{grants.map((g) => `${t(`staff.role.${g.role}`)} · ${g.scopeName}`).join('；')}</Text>
      </View>
      <Text className='muted' style={{ fontSize: '24px' }}>
        ›
      </Text>
    </View>
  );
}
