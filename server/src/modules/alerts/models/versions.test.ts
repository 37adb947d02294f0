import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './versions';

const base = { kind: 'low_pass_rate', title: '审批通过率低', enabled: true, startStage: 'urge' as const, params: { windowDays: 90, minFinished: 20, maxPassRate: 0.6 } };

describe('diffDefinitions', () => {
  it('names each changed field and parameter with its old and new value', () => {
    expect(diffDefinitions(base, { ...base, title: '通过率偏低', params: { ...base.params, maxPassRate: 0.5, windowDays: 90 } })).toEqual([
      { path: 'title', label: '模型名称', before: '审批通过率低', after: '通过率偏低' },
      { path: 'params.maxPassRate', label: '通过率阈值', before: 0.6, after: 0.5 },
    ]);
  });

  it('finds nothing between equal definitions, whatever the key order', () => {
    expect(diffDefinitions(base, { ...base, params: { maxPassRate: 0.6, minFinished: 20, windowDays: 90 } })).toEqual([]);
  });

  it('compares structured parameters as a whole and reads a missing one as null', () => {
    const collision = {
      kind: 'collision',
      title: '假残真证',
      enabled: true,
      startStage: 'verify' as const,
      params: { left: 'a', right: 'b', on: [{ left: 'id', right: 'id' }], conditions: [], unit: null },
    };
    const changed = { ...collision, enabled: false, params: { ...collision.params, on: [{ right: 'id_no', left: 'id' }], unit: { side: 'right', column: 'town' } } };
    expect(diffDefinitions(collision, changed)).toEqual([
      { path: 'enabled', label: '启用', before: true, after: false },
      { path: 'params.on', label: '关联列', before: [{ left: 'id', right: 'id' }], after: [{ right: 'id_no', left: 'id' }] },
      { path: 'params.unit', label: '责任单位编码所在列', before: null, after: { side: 'right', column: 'town' } },
    ]);
    const { unit: _u, ...noUnit } = collision.params;
    expect(diffDefinitions({ ...collision, params: noUnit }, collision)).toEqual([]);
  });
});
