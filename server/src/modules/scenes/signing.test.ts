import { describe, expect, it } from 'vitest';
import { createSealer } from '../../lib/sealing';
import { newSceneId, signScene, verifyScene } from './signing';

const keys = 'k1:' + Buffer.alloc(32, 1).toString('base64');
const sealer = createSealer(keys, Buffer.alloc(32, 2).toString('base64'));
const other = createSealer(keys, Buffer.alloc(32, 3).toString('base64'));

describe('scene signing', () => {
  it('signs into at most 32 URL-safe characters and verifies', () => {
    for (let i = 0; i < 50; i++) {
      const id = newSceneId();
      const s = signScene(sealer, id);
      expect(s.length).toBeLessThanOrEqual(32);
      expect(s).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(encodeURIComponent(s)).toBe(s);
      expect(verifyScene(sealer, s)).toBe(id);
    }
  });
  it('rejects tampered ids, tampered signatures, other keys and junk', () => {
    const id = newSceneId();
    const s = signScene(sealer, id);
    const [sid, sig] = s.split('.') as [string, string];
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    expect(verifyScene(sealer, `${flip(sid[0]!)}${sid.slice(1)}.${sig}`)).toBeNull();
    expect(verifyScene(sealer, `${sid}.${sig.slice(0, -1)}${flip(sig.at(-1)!)}`)).toBeNull();
    expect(verifyScene(other, s)).toBeNull();
    for (const junk of ['', sid, `${sid}.`, `${s}.x`, `${s}x`, 'a'.repeat(40)]) expect(verifyScene(sealer, junk)).toBeNull();
  });
});
