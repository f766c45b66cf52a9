import * as React from 'react';
import { previewParagraphs, type InlineNode } from '../../../utils/blocks';
import { useT } from '../../../utils/useT';

export interface PreviewContent {
  title: string;
  summary: string;
  body: unknown[];
  coverUrl: string | null;
  pinned: boolean;
  publishedLabel: string;
  audienceLabel: string;
}

/*
 * The mini program's announcement page (subpackages/booking/announcement) redrawn at phone size:
 * its colours, card, "置顶" tag, summary box and block kinds. 750rpx = 375px, so rpx / 2 = px.
 */
const s = {
  phone: { width: 375, height: 720, borderRadius: 36, border: '10px solid #1f1f1f', background: '#f3f5f7', overflow: 'hidden', display: 'flex', flexDirection: 'column', boxShadow: '0 8px 24px rgba(0,0,0,.18)', margin: '0 auto' },
  status: { height: 24, padding: '4px 18px 0', fontSize: 12, display: 'flex', justifyContent: 'space-between', background: '#ffffff', color: '#1f1f1f' },
  nav: { height: 44, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 16, fontWeight: 600, background: '#ffffff', color: '#1f1f1f', position: 'relative', borderBottom: '1px solid #eee' },
  capsule: { position: 'absolute', right: 8, top: 8, width: 80, height: 28, borderRadius: 14, border: '1px solid #e5e5e5', display: 'flex', alignItems: 'center', justifyContent: 'space-around', fontSize: 14, color: '#333' },
  scroll: { flex: 1, overflowY: 'auto', padding: 12 },
  card: { background: '#ffffff', borderRadius: 8, padding: 16 },
  cover: { width: '100%', borderRadius: 6, marginBottom: 10, display: 'block' },
  title: { fontSize: 18, fontWeight: 600, marginBottom: 6, lineHeight: 1.4, color: '#1f1f1f' },
  muted: { color: '#8b8b8b', fontSize: 12 },
  tag: { display: 'inline-block', padding: '1px 6px', borderRadius: 3, fontSize: 11, lineHeight: '18px', background: '#fff1e9', color: '#be5a00', marginRight: 4 },
  summary: { margin: '12px 0', padding: 10, background: '#f3f5f7', borderRadius: 6, color: '#5e5e5e', fontSize: 13, lineHeight: 1.6 },
  block: { fontSize: 14, lineHeight: 1.8, marginBottom: 8, color: '#1f1f1f', wordBreak: 'break-word' },
} satisfies Record<string, React.CSSProperties>;

const KIND: Record<string, React.CSSProperties> = {
  heading: { fontWeight: 600, fontSize: 15 },
  quote: { borderLeft: '3px solid #d9e7ff', paddingLeft: 8, color: '#5e5e5e' },
  item: {},
  paragraph: {},
};

const Inline = ({ node }: { node: InlineNode }) => <span style={{ fontWeight: node.bold ? 600 : undefined, fontStyle: node.italic ? 'italic' : undefined }}>{node.text}</span>;

export const PhonePreview = ({ content }: { content: PreviewContent }) => {
  const t = useT();
  const paragraphs = previewParagraphs(content.body);
  return (
    <div style={s.phone} data-testid="phone-preview" aria-label="phone preview">
      <div style={s.status}>
        <span>9:41</span>
        <span>●●● 100%</span>
      </div>
      <div style={s.nav}>
        {t('ed.preview.nav')}
        <span style={s.capsule}>
          <span>•••</span>
          <span>◎</span>
        </span>
      </div>
      <div style={s.scroll}>
        <div style={s.card}>
          {content.coverUrl ? <img style={s.cover} src={content.coverUrl} alt="" /> : null}
          <div style={s.title}>{content.title || t('ed.preview.untitled')}</div>
          <div style={s.muted}>
            {content.pinned ? <span style={s.tag}>置顶</span> : null}
            {content.publishedLabel}
          </div>
          {content.summary ? <div style={s.summary}>{content.summary}</div> : null}
          <div style={{ marginTop: 12 }}>
            {paragraphs.map((p) => (
              <div key={p.key} style={{ ...s.block, ...KIND[p.kind] }}>
                {p.kind === 'item' ? <span style={{ color: '#0052d9' }}>• </span> : null}
                {p.nodes.map((n, i) => (
                  <Inline key={i} node={n} />
                ))}
              </div>
            ))}
          </div>
        </div>
        <div style={{ ...s.muted, textAlign: 'center', marginTop: 10 }}>{content.audienceLabel}</div>
      </div>
    </div>
  );
};
