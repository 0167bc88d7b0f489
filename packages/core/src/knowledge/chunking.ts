// Turning a document into searchable chunks with @mastra/rag: HTML by its headings (scripts and styles dropped),
// Markdown by its headings and then by size, plain text (and PDF text) recursively by paragraphs, lines and words.
// Each chunk keeps the headings it sits under as metadata. PDFs are read to text with unpdf.
import { MDocument } from '@mastra/rag';
import { invalidInput } from '../errors';

export type SourceFormat = 'text' | 'markdown' | 'html' | 'pdf';

export interface Chunk {
  content: string;
  metadata: Record<string, unknown>;
}

const headings = {
  html: [
    ['h1', 'h1'],
    ['h2', 'h2'],
    ['h3', 'h3'],
  ] as [string, string][],
  markdown: [
    ['#', 'h1'],
    ['##', 'h2'],
    ['###', 'h3'],
  ] as [string, string][],
};

async function bySize(text: string, metadata: Record<string, unknown>, maxSize: number, overlap: number) {
  const chunks = await MDocument.fromText(text, metadata).chunk({ strategy: 'recursive', maxSize, overlap });
  return chunks.map((c) => ({ content: c.text, metadata: { ...metadata, ...c.metadata } }));
}

/** The document's chunks, in order, none longer than `maxSize` characters; empty ones dropped. */
export async function chunkText(
  format: SourceFormat,
  text: string,
  maxSize: number,
  overlap: number,
): Promise<Chunk[]> {
  let chunks: Chunk[];
  if (format === 'html') {
    const parts = await MDocument.fromHTML(text).chunk({ strategy: 'html', headers: headings.html, maxSize, overlap });
    chunks = parts.map((c) => ({ content: c.text, metadata: headingsOf(c.metadata) }));
  } else if (format === 'markdown') {
    const sections = await MDocument.fromMarkdown(text).chunk({ strategy: 'markdown', headers: headings.markdown });
    chunks = (await Promise.all(sections.map((s) => bySize(s.text, headingsOf(s.metadata), maxSize, overlap)))).flat();
  } else {
    chunks = await bySize(text, {}, maxSize, overlap);
  }
  return chunks.map((c) => ({ ...c, content: c.content.trim() })).filter((c) => c.content.length > 0);
}

/** Only the heading keys of a chunk's metadata (the HTML splitter adds an xpath too). */
function headingsOf(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => /^h[1-6]$/.test(k)));
}

/** The text of a PDF (pages joined by blank lines), or VALIDATION_FAILED when it cannot be read. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: false });
    return (text as string[]).join('\n\n');
  } catch (e) {
    throw invalidInput(`The PDF could not be read: ${(e as Error).message}`, { field: 'file' });
  }
}

/** The format a fetched or uploaded file is, from its media type and name. */
export function formatOf(mediaType: string, name = ''): SourceFormat | null {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf' || name.toLowerCase().endsWith('.pdf')) return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml' || /\.html?$/i.test(name)) return 'html';
  if (type === 'text/markdown' || /\.(md|markdown)$/i.test(name)) return 'markdown';
  if (type.startsWith('text/') || type === 'application/json' || /\.(txt|csv|json)$/i.test(name)) return 'text';
  return null;
}
