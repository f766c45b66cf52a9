import { Box, Typography } from '@strapi/design-system';
import { isSeat, type Grid } from '../grid';

/**
 * The room as the mini program's seat map draws it (components/seat-map: the same colours, rounded
 * seats, hatched disabled seats, dashed door), every seat shown free, at the phone's cell size.
 */
const CELL = 28;
const GAP = 3;

export function MiniProgramPreview({ grid, title, legend }: { grid: Grid; title: string; legend: { free: string; disabled: string; door: string } }) {
  return (
    <Box data-preview style={{ width: 375, background: '#ffffff', borderRadius: 12, border: '1px solid #eaeaef', overflow: 'hidden' }}>
      <div style={{ background: '#ffffff', padding: '10px 12px', borderBottom: '1px solid #f0f0f0', textAlign: 'center', fontSize: 15, fontWeight: 600 }}>{title}</div>
      <div style={{ display: 'flex', gap: 12, padding: '8px 10px', fontSize: 11, color: '#5e5e5e' }}>
        <span><i style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: '#e3f9e9', border: '1px solid #2ba471', marginRight: 4, verticalAlign: -2 }} />{legend.free}</span>
        <span><i style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: 'repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 3px,#dcdcdc 3px,#dcdcdc 4.5px)', border: '1px solid #dcdcdc', marginRight: 4, verticalAlign: -2 }} />{legend.disabled}</span>
      </div>
      <div style={{ background: '#f3f5f7', padding: 6, overflow: 'auto', maxHeight: 420 }}>
        {grid.map((line, row) => (
          <div key={row} style={{ display: 'flex', marginTop: row ? GAP : 0 }}>
            {line.map((c, col) => {
              const style: React.CSSProperties = { width: CELL, height: CELL, marginRight: GAP, flexShrink: 0, boxSizing: 'border-box', borderRadius: '5px 5px 3px 3px', display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 10 };
              if (isSeat(c)) {
                Object.assign(style, c.enabled ? { background: '#e3f9e9', border: '1px solid #2ba471', color: '#2ba471' } : { background: 'repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 3px,#dcdcdc 3px,#dcdcdc 4.5px)', border: '1px solid #dcdcdc', color: '#bbbbbb' });
              } else if (c?.kind === 'wall') Object.assign(style, { background: '#c9cdd4', borderRadius: 1 });
              else if (c?.kind === 'door') Object.assign(style, { background: '#fff3e0', border: '1px dashed #ed7b2f', color: '#ed7b2f' });
              return (
                <div key={col} style={style}>
                  {isSeat(c) ? c.label : c?.kind === 'door' ? legend.door : ''}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <Box padding={2}>
        <Typography variant="pi" textColor="neutral500">双指缩放、拖动查看整个房间 · 点击绿色座位选座</Typography>
      </Box>
    </Box>
  );
}
