// A small in-memory database with the real schema, for tests with hand-computed oracles.
// Give only the columns a test cares about; the rest get valid defaults.
import { createSchema } from "../../loaders/db/create-schema.ts";
import { openDatabase, type Database } from "../../loaders/db/connection.ts";

export interface FixtureBatch {
  sample_id: string;
  task_id?: string; plan_year?: number; level?: string; kind?: string; organizer?: string;
  product_category?: string; product_name?: string; brand?: string | null; model?: string | null;
  batch_no?: string | null; standard?: string | null;
  producer_name?: string; producer_uscc?: string | null; producer_address?: string | null;
  producer_region?: string | null; // code or 市外:省份
  sampled_name?: string; sampled_uscc?: string | null; sampled_address?: string | null; sampled_region?: string;
  sampled_contact?: string | null; sampled_phone?: string | null;
  channel?: string; platform?: string | null; enterprise_size?: string | null;
  sampling_date?: string; sampler_ids?: string[]; sampling_agency?: string; outcome?: string; onsite?: boolean;
  inspection_agency?: string | null; inspector_ids?: string[] | null; report_no?: string | null;
  report_date?: string | null; conclusion?: string | null; failed_items?: string[] | null; serious?: boolean;
}

export interface FixtureEvent {
  sample_id: string; event: string; date: string; result?: string | null; agency?: string | null; note?: string | null;
}

const defaults: Omit<Required<FixtureBatch>, "sample_id"> = {
  task_id: "T-2025-001", plan_year: 2025, level: "市级", kind: "日常", organizer: "重庆市市场监督管理局",
  product_category: "电线电缆", product_name: "聚氯乙烯绝缘电缆", brand: "示例牌", model: "BV 2.5",
  batch_no: "2025-03", standard: "GB/T 5023.3-2008",
  producer_name: "重庆示例电缆有限公司", producer_uscc: null, producer_address: "重庆市渝北区示例路1号",
  producer_region: "500112",
  sampled_name: "重庆示例电缆有限公司", sampled_uscc: null, sampled_address: "重庆市渝北区示例路1号", sampled_region: "500112",
  sampled_contact: "张三", sampled_phone: "13800000000",
  channel: "生产", platform: null, enterprise_size: "小型",
  sampling_date: "2025-03-10", sampler_ids: ["S001", "S002"], sampling_agency: "重庆市质量检验检测研究院",
  outcome: "已抽样", onsite: false, inspection_agency: "重庆市质量检验检测研究院", inspector_ids: ["I001"],
  report_no: "R-0001", report_date: "2025-03-20", conclusion: "合格", failed_items: null, serious: false,
};

function sqlList(values: string[] | null | undefined): string | null {
  return values == null ? null : JSON.stringify(values);
}

export async function createFixtureDb(batches: FixtureBatch[], events: FixtureEvent[] = []): Promise<Database> {
  const db = await openDatabase(":memory:", { readOnly: false });
  await createSchema(db.conn);
  for (const [i, partial] of batches.entries()) {
    const b = { ...defaults, ...partial };
    const producerRegion = b.producer_region;
    await db.conn.run(
      `INSERT INTO batches BY NAME SELECT
         $sample_id AS sample_id, $task_id AS task_id, $plan_year::INTEGER AS plan_year, $level AS level, $kind AS kind,
         $organizer AS organizer, $product_category AS product_category, $product_name AS product_name,
         $brand AS brand, $model AS model, $batch_no AS batch_no, $standard AS standard,
         $producer_name AS producer_name, $producer_uscc AS producer_uscc, $producer_address AS producer_address,
         $producer_region AS producer_region,
         CASE WHEN $producer_region IS NULL THEN NULL ELSE NOT starts_with($producer_region, '市外') END AS producer_in_city,
         $sampled_name AS sampled_name, $sampled_uscc AS sampled_uscc, $sampled_address AS sampled_address,
         $sampled_region AS sampled_region, $sampled_contact AS sampled_contact, $sampled_phone AS sampled_phone,
         $channel AS channel, $platform AS platform, $enterprise_size AS enterprise_size,
         $sampling_date::DATE AS sampling_date, from_json($sampler_ids, '["VARCHAR"]') AS sampler_ids,
         $sampling_agency AS sampling_agency, $outcome AS outcome, $onsite::BOOLEAN AS onsite,
         $inspection_agency AS inspection_agency, from_json($inspector_ids, '["VARCHAR"]') AS inspector_ids,
         $report_no AS report_no, $report_date::DATE AS report_date, $conclusion AS conclusion,
         from_json($failed_items, '["VARCHAR"]') AS failed_items, $serious::BOOLEAN AS serious,
         NULL AS extra_columns, 'fixture' AS source_file, $row::INTEGER AS source_row, 0 AS ingest_id`,
      {
        ...b, sample_id: partial.sample_id, producer_region: producerRegion,
        sampler_ids: sqlList(b.sampler_ids), inspector_ids: sqlList(b.inspector_ids),
        failed_items: sqlList(b.failed_items), row: i + 2,
      } as never,
    );
  }
  for (const [i, e] of events.entries()) {
    await db.conn.run(
      `INSERT INTO events BY NAME SELECT $sample_id AS sample_id, $event AS event, $date::DATE AS date,
         $result AS result, $agency AS agency, $note AS note, NULL AS extra_columns,
         'fixture' AS source_file, $row::INTEGER AS source_row, 0 AS ingest_id`,
      { sample_id: e.sample_id, event: e.event, date: e.date, result: e.result ?? null, agency: e.agency ?? null, note: e.note ?? null, row: i + 2 },
    );
  }
  return db;
}
