import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// `@msjd/shared` is TypeScript source, not built JS: Taro only runs babel over `src/` and Taro's own packages,
// so the shared package (resolved through its workspace symlink to ../shared/src) must be listed explicitly.
// zod ships modern syntax (class fields, `??`); it goes through babel too so weapp/H5 get the browserslist target.
const sharedSrc = path.resolve(__dirname, '../../shared/src')
const compileInclude = [sharedSrc, (file: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(file)]

// The mini-program's API origin, fixed at build time (H5 ignores it and calls its own origin). Set in config rather
// than a .env file so a fresh clone builds with the local default; override from the shell, e.g.
//   TARO_APP_API_BASE=https://jd.example.gov.cn pnpm build:weapp
const apiBase = (process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000').replace(/\/+$/, '')

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: '码上监督',
    date: '2026-11-24',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // One folder per target so an H5 build never wipes the weapp output (and vice versa).
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    env: { TARO_APP_API_BASE: JSON.stringify(apiBase) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent cache roughly halves rebuilds; it lives under node_modules/.cache and is keyed by config.
    cache: { enable: true },
    mini: {
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      // The API server serves this build under /h5/ and the API on the same origin under /api.
      publicPath: '/h5/',
      staticDirectory: 'static',
      // Hash routing: the server only has to serve index.html at /h5/, and QR links look like /h5/#/pages/scene/index?s=…
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
