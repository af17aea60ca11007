// What the fault report page (opened from a device's QR label) loads on first load: the JavaScript
// and CSS of the entry and of the report route's chunks, each gzipped as a server would send it.
// Target: at most 150 KB. Builds nothing: run `npm run build -w @zhangyi/h5` first.
//
// Run: npm run report-page-size -w @zhangyi/bench
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's manifest (dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const TARGET_BYTES = 150 * 1024;
/** The report route's page; the label, device and no-label routes share it. */
const REPORT_PAGE = 'src/pages/RepairReportPage.vue';

const dist = new URL('../apps/h5/dist/', import.meta.url).pathname;
const manifestFile = join(dist, '.vite/manifest.json');
if (!existsSync(manifestFile)) {
  console.error(`No ${manifestFile}: build the H5 pages first (npm run build -w @zhangyi/h5).`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;

/**
 * The files a chunk brings on load: itself, its CSS and, recursively, its static imports (what
 * the browser fetches before the chunk runs). Dynamic imports wait until a route needs them.
 */
function closure(key: string, files: Set<string>): void {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the manifest`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, files);
}

const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
if (!entry) throw new Error('the manifest names no entry');
const files = new Set<string>();
closure(entry, files);
const entryFiles = new Set(files);
closure(REPORT_PAGE, files);

const rows = [...files].map((file) => {
  const bytes = readFileSync(join(dist, file));
  return {
    file,
    kind: file.endsWith('.css') ? 'css' : 'js',
    part: entryFiles.has(file) ? 'entry' : 'report route',
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
});
rows.sort((a, b) => b.gzip - a.gzip);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`Report page first load (${REPORT_PAGE}), gzip level 9:\n`);
for (const row of rows) {
  console.log(
    `  ${row.kind.padEnd(3)}  ${kb(row.gzip).padStart(9)}  (${kb(row.raw).padStart(9)} raw)  ${row.part.padEnd(12)}  ${row.file}`,
  );
}
const sum = (kind?: string) =>
  rows.filter((r) => !kind || r.kind === kind).reduce((total, r) => total + r.gzip, 0);
const total = sum();
const part = (name: string) =>
  rows.filter((r) => r.part === name).reduce((total, r) => total + r.gzip, 0);
console.log(`\n  JavaScript ${kb(sum('js'))}, CSS ${kb(sum('css'))}, files ${rows.length}`);
console.log(
  `  Shared entry (every page) ${kb(part('entry'))}, report route ${kb(part('report route'))}`,
);
console.log(
  `  Total ${kb(total)} gzip — target ≤ ${kb(TARGET_BYTES)}: ${total <= TARGET_BYTES ? 'met' : 'ABOVE TARGET'}`,
);
// Not JavaScript or CSS, but part of what a first visit may fetch: say so rather than hide it.
const fonts = rows.flatMap((r) =>
  r.kind === 'css'
    ? [...readFileSync(join(dist, r.file), 'utf8').matchAll(/url\(([^)]+\.woff2)\)/g)].map(
        (m) => m[1]!,
      )
    : [],
);
for (const font of new Set(fonts)) {
  const bytes = readFileSync(join(dist, 'assets', font)).length;
  console.log(`  plus the icon font ${font}: ${kb(bytes)} (WOFF2, fetched when an icon is drawn)`);
}
process.exitCode = total <= TARGET_BYTES ? 0 : 1;
