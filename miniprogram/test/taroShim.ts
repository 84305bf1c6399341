// Jest (project `ui`) stand-in for '@tarojs/taro': the H5 implementation of the APIs, plus the React hooks that the
// real package gets from the framework plugin at build time (a plain alias to taro-h5 has no useLoad/useDidShow …).
import * as h5 from '@tarojs/taro-h5';
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime';

export * from '@tarojs/taro-h5';
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useUnload,
  usePageScroll,
  useShareAppMessage,
} from '@tarojs/plugin-framework-react/dist/runtime';

// The build's `Taro` default object carries every API; taro-h5's own default has only the core.
const base = (h5 as unknown as { default?: object }).default ?? {};
const Taro = Object.assign({}, base, h5, hooks) as Record<string, unknown>;
delete Taro.default;
export default Taro;
