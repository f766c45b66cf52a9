import * as React from 'react';

/** Loads `load()` when `deps` change; exposes loading / error / data and a reload (the pages' one pattern). */
export function useRequest<T>(load: () => Promise<T>, deps: React.DependencyList) {
  const [state, setState] = React.useState<{ loading: boolean; error: Error | null; data: T | null }>({ loading: true, error: null, data: null });
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ loading: false, error: null, data }),
      (error) => live && setState({ loading: false, error, data: null }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
