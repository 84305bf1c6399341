import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import type { PickedPhoto } from '../../services/uploads';
import { checkProxy, normalizeUserCode } from '../../services/validation';
import PhotoPicker from '../PhotoPicker';
import { usePhotos, type PhotosOptions } from '../PhotoPicker/usePhotos';
import PickerField from '../PickerField';
import './index.scss';

export const PROXY_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024; // storeUpload's default limit

interface Props {
  /** Dwellings the person owns (only owners may entrust their vote). */
  dwellings: { id: string; label: string }[];
  myId: string | null;
  /** Posts the fields and the photo of the signed entrustment in one request. */
  onSubmit: (body: { dwellingId: string; proxyUserId: string; note?: string }, document: PickedPhoto) => Promise<void>;
  choosePhotos?: PhotosOptions['choose'];
}

/**
 * 登记委托: which dwelling (picker), who votes for it (the proxy's user code, which they copy from their own
 * 委托代理 screen and send to the owner), and a photo of the signed 委托书. The committee reviews it afterwards.
 */
export default function ProxyForm({ dwellings, myId, onSubmit, choosePhotos }: Props) {
  const { t } = useI18n();
  const [dwellingId, setDwellingId] = useState<string | null>(dwellings.length === 1 ? dwellings[0].id : null);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const photos = usePhotos({ max: 1, maxBytes: PROXY_DOCUMENT_MAX_BYTES, choose: choosePhotos });
  const document = photos.slots[0]?.local;
  const draft = { dwellingId, proxyCode: code, myId, hasDocument: !!document, note };
  const errors = tried ? checkProxy(draft) : {};

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
    if (Object.keys(checkProxy(draft)).length > 0 || !dwellingId || !document) return;
    setBusy(true);
    try {
      await onSubmit({ dwellingId, proxyUserId: normalizeUserCode(code), note: note.trim() || undefined }, document);
      setCode('');
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
    <View className='proxy-form'>
      <PickerField
        label={t('proxyForm.dwelling')}
        options={dwellings.map((d) => ({ value: d.id, label: d.label }))}
        value={dwellingId}
        onChange={setDwellingId}
        error={errors.dwelling ? t(errors.dwelling) : null}
        testId='proxy-dwelling'
      />
      <Text className='form-label'>{t('proxyForm.code')}</Text>
      <Text className='form-hint'>{t('proxyForm.codeHint')}</Text>
      <View className='proxy-form__code'>
        <Input
          className={`text-input mono ${errors.proxy ? 'text-input--error' : ''}`}
          value={code}
          maxlength={40}
          placeholder={t('proxyForm.codePlaceholder')}
          onInput={(e) => setCode(e.detail.value)}
          data-testid='proxy-code'
        />
        <Button className='btn btn--ghost proxy-form__paste' onClick={() => void paste()}>
          {t('proxyForm.paste')}
        </Button>
      </View>
      {errors.proxy && <Text className='form-error' data-testid='proxy-code-error'>{t(errors.proxy)}</Text>}
      <PhotoPicker photos={photos} label={t('proxyForm.document')} hint={t('proxyForm.documentHint')} testId='proxy-document' />
      {errors.document && <Text className='form-error' data-testid='proxy-document-error'>{t(errors.document)}</Text>}
      <Text className='form-label'>{t('proxyForm.note')}</Text>
      <Input className='text-input' value={note} maxlength={200} placeholder={t('proxyForm.notePlaceholder')} onInput={(e) => setNote(e.detail.value)} data-testid='proxy-note' />
      {errors.note && <Text className='form-error'>{t(errors.note)}</Text>}
      {serverError && <Text className='form-error' data-testid='proxy-server-error'>{serverError}</Text>}
      <View className='spacer' />
      <Button className='btn' disabled={busy || undefined} loading={busy} onClick={() => void submit()} data-testid='proxy-submit'>
        {t('proxyForm.submit')}
      </Button>
    </View>
  );
}
