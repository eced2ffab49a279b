// The benchmark corpus: articles built from the bundled example, the reference articles and the
// shared fixtures, deterministic so that every run measures the same texts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';

/** A deterministic pseudo-random generator, so every run benchmarks the same corpus. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sourceArticles(): string[] {
  const root = packageRoot();
  const files: string[] = [];
  for (const dir of [join(root, 'examples'), join(root, 'test', 'gold'), resolve(root, '..', 'shared', 'fixtures')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) files.push(readFileSync(join(dir, f), 'utf8'));
  }
  return files;
}

/**
 * ≥ 2,000 markdown articles built from the fixtures and reference articles: paragraphs of one to
 * three sources shuffled together, numbers varied, a unique URL each, so sizes vary and no two
 * articles are duplicates.
 */
export function corpus(n: number): { name: string; text: string }[] {
  const src = sourceArticles();
  const paras = src.map((t) => t.split(/\n\s*\n/).filter((p) => p.trim() && !/^#|^Original url|^<http/.test(p.trim())));
  const rand = rng(42);
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + Math.floor(rand() * 3);
    const body: string[] = [];
    for (let j = 0; j < k; j++) {
      const ps = paras[Math.floor(rand() * paras.length)];
      for (const p of ps) if (rand() < 0.85) body.push(p.replace(/\d{2,}/g, (d) => String(Number(d) + Math.floor(rand() * 9))));
    }
    const day = 1 + (i % 28);
    const text = `# Bench article ${i}: ${body[0]?.slice(0, 40) ?? ''}\n\nMarch ${day}, 2024\n\n${body.join('\n\n')}\n\nOriginal url:\n\n<https://bench.example.org/2024/03/${day}/article-${i}>\n`;
    out.push({ name: `bench-${i}.md`, text });
  }
  return out;
}

/** The options the speed scripts share: `--articles N`, `--rounds R`, `--dump FILE`, and any other by name. */
export function speedOptions(argv = process.argv.slice(2)) {
  const opt = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  return { opt, articles: Number(opt('--articles', '300')), rounds: Number(opt('--rounds', '3')), dump: opt('--dump', '') };
}
