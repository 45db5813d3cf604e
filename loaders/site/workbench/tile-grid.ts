// Tile-grid positions for the 41 units of article 5, one square per unit, laid by
// hand to approximate geography (north at the top, the 主城 cluster in the middle).
//
// Why a tile grid and not a map: boundary maps of China need official approval
// before publication (《地图管理条例》 map review), and three of the 41 units —
// 两江新区, 重庆高新区, 万盛经开区 — are functional zones with no boundary of their
// own, so a choropleth could not show them at all. A tile grid shows every unit
// with equal weight and needs no boundaries.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Region } from "../../contract/regions.ts";
import { query } from "../../db/connection.ts";

/** A unit of article 5 and its square in the grid. */
export interface RegionTile extends Region {
  col: number;
  row: number;
}

/** [code, col, row]; row 0 is the northernmost (城口), col 0 the westernmost (大足, 荣昌). */
export const REGION_TILE_POSITIONS: ReadonlyArray<readonly [string, number, number]> = [
  ["500229", 9, 0], // 城口
  ["500154", 8, 1], ["500235", 9, 1], ["500238", 10, 1], // 开州 云阳 巫溪
  ["500231", 6, 2], ["500155", 7, 2], ["500101", 8, 2], ["500236", 9, 2], ["500237", 10, 2], // 垫江 梁平 万州 奉节 巫山
  ["500152", 1, 3], ["500117", 2, 3], ["500109", 3, 3], ["500112", 4, 3], ["LJXQ", 5, 3], // 潼南 合川 北碚 渝北 两江新区
  ["500115", 6, 3], ["500233", 7, 3], ["500240", 8, 3], // 长寿 忠县 石柱
  ["500111", 0, 4], ["500151", 1, 4], ["GXQ", 2, 4], ["500106", 3, 4], ["500103", 4, 4], // 大足 铜梁 高新区 沙坪坝 渝中
  ["500105", 5, 4], ["500102", 6, 4], ["500230", 7, 4], ["500114", 8, 4], // 江北 涪陵 丰都 黔江
  ["500153", 0, 5], ["500118", 1, 5], ["500120", 2, 5], ["500107", 3, 5], ["500108", 4, 5], // 荣昌 永川 璧山 九龙坡 南岸
  ["500113", 5, 5], ["500156", 6, 5], ["500243", 7, 5], ["500242", 8, 5], // 巴南 武隆 彭水 酉阳
  ["500116", 2, 6], ["500104", 3, 6], ["500110", 4, 6], ["WSJKQ", 5, 6], ["500119", 6, 6], ["500241", 8, 6], // 江津 大渡口 綦江 万盛经开区 南川 秀山
];

/** The 41 tiles with the names from the regions table (the codes above are checked against it in tests). */
export async function loadRegionTileGrid(conn: DuckDBConnection): Promise<RegionTile[]> {
  const regions = await query(conn, "SELECT code, name, short_name, type FROM regions ORDER BY code");
  const byCode = new Map(regions.map((r) => [String(r.code), r]));
  return REGION_TILE_POSITIONS.map(([code, col, row]) => {
    const region = byCode.get(code);
    if (!region) throw new Error(`区县拼图网格中的代码 ${code} 不在 regions 表中（第五条所列 41 个单位）`);
    return { code, name: String(region.name), short_name: String(region.short_name), type: String(region.type), col, row };
  });
}
