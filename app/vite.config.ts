import { defineConfig } from 'vite';

// Preact through esbuild's automatic JSX runtime (no Babel plugin needed).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // the polkadot.js client and the chart library change rarely: their own cacheable chunks
        manualChunks(id) {
          if (id.includes('node_modules/@polkadot/')) return 'polkadot';
          if (id.includes('node_modules/lightweight-charts') || id.includes('node_modules/fancy-canvas')) return 'charts';
          return undefined;
        },
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
