import type { ScanProgress } from '../scan/index.js';
import type { OutputStream } from './io.js';

const WIDTH = 24;

/** A one-line progress bar on a TTY stream; silent on anything else. */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly clock: () => number,
    private readonly startedAt = clock(),
  ) {}

  /** Whether the bar draws at all (a TTY). */
  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** Show the latest progress, at most every 80 ms except at phase ends. */
  update(progress: ScanProgress): void {
    if (!this.enabled) return;
    const now = this.clock();
    const final = 'done' in progress && progress.done === progress.total;
    if (!final && now - this.lastDraw < 80) return;
    this.lastDraw = now;
    const elapsed = ((now - this.startedAt) / 1000).toFixed(1);
    let line: string;
    if (progress.phase === 'walk') line = `reading   ${progress.files} files`;
    else if (progress.phase === 'store') line = 'storing   results';
    else {
      const ratio = progress.total === 0 ? 1 : progress.done / progress.total;
      const filled = Math.round(ratio * WIDTH);
      const label = progress.phase === 'parse' ? 'parsing ' : progress.phase === 'analyze' ? 'analysing' : 'rules    ';
      line = `${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${progress.done}/${progress.total} files`;
    }
    this.stream.write(`\r\u001b[2K${line} · ${elapsed}s`);
    this.drawn = true;
  }

  /** Erase the bar before normal output. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }
}
