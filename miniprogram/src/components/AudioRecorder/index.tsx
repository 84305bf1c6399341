import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { AudioLang } from '@gongzhi/shared';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { chooseAudioFile, startRecording, uploadAudio, type Clip, type Recording, type RecorderHandle } from '../../services/audio';
import AudioButton from '../AudioButton';
import './index.scss';

interface Props {
  /** `main` or `question:<id>`: which text these recordings read out. */
  target: string;
  clips: readonly Clip[];
  /** Functional update: uploads finish later, and other recorders on the page change the same list. */
  onChange: (update: (prev: Clip[]) => Clip[]) => void;
  testId?: string;
}

const LANGS: AudioLang[] = ['bo', 'zh'];

/**
 * Staff record a reading of a text in Tibetan and/or Chinese (or pick a sound file, e.g. on a PC), listen to it,
 * and remove it. A clip is uploaded when the recording stops; the form sends the clip ids with the notice or vote.
 */
export default function AudioRecorder({ target, clips, onChange, testId = 'audio-rec' }: Props) {
  const { t } = useI18n();
  const [recording, setRecording] = useState<{ lang: AudioLang; handle: RecorderHandle; started: number } | null>(null);
  const [uploading, setUploading] = useState<AudioLang | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, tick] = useState(0);
  const live = useRef(true);
  const active = useRef<RecorderHandle | null>(null);
  // Leaving the page mid-recording drops it (and frees the microphone).
  useEffect(
    () => () => {
      live.current = false;
      active.current?.cancel();
    },
    [],
  );
  useEffect(() => {
    if (!recording) return undefined;
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, [recording]);

  const put = async (lang: AudioLang, file: Recording) => {
    setUploading(lang);
    try {
      const up = await uploadAudio(file);
      const clip: Clip = { target, lang, fileId: up.fileId, durationMs: up.durationMs };
      onChange((prev) => [...prev.filter((c) => !(c.target === target && c.lang === lang)), clip]);
    } catch (e) {
      if (live.current) setError(errorMessage(e));
    } finally {
      if (live.current) setUploading(null);
    }
  };

  const record = async (lang: AudioLang) => {
    setError(null);
    try {
      const handle = await startRecording(
        (file) => {
          active.current = null;
          setRecording(null);
          void put(lang, file);
        },
        () => {
          active.current = null;
          setRecording(null);
          setError(t('audio.rec.denied'));
        },
      );
      active.current = handle;
      setRecording({ lang, handle, started: Date.now() });
    } catch {
      setError(t('audio.rec.denied'));
    }
  };

  const choose = async (lang: AudioLang) => {
    setError(null);
    const file = await chooseAudioFile();
    if (file) await put(lang, file);
  };

  return (
    <View className="audio-rec" data-testid={testId}>
      <Text className="audio-rec__title">{t('audio.rec.title')}</Text>
      <Text className="audio-rec__hint">{t('audio.rec.hint')}</Text>
      {LANGS.map((lang) => {
        const clip = clips.find((c) => c.target === target && c.lang === lang);
        const mine = recording?.lang === lang;
        return (
          <View key={lang} className="audio-rec__row" data-testid={`${testId}-${lang}`} data-has-clip={clip ? '1' : '0'}>
            <Text className="audio-rec__lang">{t(lang === 'bo' ? 'audio.rec.bo' : 'audio.rec.zh')}</Text>
            {clip ? (
              <View className="audio-rec__actions">
                <AudioButton clips={[clip]} target={target} testId={`${testId}-${lang}-play`} />
                <View
                  className="btn btn--ghost audio-rec__btn"
                  onClick={() => onChange((prev) => prev.filter((c) => c !== clip && !(c.target === target && c.lang === lang)))}
                  data-testid={`${testId}-${lang}-remove`}
                >
                  {t('audio.rec.remove')}
                </View>
              </View>
            ) : uploading === lang ? (
              <Text className="audio-rec__status">{t('audio.rec.uploading')}</Text>
            ) : mine ? (
              <View className="audio-rec__actions">
                <Text className="audio-rec__status audio-rec__status--live">
                  {t('audio.rec.recording', { n: Math.floor((Date.now() - recording.started) / 1000) })}
                </Text>
                <View className="btn audio-rec__btn" onClick={() => recording.handle.stop()} data-testid={`${testId}-${lang}-stop`}>
                  {t('audio.rec.stop')}
                </View>
              </View>
            ) : (
              <View className="audio-rec__actions">
                <View
                  className={`btn audio-rec__btn ${recording ? 'btn--disabled' : ''}`}
                  onClick={recording ? undefined : () => void record(lang)}
                  data-testid={`${testId}-${lang}-start`}
                >
                  {t('audio.rec.start')}
                </View>
                <View
                  className="btn btn--ghost audio-rec__btn"
                  onClick={recording ? undefined : () => void choose(lang)}
                  data-testid={`${testId}-${lang}-choose`}
                >
                  {t('audio.rec.choose')}
                </View>
              </View>
            )}
          </View>
        );
      })}
      {error && (
        <Text className="form-error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
    </View>
  );
}
