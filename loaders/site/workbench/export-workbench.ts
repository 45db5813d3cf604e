// The workbench audience's page data (issue 11). Placeholder: the workbench pages still read their
// data through the data loaders in src/ until this export writes it.
import type { ExportContext } from "../export-site.ts";
import type { SiteWriter } from "../site-writer.ts";

export async function exportWorkbench(_ctx: ExportContext, _writer: SiteWriter): Promise<void> {}
