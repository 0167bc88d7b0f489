// Images in a run's input. Before the run is recorded, each image part is checked against the model (a catalog model
// that takes no images refuses them), loaded — a data URL decoded, an http(s) URL fetched under web-fetch's SSRF rules
// (never by the provider SDK) — size-limited and sniffed for a real image type. What a run keeps of its images is a
// description (URL, type, size), never the bytes.
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { DEMO_PROVIDER } from '../models/demo-model';
import { catalogCapabilities } from '../models/pricing';
import { BlockedAddressError, safeFetchBytes } from '../tools/builtin/safe-fetch';
import type { RunImage, RunMessage } from './extensions';

/** The most images one run may carry. */
export const MAX_IMAGES_PER_RUN = 8;

/** An image as a run's metadata keeps it: the URL it came from (not a data URL), its type and size. */
export interface StoredImage {
  url?: string;
  mediaType: string;
  bytes: number;
}

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const signatures: [string, (b: Uint8Array) => boolean][] = [
  ['image/png', (b) => b[0] === 0x89 && ascii(b, 1, 4) === 'PNG'],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => ascii(b, 0, 4) === 'GIF8'],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
];

/** The image type the bytes really are (PNG, JPEG, GIF or WebP); undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  return signatures.find(([, matches]) => bytes.length >= 12 && matches(bytes))?.[0];
}

export const hasImages = (messages: RunMessage[]) => messages.some((m) => m.images?.length);

/** Refuses images for a model the catalog says takes none (unknown models and the demo model are let through). */
export function checkModelTakesImages(provider: string, modelName: string) {
  if (provider === DEMO_PROVIDER) return;
  if (catalogCapabilities(provider, modelName).imageInput === false)
    throw invalidInput(`The model ${provider}/${modelName} does not accept images; choose a vision-capable model`, {
      field: 'input',
    });
}

function decodeDataUrl(source: string, label: string, maxBytes: number): Uint8Array {
  const comma = source.indexOf(',');
  const payload = source.slice(comma + 1);
  if (Math.floor((payload.length * 3) / 4) > maxBytes + 2)
    throw invalidInput(`${label} is larger than ${maxBytes} bytes`, { field: 'input' });
  const data = Buffer.from(payload, 'base64');
  if (data.length > maxBytes) throw invalidInput(`${label} is larger than ${maxBytes} bytes`, { field: 'input' });
  return data;
}

async function fetchImage(ctx: ServiceContext, source: string, label: string, maxBytes: number) {
  let res: Awaited<ReturnType<typeof safeFetchBytes>>;
  try {
    res = await safeFetchBytes(source, {
      ...ctx.runtime.webFetch,
      maxBytes: maxBytes + 1,
      headers: { accept: 'image/png,image/jpeg,image/gif,image/webp' },
    });
  } catch (e) {
    const why = e instanceof BlockedAddressError ? `refused: ${e.message}` : `failed: ${(e as Error).message}`;
    throw invalidInput(`${label} could not be fetched (${why})`, { field: 'input', url: source });
  }
  if (res.status < 200 || res.status >= 300)
    throw invalidInput(`${label} could not be fetched (HTTP ${res.status})`, { field: 'input', url: source });
  if (res.truncated || res.body.length > maxBytes)
    throw invalidInput(`${label} is larger than ${maxBytes} bytes`, { field: 'input', url: source });
  return new Uint8Array(res.body);
}

async function loadImage(ctx: ServiceContext, image: RunImage, label: string): Promise<RunImage> {
  if (image.data) return image;
  const maxBytes = ctx.runtime.config.env.IMAGE_MAX_BYTES;
  const data = image.source.startsWith('data:')
    ? decodeDataUrl(image.source, label, maxBytes)
    : await fetchImage(ctx, image.source, label, maxBytes);
  const mediaType = sniffImageType(data);
  if (!mediaType) throw invalidInput(`${label} is not a PNG, JPEG, GIF or WebP image`, { field: 'input' });
  return { source: image.source, mediaType, data };
}

/**
 * The messages with every image loaded (in parallel), or a VALIDATION_FAILED naming the image: too many, too large,
 * not an image, refused by the SSRF rules, or a model that takes no images. Messages without images pass as they are.
 */
export async function loadImages(
  ctx: ServiceContext,
  messages: RunMessage[],
  model: { provider: string; name: string },
): Promise<RunMessage[]> {
  const count = messages.reduce((n, m) => n + (m.images?.length ?? 0), 0);
  if (!count) return messages;
  if (count > MAX_IMAGES_PER_RUN)
    throw invalidInput(`A run takes at most ${MAX_IMAGES_PER_RUN} images; this one has ${count}`, { field: 'input' });
  checkModelTakesImages(model.provider, model.name);
  let n = 0;
  return Promise.all(
    messages.map(async (m) => {
      if (!m.images?.length) return m;
      const images = await Promise.all(m.images.map((image) => loadImage(ctx, image, `Image ${++n}`)));
      return { ...m, images };
    }),
  );
}

/** What the run keeps of a message's images: URL (never a data URL), type and size. */
export function storedImages(images: RunImage[]): StoredImage[] {
  return images.map((i) => ({
    ...(i.source.startsWith('data:') ? {} : { url: i.source }),
    mediaType: i.mediaType ?? 'application/octet-stream',
    bytes: i.data?.length ?? 0,
  }));
}

/**
 * A message as the model gets it: text, or text followed by its loaded images as AI SDK image parts (bytes only: a
 * URL handed on would be fetched by the provider SDK, outside the SSRF rules).
 */
export function toModelMessage(m: RunMessage) {
  if (!m.images?.length) return { role: m.role, content: m.content };
  return {
    role: m.role,
    content: [
      ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
      ...m.images.flatMap((i) => (i.data ? [{ type: 'image' as const, image: i.data, mediaType: i.mediaType }] : [])),
    ],
  };
}
