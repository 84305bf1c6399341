import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMe } from '../../hooks/useMe';
import { useI18n } from '../../i18n';
import { useSession } from '../../services/session';

/**
 * The way into the committee / street-office workbench (subpackage pages-staff), shown on 我的 only to users who
 * hold a grant. Drop-in: `<StaffEntry />`; it renders nothing for residents and when logged out.
 */
export default function StaffEntry() {
  const { t } = useI18n();
  const { loggedIn } = useSession();
  const { me } = useMe();
  const grants = me?.grants ?? [];
  if (!loggedIn || grants.length === 0) return null;
  return (
    <View
      className="card"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', minHeight: '48px', marginTop: '12px' }}
      onClick={() => Taro.navigateTo({ url: '/pages-staff/index/index' })}
      data-testid="staff-entry"
    >
      <View style={{ display: 'flex', flexDirection: 'column' }}>
        <Text className="card__title">{t('staff.entry')}</Text>
        <Text className="card__meta">{grants.map((g) => `${t(`staff.role.${g.role}`)} · ${g.scopeName}`).join('；')}</Text>
      </View>
      <Text className="muted" style={{ fontSize: '24px' }}>
        ›
      </Text>
    </View>
  );
}
