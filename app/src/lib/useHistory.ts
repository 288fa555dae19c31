// The chart's data for one market: the chain's TWAP histories, the samples of earlier visits,
// and a new sample of mark and index at every block.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiPromise } from '@polkadot/api';
import { chainHistory, compress, loadSamples, mergePoints, saveSamples, type History } from '../chain/history';
import type { MarketInfo } from '../chain/views';

export function useHistory(api: ApiPromise | undefined, chainKey: string, info: MarketInfo | undefined, head: number): History {
  const [hist, setHist] = useState<History>({ mark: [], index: [] });
  const samples = useRef<History>({ mark: [], index: [] });
  const base = useRef<History>({ mark: [], index: [] });
  const genesis = chainKey;
  const market = info?.market;
  const collection = info?.collection;

  useEffect(() => {
    if (!api || market === undefined || collection === undefined) return undefined;
    let gone = false;
    samples.current = loadSamples(genesis, market);
    void chainHistory(api, market, collection).then((h) => {
      if (gone) return;
      base.current = h;
      setHist({
        mark: compress(mergePoints(samples.current.mark, h.mark)),
        index: compress(mergePoints(samples.current.index, h.index)),
      });
    });
    return () => {
      gone = true;
    };
  }, [api, genesis, market, collection]);

  useEffect(() => {
    if (!info || head === 0) return;
    const s = samples.current;
    s.mark = mergePoints(s.mark, [{ block: head, price: info.markPrice }]);
    if (info.indexPrice !== null) s.index = mergePoints(s.index, [{ block: head, price: info.indexPrice }]);
    saveSamples(genesis, info.market, s);
    setHist({
      mark: compress(mergePoints(s.mark, base.current.mark, [{ block: head, price: info.markPrice }])),
      index: compress(mergePoints(s.index, base.current.index, info.indexPrice !== null ? [{ block: head, price: info.indexPrice }] : [])),
    });
  }, [info, head, genesis]);

  return hist;
}
