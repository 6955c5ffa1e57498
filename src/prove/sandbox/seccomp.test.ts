import { describe, expect, it } from 'vitest';

import { buildSeccompPolicy } from './seccomp.js';

/** Decode a program into [code, jt, jf, k] tuples. */
function decode(program: Buffer): [number, number, number, number][] {
  const instructions: [number, number, number, number][] = [];
  for (let offset = 0; offset < program.length; offset += 8) {
    instructions.push([program.readUInt16LE(offset), program.readUInt8(offset + 2), program.readUInt8(offset + 3), program.readUInt32LE(offset + 4)]);
  }
  return instructions;
}

describe('buildSeccompPolicy', () => {
  it('refuses IPv4 and IPv6 sockets only when network is none', () => {
    expect(buildSeccompPolicy('x64', 'none')?.rules).toEqual([
      'kill:foreign-arch',
      'enosys:x32',
      'enosys:io_uring_setup',
      'eacces:socket(AF_INET)',
      'eacces:socket(AF_INET6)',
    ]);
    expect(buildSeccompPolicy('x64', 'loopback')?.rules).toEqual(['kill:foreign-arch', 'enosys:x32', 'enosys:io_uring_setup']);
  });

  it('checks the architecture first and ends with allow, EACCES, ENOSYS and kill returns', () => {
    const policy = buildSeccompPolicy('arm64', 'none');
    const program = decode(policy?.program ?? Buffer.alloc(0));
    expect(program[0]).toEqual([0x20, 0, 0, 4]);
    expect(program[1]).toEqual([0x15, 0, program.length - 1 - 2, 0xc00000b7]);
    expect(program.slice(-4)).toEqual([
      [0x06, 0, 0, 0x7fff0000],
      [0x06, 0, 0, 0x00050000 | 13],
      [0x06, 0, 0, 0x00050000 | 38],
      [0x06, 0, 0, 0x80000000],
    ]);
  });

  it('keeps every jump inside the program', () => {
    for (const [arch, network] of [['x64', 'none'], ['x64', 'loopback'], ['arm64', 'none']] as const) {
      const program = decode(buildSeccompPolicy(arch, network)?.program ?? Buffer.alloc(0));
      program.forEach(([code, jt, jf], index) => {
        // Only BPF_JMP instructions jump; the returns end the program.
        if ((code & 0x07) !== 0x05) return;
        expect(index + 1 + jt).toBeLessThan(program.length);
        expect(index + 1 + jf).toBeLessThan(program.length);
      });
    }
  });

  it('gives no filter for an architecture without syscall numbers', () => {
    expect(buildSeccompPolicy('riscv64', 'none')).toBeUndefined();
  });
});
