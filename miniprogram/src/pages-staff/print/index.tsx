import { RichText, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { staffApi } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import './print.scss';

/** QR as inline SVG (no canvas: the same on screen, in print and in a PDF). */
function Qr({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState('');
  useEffect(() => {
    QRCode.toString(text, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }).then(setSvg, () => setSvg(''));
  }, [text]);
  return (
    <View className="pr__qr" data-testid="print-qr">
      <View dangerouslySetInnerHTML={{ __html: svg }} />
      <Text>{label}</Text>
    </View>
  );
}

/**
 * The printable 公示 of a notice (plan notice, result notice …): both languages, the area or buildings it is posted
 * for, the publication period, the text (a result notice carries its arithmetic), QR codes to the online version
 * and to where it can be checked. Laid out as one A4 page for the browser's print.
 */
export default function NoticePrint() {
  const { t } = useI18n();
  const id = param(useRouter().params, 'id');
  const notice = useRemote(() => staffApi.notice(id), [id]);
  const n = notice.data;
  const codes = !n ? [] : n.audience.type === 'area' ? [n.audience.code] : n.audience.type === 'buildings' ? n.audience.codes : [];
  const areas = useRemote(() => Promise.all(codes.map((c) => staffApi.area(c).catch(() => null))), [codes.join()]);
  const origin = typeof window !== 'undefined' ? window.location.origin : '';
  const online = `${origin}/#/pages/resident/notice/index?id=${id}`;
  // A result notice names its own verification page (the receipt page: check a ballot, recount from the log).
  const named = n?.kind === 'result_announcement' ? /核验页面：(\/pages\/resident\/receipt\/index\?id=[0-9a-f]{24})/.exec(n.body)?.[1] : undefined;
  const verify = named
    ? `${origin}/#${named}`
    : n?.audience.type === 'consultation'
      ? `${origin}/#/pages/resident/consultation/index?id=${n.audience.consultationId}`
      : `${origin}/#/pages/resident/notice/index?id=${id}&versions=1`;
  // A notice without an expiry (e.g. a result notice) is still posted for its display period: the sheet names its end.
  const periodEnd =
    n?.expireAt ?? (n?.publishedAt && n.displayRule ? new Date(Date.parse(n.publishedAt) + n.displayRule.days * 86_400_000).toISOString() : null);
  const where = (areas.data ?? [])
    .filter(Boolean)
    .map((a) => `${a!.name}${a!.nameBo ? `（${a!.nameBo}）` : ''}`)
    .join('、');
  return (
    <StateView loading={notice.loading && !n} error={notice.error} onRetry={notice.reload}>
      {n && (
        <View className={`pr${n.kind === 'result_announcement' ? ' pr--dense' : ''}`} data-testid="print-page">
          <Text className="pr__kind">
            {t(`staff.noticeKind.${n.kind}`)} · {n.kind === 'result_announcement' ? '公告' : '公示'}
          </Text>
          <Text className="pr__title">{n.title}</Text>
          {n.titleBo && <Text className="pr__title pr__title--bo lang-bo">{n.titleBo}</Text>}
          <Text className="pr__meta">公示范围 / གསལ་བསྒྲགས་ཁྱབ་ཁོངས།：{where || '—'}</Text>
          <Text className="pr__meta" data-testid="print-period">
            公示期 / གསལ་བསྒྲགས་དུས་ཡུན།：{n.publishedAt ? formatDateTime(n.publishedAt) : '—'} 至 {periodEnd ? formatDateTime(periodEnd) : '—'}
            {n.displayRule ? `（${n.displayRule.days} 日）` : ''}
          </Text>
          {n.objectionsUntil && <Text className="pr__meta">异议截止 / བསམ་ཚུལ་མཇུག་སྡོམ།：{formatDateTime(n.objectionsUntil)}</Text>}
          <Text className="pr__meta">
            版本 v{n.version}
            {n.withdrawn ? ` · 已撤回：${n.withdrawn.reason}` : ''}
          </Text>
          <View className="pr__rule" />
          {/* The server stores notice bodies as sanitised HTML (the resident page renders them the same way). */}
          <View className="pr__cols">
            <View className="pr__body" data-testid="print-body">
              <RichText nodes={n.body} />
            </View>
            {n.bodyBo && (
              <View className="pr__body pr__body--bo lang-bo" data-testid="print-body-bo">
                <RichText nodes={n.bodyBo} />
              </View>
            )}
          </View>
          <View className="pr__rule" />
          <View className="pr__qrs">
            <Qr text={online} label="线上原文 / དྲ་ཐོག་མ་ཡིག" />
            <Qr text={verify} label="核验 / ཞིབ་བཤེར།" />
          </View>
          <View
            className="btn btn--ghost pr__btn"
            onClick={() => {
              if (process.env.TARO_ENV === 'h5') window.print();
            }}
          >
            打印 / པར་འདེབས།
          </View>
        </View>
      )}
    </StateView>
  );
}
