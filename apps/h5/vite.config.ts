import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

/**
 * Vant's icon font is inlined as WOFF2, with a fallback WOFF on Alibaba's CDN. Every browser we
 * serve reads WOFF2, the server's Content-Security-Policy refuses that host (Chromium reports a
 * violation on every page) and a hospital page should not name a third-party host anyway.
 */
function dropVantCdnFont(): Plugin {
  return {
    name: 'zhangyi:drop-vant-cdn-font',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id)) return null;
      return code.replace(/,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\("woff"\)/g, '');
    },
  };
}

/**
 * The icon font then sits in the CSS as base64 (about a third larger than the font, and parsed
 * before the first paint). Written out as its own hashed .woff2 instead, the browser fetches it
 * only when an icon is drawn, caches it apart from the CSS, and the CSS shrinks by 28 kB gzip.
 */
function externalIconFont(): Plugin {
  const INLINE = /url\(data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)\)/g;
  return {
    name: 'zhangyi:external-icon-font',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.css')) continue;
        const css = String(file.source);
        if (!INLINE.test(css)) continue;
        file.source = css.replace(INLINE, (_match, base64: string) => {
          const ref = this.emitFile({
            type: 'asset',
            name: 'vant-icon.woff2',
            source: Buffer.from(base64, 'base64'),
          });
          // CSS and font both live in assets/: the URL is the font's own name.
          return `url(${this.getFileName(ref).split('/').pop()})`;
        });
      }
    },
  };
}

// The server serves this build under /h5/; in development Vite proxies the API to it.
export default defineConfig({
  base: '/h5/',
  plugins: [vue(), dropVantCdnFont(), externalIconFont()],
  define: {
    // Every component uses the Composition API, and vue-i18n runs in composition mode only:
    // dropping the legacy code paths keeps the first load small on phone networks.
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    // dist/.vite/manifest.json: the chunk graph, read by bench/report-page-size.ts.
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // The contracts package builds its TypeBox schemas at import time, which the bundler
        // must otherwise keep as side effects: importing the API client alone would pull in
        // every schema and the whole TypeBox builder (about 12 kB gzip). Both are pure, so
        // modules of theirs that nothing uses can go. `undefined` keeps the default (each
        // package's own `sideEffects`) for everything else.
        moduleSideEffects: (id) =>
          /[\\/](packages[\\/]contracts|node_modules[\\/]typebox)[\\/]/.test(id)
            ? false
            : undefined,
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/wechat': 'http://127.0.0.1:3000' },
  },
  preview: {
    port: 4173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/wechat': 'http://127.0.0.1:3000' },
  },
});
