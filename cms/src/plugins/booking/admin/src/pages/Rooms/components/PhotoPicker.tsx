import * as React from 'react';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { roomSetupApi, type MediaFile, type RoomSetup } from '../../../api/client';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { useRequest } from '../../../utils/useRequest';
import { useRefusal, useT } from '../../../utils/useT';

type Photo = RoomSetup['photos'][number];
const thumb = (f: MediaFile) => f.formats?.small?.url ?? f.formats?.thumbnail?.url ?? f.url;

/** Picks images from the media library (Strapi's upload plugin), or uploads new ones into it. */
export function PhotoPicker({ chosen, onClose, onPick }: { chosen: number[]; onClose: () => void; onPick: (photos: Photo[]) => void }) {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  const { data, error, loading, reload } = useRequest(() => roomSetupApi.mediaImages(), []);
  const [picked, setPicked] = React.useState<number[]>([]);
  const [uploading, setUploading] = React.useState(false);
  const input = React.useRef<HTMLInputElement>(null);

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setUploading(true);
    try {
      for (const f of Array.from(files)) await roomSetupApi.uploadImage(f);
      reload();
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: refusal(e) });
    } finally {
      setUploading(false);
    }
  }

  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content>
        <Modal.Header><Modal.Title>{t('room.pickPhotos')}</Modal.Title></Modal.Header>
        <Modal.Body>
          {loading && !data ? <Loading /> : error ? <ErrorState error={error} onRetry={reload} /> : !data?.length ? <Empty text={t('room.libraryEmpty')} /> : (
            <Flex gap={2} wrap="wrap">
              {data.map((f) => {
                const on = picked.includes(f.id);
                const already = chosen.includes(f.id);
                return (
                  <Box key={f.id} tag="button" type="button" disabled={already} onClick={() => setPicked((p) => (on ? p.filter((x) => x !== f.id) : [...p, f.id]))} style={{ border: on ? '3px solid #4945ff' : '3px solid transparent', borderRadius: 6, padding: 0, opacity: already ? 0.4 : 1, background: 'none', cursor: already ? 'default' : 'pointer' }}>
                    <img src={thumb(f)} alt={f.name} style={{ width: 132, height: 88, objectFit: 'cover', display: 'block', borderRadius: 3 }} />
                    <Typography variant="pi" ellipsis style={{ display: 'block', width: 132 }}>{f.name}</Typography>
                  </Box>
                );
              })}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <input ref={input} type="file" accept="image/*" multiple hidden onChange={(e) => upload(e.target.files)} />
          <Button variant="secondary" loading={uploading} onClick={() => input.current?.click()}>{t('room.upload')}</Button>
          <Button
            disabled={picked.length === 0}
            onClick={() => {
              onPick((data ?? []).filter((f) => picked.includes(f.id)).map((f) => ({ id: f.id, url: thumb(f), name: f.name, alt: null })));
              onClose();
            }}
          >
            {t('room.addChosen', { n: picked.length })}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
