// Which file of the workbench's producer records holds a producer (issue 14): the export
// (loaders/site/workbench/producers.ts) puts each producer's record in shard
// producerShard(id, n) of n, and the page /workbench/producer?id=… fetches that one shard
// only, so both sides must hash alike — hence one function, shared with the browser (it
// imports nothing; docs/architecture.md lists it). Also the one way a page links a producer.

/** FNV-1a (32 bits) over the id's UTF-16 code units, modulo the number of shards. */
export function producerShard(producerId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < producerId.length; i++) {
    hash ^= producerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return shards > 0 ? hash % shards : 0;
}

/** The link to a producer's page from a workbench page ("./producer?id=…"); the id is a USCC or "name:<名称>". */
export function producerHref(producerId: string, page = "./producer"): string {
  return `${page}?id=${encodeURIComponent(producerId)}`;
}
