/**
 * A live query for Preact: the component re-renders whenever the rows behind the query change,
 * including writes made by the background or another extension page (Dexie broadcasts them).
 * A small version of dexie-react-hooks' useLiveQuery, which would pull in React.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface LiveResult<T> {
  value: T | undefined;
  error: Error | null;
}

export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ value: undefined, error: null });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ value, error: null }),
      error: (error: unknown) =>
        setResult((r) => ({ value: r.value, error: error instanceof Error ? error : new Error(String(error)) })),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
  }, deps);
  return result;
}
