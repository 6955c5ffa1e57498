import type { SandboxNetwork } from './types.js';

/** One classic-BPF instruction (`struct sock_filter`). */
interface BpfInstruction {
  readonly code: number;
  readonly jt: number;
  readonly jf: number;
  readonly k: number;
}

/** Where a check jumps: one of the return instructions at the end of the program. */
type Label = 'allow' | 'eacces' | 'enosys' | 'kill';

/** A check before jump offsets are resolved. */
interface Step {
  readonly code: number;
  readonly k: number;
  readonly jt?: Label;
  readonly jf?: Label;
}

/** Per-architecture numbers: `AUDIT_ARCH_*` and the syscalls the filter inspects. */
interface ArchNumbers {
  readonly auditArch: number;
  readonly socket: number;
  readonly ioUringSetup: number;
  /** x86_64 only: x32 syscalls carry this bit and would bypass the numbers above. */
  readonly x32Bit?: number;
}

const ARCHES: Readonly<Record<string, ArchNumbers>> = {
  x64: { auditArch: 0xc000003e, socket: 41, ioUringSetup: 425, x32Bit: 0x40000000 },
  arm64: { auditArch: 0xc00000b7, socket: 198, ioUringSetup: 425 },
};

const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_KILL_PROCESS = 0x80000000;
const RET_ERRNO = 0x00050000;
const EACCES = 13;
const ENOSYS = 38;
const AF_INET = 2;
const AF_INET6 = 10;
/** Offsets in `struct seccomp_data`: nr, arch, args[0] (low word, little-endian). */
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0 = 16;

/** What the filter enforces, for the evidence record. */
export interface SeccompPolicy {
  readonly program: Buffer;
  readonly rules: readonly string[];
}

/**
 * A seccomp filter for bwrap's `--seccomp FD`: foreign-architecture syscalls kill the process,
 * io_uring is refused (it can open sockets past this filter), and with `network: 'none'` IPv4 and IPv6
 * sockets are refused too, so even loopback is unusable. Undefined on architectures we have no numbers for.
 */
export function buildSeccompPolicy(arch: string, network: SandboxNetwork): SeccompPolicy | undefined {
  const numbers = ARCHES[arch];
  if (numbers === undefined) return undefined;
  const denyInet = network === 'none';
  const steps: Step[] = [
    { code: LD_W_ABS, k: OFFSET_ARCH },
    { code: JEQ_K, k: numbers.auditArch, jf: 'kill' },
    { code: LD_W_ABS, k: OFFSET_NR },
    ...(numbers.x32Bit === undefined ? [] : [{ code: JGE_K, k: numbers.x32Bit, jt: 'enosys' } as const]),
    { code: JEQ_K, k: numbers.ioUringSetup, jt: 'enosys' },
    ...(denyInet
      ? ([
          { code: JEQ_K, k: numbers.socket, jf: 'allow' },
          { code: LD_W_ABS, k: OFFSET_ARG0 },
          { code: JEQ_K, k: AF_INET, jt: 'eacces' },
          { code: JEQ_K, k: AF_INET6, jt: 'eacces' },
        ] as const)
      : []),
  ];
  // The returns follow the checks, in the order of Label.
  const labels: Record<Label, number> = {
    allow: steps.length,
    eacces: steps.length + 1,
    enosys: steps.length + 2,
    kill: steps.length + 3,
  };
  // BPF jump offsets count from the instruction after the jump.
  const offset = (label: Label | undefined, index: number): number =>
    label === undefined ? 0 : labels[label] - index - 1;
  const program: BpfInstruction[] = [
    ...steps.map((step, index) => ({ code: step.code, k: step.k, jt: offset(step.jt, index), jf: offset(step.jf, index) })),
    { code: RET_K, jt: 0, jf: 0, k: RET_ALLOW },
    { code: RET_K, jt: 0, jf: 0, k: RET_ERRNO | EACCES },
    { code: RET_K, jt: 0, jf: 0, k: RET_ERRNO | ENOSYS },
    { code: RET_K, jt: 0, jf: 0, k: RET_KILL_PROCESS },
  ];

  const buffer = Buffer.alloc(program.length * 8);
  program.forEach((instruction, index) => {
    buffer.writeUInt16LE(instruction.code, index * 8);
    buffer.writeUInt8(instruction.jt, index * 8 + 2);
    buffer.writeUInt8(instruction.jf, index * 8 + 3);
    buffer.writeUInt32LE(instruction.k, index * 8 + 4);
  });
  return {
    program: buffer,
    rules: [
      'kill:foreign-arch',
      ...(numbers.x32Bit === undefined ? [] : ['enosys:x32']),
      'enosys:io_uring_setup',
      ...(denyInet ? ['eacces:socket(AF_INET)', 'eacces:socket(AF_INET6)'] : []),
    ],
  };
}
