import * as React from 'react';
import { isSeat, type Cell, type Grid } from '../grid';
import { CELL_COLOURS, SEAT_COLOURS } from './styles';

const SIZE = 34;

function cellStyle(c: Cell, focused: boolean, selected: boolean): React.CSSProperties {
  const base: React.CSSProperties = {
    width: SIZE,
    height: SIZE,
    boxSizing: 'border-box',
    borderRadius: 4,
    fontSize: 11,
    fontWeight: 600,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    userSelect: 'none',
    cursor: 'crosshair',
    outline: focused ? '2px solid #271fe0' : selected ? '2px solid #ee5e52' : 'none',
    outlineOffset: 1,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  };
  if (isSeat(c)) {
    const col = SEAT_COLOURS[c.type];
    return { ...base, background: c.enabled ? col.bg : `repeating-linear-gradient(45deg, ${col.bg}, ${col.bg} 4px, #dcdce4 4px, #dcdce4 6px)`, border: `2px solid ${col.border}`, color: col.text, opacity: c.enabled ? 1 : 0.75 };
  }
  const kind = c ? c.kind : 'empty';
  const col = CELL_COLOURS[kind];
  return { ...base, background: col.bg, border: `1px ${kind === 'door' ? 'dashed' : 'solid'} ${col.border}`, color: '#a5561a' };
}

interface Props {
  grid: Grid;
  focus: { row: number; col: number };
  selected: { row: number; col: number } | null;
  doorLabel: string;
  onPress: (row: number, col: number) => void;
  onEnter: (row: number, col: number) => void;
  onRelease: (row: number, col: number) => void;
  onKeyDown: (e: React.KeyboardEvent) => void;
  label: string;
}

/** The editable grid: press and drag to paint, arrows to move the cursor (handled by the page). */
export function EditorGrid({ grid, focus, selected, doorLabel, onPress, onEnter, onRelease, onKeyDown, label }: Props) {
  const cols = grid[0]?.length ?? 0;
  return (
    <div
      role="grid"
      aria-label={label}
      tabIndex={0}
      data-layout-grid
      onKeyDown={onKeyDown}
      style={{ display: 'inline-grid', gridTemplateColumns: `28px repeat(${cols}, ${SIZE}px)`, gap: 3, padding: 8, background: '#fafafc', borderRadius: 4, outline: 'none' }}
    >
      <div />
      {Array.from({ length: cols }, (_, k) => (
        <div key={`h${k}`} style={{ fontSize: 10, color: '#8e8ea9', textAlign: 'center' }}>{k + 1}</div>
      ))}
      {grid.map((line, row) => (
        <React.Fragment key={row}>
          <div style={{ fontSize: 10, color: '#8e8ea9', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{row < 26 ? String.fromCharCode(65 + row) : row + 1}</div>
          {line.map((c, col) => (
            <div
              key={col}
              role="gridcell"
              data-cell={`${row}-${col}`}
              data-kind={c ? (isSeat(c) ? `seat:${c.type}` : c.kind) : 'empty'}
              title={isSeat(c) ? `${c.label}${c.code ? ` · ${c.code}` : ''}` : undefined}
              style={cellStyle(c, focus.row === row && focus.col === col, selected?.row === row && selected?.col === col)}
              onMouseDown={(e) => {
                // No text selection while dragging; keep the keyboard on the grid.
                e.preventDefault();
                (e.currentTarget.closest('[data-layout-grid]') as HTMLElement | null)?.focus();
                onPress(row, col);
              }}
              onMouseEnter={() => onEnter(row, col)}
              onMouseUp={() => onRelease(row, col)}
            >
              {isSeat(c) ? c.label : c?.kind === 'door' ? doorLabel : ''}
            </div>
          ))}
        </React.Fragment>
      ))}
    </div>
  );
}
