import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { connectRealtime } from './services/realtime';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Only connects when a token is stored; login connects it otherwise.
    connectRealtime();
  });
  return children;
}

export default App;
