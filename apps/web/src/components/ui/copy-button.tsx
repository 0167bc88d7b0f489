// A small icon button that copies a text to the clipboard and says so (toast), or says why it could not.
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';

export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast.success('Copied to the clipboard');
    } catch (e) {
      toast.error(`Could not copy: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return (
    <Button
      variant="ghost"
      size="icon"
      className={cn('size-7 text-muted-foreground', className)}
      aria-label={label}
      title={label}
      onClick={copy}
    >
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
    </Button>
  );
}
