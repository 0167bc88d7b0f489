// The run pipeline's extension points (pipeline.ts): processors that see a run's input before the model and its
// output after it, hooks called once a run is recorded (scorers, evaluations), and observers of each stage.
// Nothing is registered by default; a registered processor runs on every entry point (run, stream, chat, rerun,
// goal step).

/**
 * The stages of every run, in order. When the input was refused or the run was cancelled before it started, the
 * model is not called and `execute` takes no time.
 */
export const runStages = ['resolve', 'guard-input', 'record', 'execute', 'guard-output', 'finish', 'jobs'] as const;
export type RunStage = (typeof runStages)[number];

/** How a run was started. */
export type RunEntry = 'run' | 'stream' | 'chat' | 'rerun' | 'goal' | 'workflow';

export interface RunMessage {
  role: 'user' | 'assistant' | 'system';
  /** The message's text (a message of parts: its text parts joined by newlines). */
  content: string;
  /** Images of a user message, in order after its text (runs/images.ts loads them before the model is called). */
  images?: RunImage[];
}

/** An image as given (an http(s) URL or a data URL) and, once loaded, its bytes and sniffed media type. */
export interface RunImage {
  source: string;
  mediaType?: string;
  data?: Uint8Array;
}

/** What a processor may read about the run it processes. */
export interface RunInfo {
  entry: RunEntry;
  tenantId: string;
  agentSlug: string;
  agentId: string | null;
  /** The run's id once recorded (output processors and hooks always have it). */
  runId?: string;
}

export interface StageEvent extends RunInfo {
  stage: RunStage;
  /** Time spent in the stage (ms); for `execute`, the model calls and tools. */
  ms: number;
}

export interface RunProcessor {
  name: string;
  /**
   * guard-input: before the run is recorded. Returns the messages to send (rewritten or as given); throwing a
   * TrellisError refuses the run: it is recorded FAILED with that error and the model is never called.
   */
  input?(messages: RunMessage[], info: RunInfo): RunMessage[] | Promise<RunMessage[]>;
  /**
   * guard-output: after a completed model call, before anything is stored. Returns the text to store and answer;
   * throwing a TrellisError fails the run with that error. On a streamed run the text has already been sent.
   */
  output?(text: string, info: RunInfo & { runId: string }): string | Promise<string>;
  /** After the run is stored (any status), in the background: never delays or fails the run. */
  finished?(run: { id: string; status: string; outputText: string | null }, info: RunInfo): void | Promise<void>;
}

export interface PipelineExtensions {
  readonly processors: RunProcessor[];
  readonly observers: Set<(event: StageEvent) => void>;
  /** Adds a processor (runs after those already added). */
  use(processor: RunProcessor): void;
  /** Observes every stage of every run; returns the function that stops observing. */
  observe(observer: (event: StageEvent) => void): () => void;
}

export function pipelineExtensions(): PipelineExtensions {
  const processors: RunProcessor[] = [];
  const observers = new Set<(event: StageEvent) => void>();
  return {
    processors,
    observers,
    use: (processor) => {
      processors.push(processor);
    },
    observe: (observer) => {
      observers.add(observer);
      return () => observers.delete(observer);
    },
  };
}
