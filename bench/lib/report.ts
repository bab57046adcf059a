import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** Replaces (or appends) one benchmark's section of docs/benchmarks.md, between its markers. */
export async function writeSection(name: string, markdown: string): Promise<void> {
  const file = 'docs/benchmarks.md';
  let doc: string;
  try {
    doc = await readFile(file, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nEvery figure here comes from `npm run bench` on the machine named in its section.\n';
  }
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n${markdown.trim()}\n${end}`;
  const at = doc.indexOf(start);
  doc =
    at >= 0
      ? doc.slice(0, at) + section + doc.slice(doc.indexOf(end) + end.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  await writeFile(file, doc);
}

export function machine(postgres: string): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.versions.node}, PostgreSQL ${postgres}`;
}
