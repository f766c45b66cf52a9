import { useEffect, useState } from 'react';
import { api, type BatchProgress } from '../../api/client';

/** Follows one batch: polls its progress route every second until it has completed. */
export function useBatchProgress(id: string | null, onFinished: () => void) {
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!id) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const p = await api.batches.progress(id, { pageSize: 20 });
        if (stopped) return;
        setProgress(p);
        setError(null);
        if (p.status === 'completed') {
          onFinished();
          return;
        }
      } catch (err) {
        if (!stopped) setError(err);
      }
      if (!stopped) timer = setTimeout(tick, 1000);
    };
    setProgress(null);
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return { progress, error };
}
