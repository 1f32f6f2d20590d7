import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import type { SlipData } from './invitations';

/**
 * The printable A4 sheet of invitation slips: eight slips a page (2 × 4), each with the
 * campaign, organizer, unit, the code, the link and a QR code of the link as inline SVG,
 * so the page prints offline with no other request. Cut along the dashed lines.
 */
export interface SheetInput {
  campaignName: string;
  organizer: string;
  /** Origin the links point at, e.g. https://khaosat.example.gov.vn (no trailing slash). */
  origin: string;
  slips: SlipData[];
}

/** The sheet's only style, inline so the page prints with no other request. */
const SHEET_CSS = `
  @page { size: A4; margin: 8mm; }
  * { box-sizing: border-box; }
  /* Every printed word at 10 pt or more (the code larger), and nothing clipped: a slip grows
     with long names instead of hiding text, and is never split across pages. */
  body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; margin: 0; color: #000; }
  .sheet { display: grid; grid-template-columns: 1fr 1fr; width: 194mm; margin: 0 auto; }
  .slip { min-height: 69mm; border: 1px dashed #888; padding: 3mm; display: grid; grid-template-columns: 27mm 1fr; grid-template-rows: auto 1fr;
    column-gap: 3mm; row-gap: 1mm; break-inside: avoid; page-break-inside: avoid; background: #fff; }
  .qr { grid-row: 1; grid-column: 1; padding-top: 0.5mm; }
  .qr svg { display: block; width: 27mm; height: 27mm; }
  .head { grid-row: 1; grid-column: 2; line-height: 1.2; min-width: 0; }
  .foot { grid-row: 2; grid-column: 1 / span 2; line-height: 1.2; }
  p { margin: 0 0 0.8mm; font-size: 10pt; overflow-wrap: anywhere; }
  .org { font-weight: bold; }
  .code { font: bold 16pt/1.2 "DejaVu Sans Mono", monospace; letter-spacing: 1px; margin: 1mm 0 0 !important; white-space: nowrap; }
  .link { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
  .note.en { font-style: italic; }
  @media print { .slip:nth-child(8n) { break-after: page; page-break-after: always; } }
  @media screen { body { background: #eee; } .sheet { background: #fff; margin: 8mm auto; } }
`;
/**
 * The CSP source that admits exactly that style: the sheet's own Content-Security-Policy
 * uses it, and so does the app's, because the console shows the sheet as a blob: URL, which
 * inherits the policy of the page that made it (plugins/security-headers.ts).
 */
export const SHEET_STYLE_SOURCE = `'sha256-${createHash('sha256').update(SHEET_CSS).digest('base64')}'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The link a slip prints and encodes: the PWA's respond route with the code, dash-free. */
function invitationLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/r/${code.replace(/-/g, '')}`;
}

async function slipHtml(input: SheetInput, slip: SlipData): Promise<string> {
  const link = invitationLink(input.origin, slip.code);
  const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  return `<section class="slip">
  <div class="qr">${qr}</div>
  <div class="head">
    <p class="org">${escapeHtml(input.organizer)}</p>
    <p class="camp">${escapeHtml(input.campaignName)}</p>
    <p class="who">${escapeHtml(slip.groupName)}${slip.unitName ? ` · ${escapeHtml(slip.unitName)}` : ''}</p>
    <p class="code">${escapeHtml(slip.code)}</p>
  </div>
  <div class="foot">
    <p class="link">${escapeHtml(link)}</p>
    <p class="note">Quét mã QR hoặc mở đường dẫn để trả lời. Mã dùng một lần; câu trả lời ẩn danh.</p>
    <p class="note en">Scan or open the link to answer. One use; answers are anonymous.</p>
  </div>
</section>`;
}

export async function renderSheet(input: SheetInput): Promise<string> {
  const slips = await Promise.all(input.slips.map((s) => slipHtml(input, s)));
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Phiếu mời khảo sát: ${escapeHtml(input.campaignName)}</title>
<style>${SHEET_CSS}</style>
</head>
<body>
<main class="sheet">
${slips.join('\n')}
</main>
</body>
</html>
`;
}
