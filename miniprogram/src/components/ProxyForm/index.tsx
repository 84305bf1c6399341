import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import type { HouseholdMemberView } from '../../services/types';
import type { PickedPhoto } from '../../services/uploads';
import { checkProxy, normalizeUserCode } from '../../services/validation';
import PhotoPicker from '../PhotoPicker';
import { usePhotos, type PhotosOptions } from '../PhotoPicker/usePhotos';
import PickerField from '../PickerField';
import HouseholdPicker, { OTHER, useHousehold } from './HouseholdPicker';
import './index.scss';

export const PROXY_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024; // storeUpload's default limit

interface Props {
  /** Dwellings the person owns (only owners may entrust their vote). */
  dwellings: { id: string; label: string }[];
  myId: string | null;
  /** The family members and tenants bound to the dwelling, to pick the proxy from. */
  loadHousehold: (dwellingId: string) => Promise<HouseholdMemberView[]>;
  /** Posts the fields and the photo of the signed entrustment in one request. */
  onSubmit: (body: { dwellingId: string; proxyUserId: string; note?: string }, document: PickedPhoto) => Promise<void>;
  choosePhotos?: PhotosOptions['choose'];
}

/**
 * 登记委托: which dwelling (picker), who votes for it (a tap on a household member, or for anyone else the user
 * code they copy from their own 委托代理 screen), and a photo of the signed 委托书. The committee reviews it afterwards.
 */
export default function ProxyForm({ dwellings, myId, loadHousehold, onSubmit, choosePhotos }: Props) {
  const { t } = useI18n();
  const [dwellingId, setDwellingId] = useState<string | null>(dwellings.length === 1 ? dwellings[0].id : null);
  const [pick, setPick] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const photos = usePhotos({ max: 1, maxBytes: PROXY_DOCUMENT_MAX_BYTES, choose: choosePhotos });
  const document = photos.slots[0]?.local;
  const household = useHousehold(loadHousehold, dwellingId);
  const members = household.members;
  // Nobody bound to the dwelling: the code box is the only way, so it is open without a tap.
  const mode = pick ?? (members?.length === 0 ? OTHER : null);
  const draft = { dwellingId, proxyCode: mode === OTHER ? code : (mode ?? ''), myId, hasDocument: !!document, note };
  const check = () => {
    const e = checkProxy(draft);
    if (mode !== OTHER && !draft.proxyCode) e.proxy = 'proxyForm.err.pick';
    return e;
  };
  const errors = tried ? check() : {};
  const chooseDwelling = (id: string) => {
    setDwellingId(id);
    setPick(null);
  };

  const paste = async () => {
    try {
      const { data } = await Taro.getClipboardData();
      if (data) setCode(normalizeUserCode(data).slice(0, 24));
    } catch {
      Taro.showToast({ title: t('proxyForm.pasteFailed'), icon: 'none' });
    }
  };

  const submit = async () => {
    setTried(true);
    setServerError(null);
    if (Object.keys(check()).length > 0 || !dwellingId || !document) return;
    setBusy(true);
    try {
      await onSubmit({ dwellingId, proxyUserId: normalizeUserCode(draft.proxyCode), note: note.trim() || undefined }, document);
      setPick(null);
      setCode('');
      household.reload(); // the new entrustment marks its member
      setNote('');
      setTried(false);
      photos.reset();
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="proxy-form">
      <PickerField
        label={t('proxyForm.dwelling')}
        options={dwellings.map((d) => ({ value: d.id, label: d.label }))}
        value={dwellingId}
        onChange={chooseDwelling}
        error={errors.dwelling ? t(errors.dwelling) : null}
        testId="proxy-dwelling"
      />
      {dwellingId && (
        <View>
          <Text className="form-label">{t('proxyForm.proxy')}</Text>
          <Text className="form-hint">{t('proxyForm.proxyHint')}</Text>
          <HouseholdPicker members={members} loading={household.loading} error={household.error} onRetry={household.reload} value={mode} onChange={setPick} />
        </View>
      )}
      {mode === OTHER && (
        <View>
          <Text className="form-label">{t('proxyForm.code')}</Text>
          <Text className="form-hint">{t('proxyForm.codeHint')}</Text>
          <View className="proxy-form__code">
            <Input
              className={`text-input mono ${errors.proxy ? 'text-input--error' : ''}`}
              value={code}
              maxlength={40}
              placeholder={t('proxyForm.codePlaceholder')}
              onInput={(e) => setCode(e.detail.value)}
              data-testid="proxy-code"
            />
            <Button className="btn btn--ghost proxy-form__paste" onClick={() => void paste()}>
              {t('proxyForm.paste')}
            </Button>
          </View>
        </View>
      )}
      {errors.proxy && (
        <Text className="form-error" data-testid="proxy-code-error">
          {t(errors.proxy)}
        </Text>
      )}
      <PhotoPicker photos={photos} label={t('proxyForm.document')} hint={t('proxyForm.documentHint')} testId="proxy-document" />
      {errors.document && (
        <Text className="form-error" data-testid="proxy-document-error">
          {t(errors.document)}
        </Text>
      )}
      <Text className="form-label">{t('proxyForm.note')}</Text>
      <Input
        className="text-input"
        value={note}
        maxlength={200}
        placeholder={t('proxyForm.notePlaceholder')}
        onInput={(e) => setNote(e.detail.value)}
        data-testid="proxy-note"
      />
      {errors.note && <Text className="form-error">{t(errors.note)}</Text>}
      {serverError && (
        <Text className="form-error" data-testid="proxy-server-error">
          {serverError}
        </Text>
      )}
      <View className="spacer" />
      <Button className="btn" disabled={busy || undefined} loading={busy} onClick={() => void submit()} data-testid="proxy-submit">
        {t('proxyForm.submit')}
      </Button>
    </View>
  );
}
