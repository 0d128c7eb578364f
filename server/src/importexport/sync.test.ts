import { describe, expect, it } from 'vitest';
import { changedColumns, planEntities, planSets, sameValue, scopedKey } from './sync';

describe('planEntities', () => {
  const stored = [
    {
      id: 'id-1',
      scope: 'c1',
      key: 'a',
      values: { name: 'A', starts_at: new Date('2027-01-01T08:00:00Z'), tags: ['x'] },
    },
    { id: 'id-2', scope: 'c1', key: 'b', values: { name: 'B', starts_at: null, tags: [] } },
    { id: 'id-3', scope: 'c2', key: 'a', values: { name: 'other center', starts_at: null, tags: [] } },
  ];

  it('inserts new keys, updates changed columns only, and matches the rest', () => {
    const plan = planEntities(stored, [
      { scope: 'c1', key: 'a', values: { name: 'A', starts_at: '2027-01-01T08:00:00.000Z', tags: ['x'] } },
      { scope: 'c1', key: 'b', values: { name: 'B2', starts_at: null, tags: [] } },
      { scope: 'c1', key: 'c', values: { name: 'C', starts_at: null, tags: [] } },
    ]);
    expect(plan.inserts.map((row) => row.key)).toEqual(['c']);
    expect(plan.updates).toEqual([{ id: 'id-2', values: { name: 'B2' } }]);
    expect([...plan.matched]).toEqual([
      [scopedKey('c1', 'a'), 'id-1'],
      [scopedKey('c1', 'b'), 'id-2'],
    ]);
  });

  it('matches keys within their scope only', () => {
    const plan = planEntities(stored, [{ scope: 'c3', key: 'a', values: { name: 'A' } }]);
    expect(plan.inserts).toHaveLength(1);
  });
});

describe('planSets', () => {
  const columns = ['parent', 'weekday', 'start', 'end'];
  const stored = [
    { parent: 'p1', weekday: 1, start: '09:00', end: '12:00' },
    { parent: 'p1', weekday: 2, start: '09:00', end: '12:00' },
    { parent: 'p2', weekday: 1, start: '10:00', end: '11:00' },
  ];

  it('deletes what is gone, inserts what is new, keeps the rest, and names the changed parents', () => {
    const plan = planSets(
      stored,
      [
        { parent: 'p1', weekday: 1, start: '09:00', end: '12:00' },
        { parent: 'p1', weekday: 2, start: '09:00', end: '13:00' },
        { parent: 'p2', weekday: 1, start: '10:00', end: '11:00' },
      ],
      columns,
      'parent',
    );
    expect(plan.deletes).toEqual([stored[1]]);
    expect(plan.inserts).toEqual([{ parent: 'p1', weekday: 2, start: '09:00', end: '13:00' }]);
    expect([...plan.changedParents]).toEqual(['p1']);
  });

  it('does nothing when the sets are equal, and inserts a duplicate desired row once', () => {
    expect(planSets(stored, [...stored].reverse(), columns, 'parent').changedParents.size).toBe(0);
    const row = { parent: 'p3', weekday: 5, start: '08:00', end: '09:00' };
    expect(planSets([], [row, { ...row }], columns, 'parent').inserts).toEqual([row]);
  });
});

describe('value comparison', () => {
  it('compares timestamps as instants and treats undefined as null', () => {
    expect(sameValue(new Date('2027-01-01T08:00:00Z'), '2027-01-01T08:00:00.000Z')).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(['de', 'en'], ['en', 'de'])).toBe(false);
    expect(changedColumns({ a: 1, b: 'x' }, { a: 1, b: 'y' })).toEqual({ b: 'y' });
  });
});
