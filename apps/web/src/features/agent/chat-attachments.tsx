// Images attached to a chat message before it is sent: PNG, JPEG, GIF or WebP, at most 8, each at most 5 MB (what
// the server accepts — checked here first, with a message naming the file). Each is read into a data URL and sent as
// a useChat file part; thumbnails with remove buttons show until the message goes.
import type { FileUIPart } from 'ai';
import { ImagePlus, X } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const MAX_IMAGES = 8;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });

const size = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** An attached image: its file part and a key for the list. */
export interface Attachment {
  id: string;
  part: FileUIPart;
}

/** The attached images, with adding (checked), removing, clearing and the last refusal. */
export function useImageAttachments() {
  const [images, setImages] = useState<Attachment[]>([]);
  const [problem, setProblem] = useState<string>();

  async function add(files: FileList | File[]) {
    const list = [...files];
    const problems: string[] = [];
    const accepted: File[] = [];
    for (const file of list) {
      if (!IMAGE_TYPES.includes(file.type)) problems.push(`${file.name} is not a PNG, JPEG, GIF or WebP image`);
      else if (file.size > MAX_IMAGE_BYTES)
        problems.push(`${file.name} is ${size(file.size)}: an image may be at most 5 MB`);
      else accepted.push(file);
    }
    const room = MAX_IMAGES - images.length;
    if (accepted.length > room)
      problems.push(
        `A message may carry at most ${MAX_IMAGES} images: ${accepted.length - Math.max(room, 0)} left out`,
      );
    const kept = accepted.slice(0, Math.max(room, 0));
    setProblem(problems.length ? `${problems.join('; ')}.` : undefined);
    try {
      const parts = await Promise.all(
        kept.map(async (file) => ({
          id: crypto.randomUUID(),
          part: { type: 'file' as const, mediaType: file.type, filename: file.name, url: await readAsDataUrl(file) },
        })),
      );
      setImages((current) => [...current, ...parts].slice(0, MAX_IMAGES));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  return {
    images,
    /** The images as useChat file parts. */
    parts: images.map((i) => i.part),
    problem,
    add,
    remove: (id: string) => setImages((current) => current.filter((i) => i.id !== id)),
    clear: () => {
      setImages([]);
      setProblem(undefined);
    },
  };
}

/** The paperclip button with its hidden file input. */
export function AttachButton({
  onFiles,
  disabled,
  full,
}: {
  onFiles: (files: FileList) => void;
  disabled?: boolean;
  full?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        multiple
        hidden
        aria-label="Image files"
        onChange={(e) => {
          if (e.target.files?.length) onFiles(e.target.files);
          e.target.value = '';
        }}
      />
      <Button
        variant="outline"
        size="icon"
        aria-label={full ? `Attach images (at most ${MAX_IMAGES})` : 'Attach images'}
        title={full ? `At most ${MAX_IMAGES} images per message` : 'Attach images (PNG, JPEG, GIF, WebP; 5 MB each)'}
        disabled={disabled || full}
        onClick={() => input.current?.click()}
      >
        <ImagePlus aria-hidden />
      </Button>
    </>
  );
}

/** Thumbnails of the attached images, each with a remove button. */
export function AttachmentStrip({ images, onRemove }: { images: Attachment[]; onRemove: (id: string) => void }) {
  if (!images.length) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Attached images">
      {images.map(({ id, part: img }, i) => (
        <li key={id} className="relative">
          <img
            src={img.url}
            alt={img.filename ?? `Image ${i + 1}`}
            className="size-16 rounded-md border object-cover"
          />
          <button
            type="button"
            className="absolute -top-1.5 -right-1.5 flex size-5 cursor-pointer items-center justify-center rounded-full border bg-background text-muted-foreground shadow-xs hover:text-foreground"
            aria-label={`Remove ${img.filename ?? `image ${i + 1}`}`}
            onClick={() => onRemove(id)}
          >
            <X className="size-3" aria-hidden />
          </button>
        </li>
      ))}
    </ul>
  );
}
