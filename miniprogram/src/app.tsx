import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { connectRealtime } from './services/realtime';
import { suppressJavascriptLinks } from './utils/h5Csp';
import { installRootFontSize } from './utils/h5Root';
import { relayoutWhenFontsLoad } from './utils/webFonts';
import './app.scss';

if (process.env.TARO_ENV === 'h5') {
  installRootFontSize();
  suppressJavascriptLinks();
  relayoutWhenFontsLoad();
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Only connects when a token is stored; login connects it otherwise.
    connectRealtime();
  });
  return children;
}

export default App;
