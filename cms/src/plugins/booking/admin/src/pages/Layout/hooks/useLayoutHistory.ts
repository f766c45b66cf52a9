import * as React from 'react';
import type { Grid } from '../grid';

const LIMIT = 200;

/** The draft grid with undo and redo; a drag stroke is one step (begin once, then apply freely). */
export function useLayoutHistory(initial: Grid) {
  const [state, setState] = React.useState<{ past: Grid[]; present: Grid; future: Grid[] }>({ past: [], present: initial, future: [] });
  return {
    grid: state.present,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    /** Records the current grid as an undo step, then replaces it. */
    commit: (next: Grid | ((g: Grid) => Grid)) =>
      setState((s) => {
        const value = typeof next === 'function' ? next(s.present) : next;
        if (value === s.present) return s;
        return { past: [...s.past, s.present].slice(-LIMIT), present: value, future: [] };
      }),
    /** Starts a stroke: one undo step for everything `apply` does until the next commit or begin. */
    begin: () => setState((s) => ({ past: [...s.past, s.present].slice(-LIMIT), present: s.present, future: [] })),
    apply: (fn: (g: Grid) => Grid) => setState((s) => ({ ...s, present: fn(s.present) })),
    /** Ends a stroke that changed nothing: drop its undo step. */
    settle: () => setState((s) => (s.past.length && s.past[s.past.length - 1] === s.present ? { ...s, past: s.past.slice(0, -1) } : s)),
    undo: () => setState((s) => (s.past.length ? { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] } : s)),
    redo: () => setState((s) => (s.future.length ? { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) } : s)),
    reset: (g: Grid) => setState({ past: [], present: g, future: [] }),
  };
}
