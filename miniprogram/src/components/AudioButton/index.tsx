import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { pickClip, playClip, seconds, stopClip, stopClipOf, type Clip, type PlayState } from '../../services/audio';
import './index.scss';

interface Props {
  clips: readonly Clip[] | null | undefined;
  /** `main` (the whole notice or vote) or `question:<id>`. */
  target?: string;
  testId?: string;
}

/**
 * One large ▶ beside a text: plays the staff's voice recording of it, in the reader's language when there is one.
 * Tapping again stops. Nothing is shown when the text has no recording.
 */
export default function AudioButton({ clips, target = 'main', testId = 'audio-play' }: Props) {
  const { t, lang } = useI18n();
  const clip = pickClip(clips, target, lang);
  const [state, setState] = useState<PlayState>('idle');
  useEffect(() => () => stopClipOf(setState), []);
  if (!clip) return null;
  const busy = state === 'loading' || state === 'playing';
  return (
    <View
      className={`audio-btn ${busy ? 'audio-btn--on' : ''}`}
      role="button"
      onClick={() => (busy ? stopClip() : void playClip(clip.fileId, setState))}
      data-testid={testId}
      data-state={state}
      data-lang={clip.lang}
      data-file-id={clip.fileId}
    >
      <Text className="audio-btn__label">{busy ? t('audio.stop') : t(clip.lang === 'bo' ? 'audio.listenBo' : 'audio.listenZh')}</Text>
      <Text className="audio-btn__meta">
        {state === 'loading' ? t('audio.loading') : state === 'failed' ? t('audio.failed') : t('audio.seconds', { n: seconds(clip.durationMs) })}
      </Text>
    </View>
  );
}
