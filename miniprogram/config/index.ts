import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

const TARO_ENV = process.env.TARO_ENV ?? 'weapp';

// The shared workspace package ships TypeScript source (main: src/index.ts); Taro only transpiles folders listed here.
const sharedDir = path.resolve(__dirname, '../../shared');

// H5 is served by the API server itself (same origin); WeChat DevTools talks to a local server by default.
const apiBase = process.env.TARO_APP_API_BASE ?? (TARO_ENV === 'h5' ? '' : 'http://localhost:3000');
// The WeChat subscribe-message template the app asks permission for (same id as the server's WECHAT_TEMPLATE_NOTICE).
// Always defined, '' when unset: the app then never shows the subscribe prompt (services/subscribe.ts). Taro's own
// `.env` files in this folder (TARO_APP_* keys) are merged over this by the CLI.
const noticeTemplateId = (process.env.TARO_APP_NOTICE_TEMPLATE_ID ?? '').trim();

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gongzhi',
    date: '2026-11-27',
    // 375 = CSS px on a typical phone, so "18px" in styles really is ~18px for the reader.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${TARO_ENV}`,
    plugins: [],
    env: { TARO_APP_API_BASE: JSON.stringify(apiBase), TARO_APP_NOTICE_TEMPLATE_ID: JSON.stringify(noticeTemplateId) },
    defineConstants: {},
    copy: {
      // The Tibetan web font is only for H5 and is fetched lazily (unicode-range); never part of the weapp package.
      patterns: TARO_ENV === 'h5' ? [{ from: 'src/assets/fonts/', to: `dist/${TARO_ENV}/static/fonts/` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Terser by default (the smallest bundle: 180 KB gzipped on first load). `npm test` builds H5 with esbuild
    // (GONGZHI_H5_MINIFIER=esbuild): 40 s instead of 210 s on a 2-core CI machine, 14 % more bytes; weapp stays terser.
    jsMinimizer: TARO_ENV === 'h5' && process.env.GONGZHI_H5_MINIFIER === 'esbuild' ? 'esbuild' : 'terser',
    esbuild: { minify: { enable: true, config: { target: 'es2017' } } },
    mini: {
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
