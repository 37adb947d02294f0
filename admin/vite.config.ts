import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Groups the big libraries so a change in our own pages does not invalidate their cached chunks. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined
  if (/[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/.test(id)) return 'echarts'
  if (/[\\/]node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/.test(id)) return 'antd'
  if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/.test(id)) return 'react'
  if (/[\\/]node_modules[\\/]zod[\\/]/.test(id)) return 'zod'
  return undefined
}

export default defineConfig({
  // The API server serves the built panel under /admin/ and the API under /api on the same origin.
  base: '/admin/',
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~900 kB minified (~290 kB gzipped) however it is split; it is one cached file per release.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // zod ships a /*@__PURE__*/ comment rollup cannot place; it only drops the comment. Not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return
        warn(warning)
      },
    },
  },
})
